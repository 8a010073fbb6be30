// Mirus publishes no API and no export layout could be found: customers connect it through the HR
// file export (its generic preset, German column names first), so its "vendor server" is their SFTP
// server holding an export with those names: ";" between columns, no BOM, DD.MM.YYYY.
import { GERMAN_EXPORT_TAIL, germanDate, type ExportLayout } from '../hr-file-export/fake-export';

export const MIRUS_EXPORT: ExportLayout = {
  delimiter: ';',
  bom: false,
  header: ['Personalnummer', 'Vorname', 'Nachname', 'E-Mail', ...GERMAN_EXPORT_TAIL],
  date: germanDate,
  children: 'Anzahl Kinder',
};
