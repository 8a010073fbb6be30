// HR file export for the contract suite: its "vendor" is a file source, a real SFTP server
// (fake-sftp-server.ts) holding one export in the layout of the catalog entry (the generic English
// one here; Perbility Helix's and Mirus's in their own folders' fake-server.ts), leavers with their leaving date, one row without an id, three legal entities,
// the number of children in a column. A file is one page; a busy server (session refused) is the
// suite's throttle (no Retry-After), a failed open its 5xx, a transfer cut half-way its cut-short.
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { fakePerson } from '../kit/fake';
import { childrenOf, emailOf, ENTITIES, FAKE_SFTP_PASSWORD, FAKE_SFTP_PATH, FAKE_SFTP_USER, GENERIC_EXPORT, remoteIdOf, startFakeExportServer, type ExportLayout } from './fake-export';

/** The contract fixture of a catalog entry read through the HR file export, with its export layout. */
export function hrFileContractFixture(hrSystem: 'hr-file-export' | 'perbility-helix' | 'mirus', layout: ExportLayout): ContractFixture {
  return {
    hrSystem,
    async start(size?: ContractFakeSize) {
      const people = size?.people ?? 40;
      const server = await startFakeExportServer(layout, people);
      const credentials = {
        source: 'sftp',
        sftpHost: server.host,
        sftpPort: server.port,
        sftpUsername: FAKE_SFTP_USER,
        sftpPassword: FAKE_SFTP_PASSWORD,
        sftpPath: FAKE_SFTP_PATH,
        hostKeySha256: server.hostKeySha256,
      };
      const children = layout.children;
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

export const contractFixture = hrFileContractFixture('hr-file-export', GENERIC_EXPORT);
