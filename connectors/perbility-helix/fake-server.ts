// Perbility Helix publishes no API: customers connect it through the HR file export, so its "vendor
// server" is their SFTP server holding Helix's employee export. The layout follows perbit's standard
// employee import template (perbit.cloud tutorial "Import Mitarbeiterstammdaten": Personalnummer,
// Vorname, Name, E-Mail Büro, Eintrittsdatum, Austrittsdatum, Mandantnummer), written the way German
// exports are (";" between columns, a UTF-8 BOM, DD.MM.YYYY). That exports use the import template's
// headers is an assumption (connectors/hr-file-export/NOTES.md; the catalog notes say so).
import { GERMAN_EXPORT_TAIL, germanDate, type ExportLayout } from '../hr-file-export/fake-export';

export const PERBILITY_HELIX_EXPORT: ExportLayout = {
  delimiter: ';',
  bom: true,
  header: ['Personalnummer', 'Vorname', 'Name', 'E-Mail Büro', ...GERMAN_EXPORT_TAIL],
  date: germanDate,
  children: 'Anzahl Kinder',
};
