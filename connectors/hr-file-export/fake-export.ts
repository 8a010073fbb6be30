// The fake side of the HR file export: a real SFTP server (fake-sftp-server.ts) holding one
// employee export written in an HR system's layout (delimiter, BOM, header names, date format):
// leavers with their leaving date, one row without an id, three legal entities, the number of
// children in a column. Each catalog entry read through the file export has its layout in its own
// folder's fake-server.ts (Perbility Helix, Mirus); the generic one is here.
import { fakePerson, type FakePerson } from '../kit/fake';
import { startFakeSftp } from './fake-sftp-server';

export const FAKE_SFTP_USER = 'hr-export';
export const FAKE_SFTP_PASSWORD = 'sftp-secret-Pa55';
export const FAKE_SFTP_PATH = '/exports/employees.csv';

/** How an HR system writes its employee export: the file each system's fake SFTP server holds. */
export interface ExportLayout {
  delimiter: string;
  bom: boolean;
  header: string[];
  date(iso: string | null): string;
  children: string;
}

/** DD.MM.YYYY, as German HR systems write dates. */
export const germanDate = (iso: string | null) => (iso ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : '');
/** The columns after the names and e-mail that German exports share (Perbility Helix, Mirus). */
export const GERMAN_EXPORT_TAIL = ['Eintrittsdatum', 'Austrittsdatum', 'Mandantnummer', 'Mandant', 'Beschäftigungsart', 'Geschlecht', 'Familienstand', 'Anzahl Kinder'];

/** The generic preset's layout: English names, ISO dates. */
export const GENERIC_EXPORT: ExportLayout = {
  delimiter: ',',
  bom: false,
  header: ['Employee ID', 'First name', 'Last name', 'Email', 'Hire date', 'Leaving date', 'Company ID', 'Company', 'Employment type', 'Gender', 'Marital status', 'Number of children'],
  date: (iso) => iso ?? '',
  children: 'Number of children',
};

export const ENTITIES = [
  { id: '10', name: 'Beispiel GmbH' },
  { id: '20', name: 'Beispiel Services GmbH' },
  { id: '30', name: 'Beispiel Österreich GmbH' },
];

export const remoteIdOf = (n: number) => String(1000 + n);
export const emailOf = (p: FakePerson) => `${p.emailLocalPart}@hr-file.example`;
export const childrenOf = (n: number) => (n % 3 === 0 ? '' : String(n % 4));

/** The export of `people` persons in a layout (plus one row without an id). */
export function exportFile(layout: ExportLayout, people: number): Buffer {
  const quote = (v: string) => (v.includes(layout.delimiter) || v.includes('"') ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [layout.header.join(layout.delimiter)];
  for (let n = 1; n <= people; n++) {
    const p = fakePerson(n);
    const entity = ENTITIES[n % ENTITIES.length];
    lines.push(
      [remoteIdOf(n), p.firstName, p.lastName, emailOf(p), layout.date(p.hireDate), layout.date(p.terminationDate), entity.id, entity.name, n % 4 === 0 ? 'Teilzeit' : 'Vollzeit', n % 2 ? 'männlich' : 'weiblich', n % 3 ? 'ledig' : 'verheiratet', childrenOf(n)]
        .map(quote)
        .join(layout.delimiter),
    );
  }
  lines.push(['', 'Ohne', 'Nummer', 'ohne.nummer@hr-file.example', layout.date('2020-01-01'), '', '10', ENTITIES[0].name, 'Vollzeit', '', '', ''].join(layout.delimiter));
  const body = Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
  return layout.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/** A real SFTP server holding one export of `people` persons in `layout`, where the sync reads it. */
export function startFakeExportServer(layout: ExportLayout, people: number) {
  return startFakeSftp({
    username: FAKE_SFTP_USER,
    password: FAKE_SFTP_PASSWORD,
    listingPath: FAKE_SFTP_PATH,
    files: { [FAKE_SFTP_PATH]: { bytes: exportFile(layout, people), mtime: new Date() } },
  });
}
