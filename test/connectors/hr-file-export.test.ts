// HR file export beyond the contract suite: a real SFTP server (ssh2's server side, a generated host
// key and user key) with the host key pinned, a directory's newest file, files cut short or not
// believable refused with their typed reason; uploaded files through ConnectorContext.files.
import { CredentialsRejectedError, HrSystemUnavailableError } from '../../connectors/errors';
import { HrFileRejectedError } from '../../connectors/hr-file-export/connector';
import { exportFile, FAKE_SFTP_PATH, GENERIC_EXPORT } from '../../connectors/hr-file-export/fake-export';
import { PERBILITY_HELIX_EXPORT } from '../../connectors/perbility-helix/fake-server';
import { hrFileExport, perbilityHelix } from '../../connectors/hr-file-export/definition';
import { generateUserKey, startFakeSftp, type RunningFakeSftp } from '../../connectors/hr-file-export/fake-sftp-server';
import type { ConnectorContext } from '../../connectors/types';

const userKey = generateUserKey();
const fast: ConnectorContext = { sleep: async () => undefined };

describe('HR file export over SFTP (a real SSH server)', () => {
  let server: RunningFakeSftp;
  const credentials = (extra: Record<string, unknown> = {}) =>
    perbilityHelix.credentialsSchema.parse({ source: 'sftp', sftpHost: server.host, sftpPort: server.port, sftpUsername: 'export', sftpPrivateKey: userKey.private, sftpPath: FAKE_SFTP_PATH, hostKeySha256: server.hostKeySha256, ...extra });
  const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as Error);

  beforeEach(async () => {
    server = await startFakeSftp({ username: 'export', authorizedKey: userKey.public, listingPath: FAKE_SFTP_PATH, files: { [FAKE_SFTP_PATH]: { bytes: exportFile(PERBILITY_HELIX_EXPORT, 12), mtime: new Date() } } });
  });
  afterEach(() => server.close());

  it('pins the host key: a wrong fingerprint is refused before logging in, none is refused naming the one seen, the right one reads the file', async () => {
    const wrong = await refusal(perbilityHelix.create(credentials({ hostKeySha256: `SHA256:${'A'.repeat(43)}` }), fast).checkCredentials());
    expect(wrong).toBeInstanceOf(CredentialsRejectedError);
    expect(wrong!.message).toMatch(/^Perbility Helix refused the credentials: the SFTP server's host key SHA256:\S+ does not match the pinned SHA256:A{43}/);
    const none = await refusal(perbilityHelix.create(credentials({ hostKeySha256: undefined }), fast).checkCredentials());
    expect(none).toBeInstanceOf(CredentialsRejectedError);
    expect(none!.message).toContain(`host key is ${server.hostKeySha256}; check it`);
    const connector = perbilityHelix.create(credentials(), fast);
    await expect(connector.checkCredentials()).resolves.toBeUndefined();
    const page = await connector.fetchEmployeePage(null);
    expect(page.employees).toHaveLength(12);
    expect(page.invalid).toHaveLength(1); // the row without an id
    expect(page.nextCursor).toBeNull();
    expect(page.employees.find((e) => e.remoteId === '1005')).toMatchObject({ leavingDate: '2025-06-15', status: 'terminated', legalEntity: { id: '30' } });
    expect((await connector.listAttributes()).map((a) => a.key)).toContain('Anzahl Kinder');
  });

  it('refuses a key the server does not know and a password that is wrong', async () => {
    const other = generateUserKey();
    const err = await refusal(perbilityHelix.create(credentials({ sftpPrivateKey: other.private }), fast).checkCredentials());
    expect(err).toBeInstanceOf(CredentialsRejectedError);
    expect(err!.message).toMatch(/did not accept the user export with this key/);
  });

  it('reads the newest .csv of a directory', async () => {
    server.files.set('/exports/2026-11-30.csv', { bytes: exportFile(PERBILITY_HELIX_EXPORT, 3), mtime: new Date(Date.now() - 86_400_000) });
    server.files.set('/exports/2026-12-01.csv', { bytes: exportFile(PERBILITY_HELIX_EXPORT, 5), mtime: new Date() });
    server.files.set('/exports/readme.txt', { bytes: Buffer.from('x'), mtime: new Date(Date.now() + 1000) });
    server.files.delete(FAKE_SFTP_PATH);
    const page = await perbilityHelix.create(credentials({ sftpPath: '/exports/' }), fast).fetchEmployeePage(null);
    expect(page.employees).toHaveLength(5);
  });

  it('retries a transfer cut short, and refuses a file whose last line is cut (nothing of it used)', async () => {
    server.faults.add({ kind: 'cut-short', path: FAKE_SFTP_PATH, times: 10 });
    await expect(perbilityHelix.create(credentials(), { ...fast, maxAttempts: 3 }).fetchEmployeePage(null)).rejects.toBeInstanceOf(HrSystemUnavailableError);
    server.faults.clear();
    const whole = exportFile(PERBILITY_HELIX_EXPORT, 12);
    server.files.set(FAKE_SFTP_PATH, { bytes: whole.subarray(0, whole.length - 30), mtime: new Date() }); // the export itself was cut
    const err = await refusal(perbilityHelix.create(credentials(), fast).fetchEmployeePage(null));
    expect(err).toBeInstanceOf(HrFileRejectedError);
    expect(err).toMatchObject({ reason: 'TRUNCATED' });
    expect(err!.message).toMatch(/the file employees\.csv was not used: .*(does not end with a line break|has \d+ of the header's 12 columns).*cut short/);
  });

  it('refuses a file read with settings that do not fit it at the check, naming the column', async () => {
    const err = await refusal(perbilityHelix.create(credentials({ columns: { leavingDate: 'Ende' } }), fast).checkCredentials());
    expect(err).toBeInstanceOf(CredentialsRejectedError);
    expect(err!.message).toMatch(/does not fit these settings: The file has no column "Ende"/);
  });
});

describe('HR file export of uploaded files', () => {
  const upload = hrFileExport.credentialsSchema.parse({ source: 'upload' });
  it('reads the newest file the store gives, and says when there is none', async () => {
    let file: { name: string; bytes: Buffer; receivedAt: Date } | null = null;
    const connector = hrFileExport.create(upload, { files: { latest: async () => file } });
    await expect(connector.checkCredentials()).resolves.toBeUndefined(); // nothing uploaded yet: nothing to check
    await expect(connector.fetchEmployeePage(null)).rejects.toMatchObject({ reason: 'NO_FILE' });
    file = { name: 'export.csv', bytes: exportFile(GENERIC_EXPORT, 7), receivedAt: new Date() };
    const page = await connector.fetchEmployeePage(null);
    expect(page.employees.map((e) => e.remoteId)).toEqual(['1001', '1002', '1003', '1004', '1005', '1006', '1007']);
    expect(page.employees[2]).toMatchObject({ employmentType: 'FULL_TIME', gender: 'male', maritalStatus: 'married', numberOfChildren: null });
    expect(page.employees[1]).toMatchObject({ numberOfChildren: 2, gender: 'female', maritalStatus: 'single' });
  });
  it('refuses with a clear reason where no file store was given', async () => {
    await expect(hrFileExport.create(upload).fetchEmployeePage(null)).rejects.toThrow(/no file store was given/);
  });
});
