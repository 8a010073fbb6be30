// HR file export for the contract suite: its "vendor" is a file source, a real SFTP server
// (fake-sftp-server.ts) holding one export in the layout of the catalog entry (Perbility Helix's
// German names with a BOM and DD.MM.YYYY, Mirus's generic German names, the generic English ones
// with ISO dates), leavers with their leaving date, one row without an id, three legal entities,
// the number of children in a column. A file is one page; a busy server (session refused) is the
// suite's throttle (no Retry-After), a failed open its 5xx, a transfer cut half-way its cut-short.
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { fakePerson, type FakePerson } from '../kit/fake';
import { startFakeSftp } from './fake-sftp-server';

export const FAKE_SFTP_USER = 'hr-export';
export const FAKE_SFTP_PASSWORD = 'sftp-secret-Pa55';
export const FAKE_SFTP_PATH = '/exports/employees.csv';

interface Layout {
  delimiter: string;
  bom: boolean;
  header: string[];
  date(iso: string | null): string;
  children: string;
}

const german = (iso: string | null) => (iso ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : '');
const GERMAN_TAIL = ['Eintrittsdatum', 'Austrittsdatum', 'Mandantnummer', 'Mandant', 'Beschäftigungsart', 'Geschlecht', 'Familienstand', 'Anzahl Kinder'];

export const LAYOUTS: Record<string, Layout> = {
  'hr-file-export': {
    delimiter: ',',
    bom: false,
    header: ['Employee ID', 'First name', 'Last name', 'Email', 'Hire date', 'Leaving date', 'Company ID', 'Company', 'Employment type', 'Gender', 'Marital status', 'Number of children'],
    date: (iso) => iso ?? '',
    children: 'Number of children',
  },
  'perbility-helix': { delimiter: ';', bom: true, header: ['Personalnummer', 'Vorname', 'Name', 'E-Mail Büro', ...GERMAN_TAIL], date: german, children: 'Anzahl Kinder' },
  mirus: { delimiter: ';', bom: false, header: ['Personalnummer', 'Vorname', 'Nachname', 'E-Mail', ...GERMAN_TAIL], date: german, children: 'Anzahl Kinder' },
};

const ENTITIES = [
  { id: '10', name: 'Beispiel GmbH' },
  { id: '20', name: 'Beispiel Services GmbH' },
  { id: '30', name: 'Beispiel Österreich GmbH' },
];

export const remoteIdOf = (n: number) => String(1000 + n);
export const emailOf = (p: FakePerson) => `${p.emailLocalPart}@hr-file.example`;
const childrenOf = (n: number) => (n % 3 === 0 ? '' : String(n % 4));

/** The export of `people` persons in a catalog entry's layout (plus one row without an id). */
export function exportFile(hrSystem: string, people: number): Buffer {
  const layout = LAYOUTS[hrSystem];
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

export function hrFileContractFixture(hrSystem: 'hr-file-export' | 'perbility-helix' | 'mirus'): ContractFixture {
  return {
    hrSystem,
    async start(size?: ContractFakeSize) {
      const people = size?.people ?? 40;
      const server = await startFakeSftp({
        username: FAKE_SFTP_USER,
        password: FAKE_SFTP_PASSWORD,
        listingPath: FAKE_SFTP_PATH,
        files: { [FAKE_SFTP_PATH]: { bytes: exportFile(hrSystem, people), mtime: new Date() } },
      });
      const credentials = {
        source: 'sftp',
        sftpHost: server.host,
        sftpPort: server.port,
        sftpUsername: FAKE_SFTP_USER,
        sftpPassword: FAKE_SFTP_PASSWORD,
        sftpPath: FAKE_SFTP_PATH,
        hostKeySha256: server.hostKeySha256,
      };
      const children = LAYOUTS[hrSystem].children;
      return {
        credentials,
        wrongCredentials: { ...credentials, sftpPassword: 'not-the-password' },
        refusalReason: `did not accept the user ${FAKE_SFTP_USER}`,
        mapping: { numberOfChildren: children },
        expected: () =>
          Array.from({ length: people }, (_, i) => {
            const p = fakePerson(i + 1);
            return { remoteId: remoteIdOf(p.n), email: emailOf(p), leavingDate: text(p.terminationDate), mapped: { numberOfChildren: count(childrenOf(p.n)) } };
          }),
        malformedRecords: 1,
        legalEntities: () => ENTITIES,
        listingPages: 'one',
        listingPath: FAKE_SFTP_PATH,
        tokenPath: null,
        throttleSendsRetryAfter: false,
        faults: server.faults,
        log: server.log,
        secrets: () => [FAKE_SFTP_PASSWORD],
        close: () => server.close(),
      };
    },
  };
}

export const contractFixture = hrFileContractFixture('hr-file-export');
