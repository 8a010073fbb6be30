// HR file export as a new admin sets it up: a Perbility Helix integration fed by uploads (credentials,
// a file, its preview, a mapped column, activation, the first sync with leavers and former staff; the
// same file again writes nothing; bad files are refused naming what is wrong and the previous file
// stays), and an SFTP integration against a real SSH server (a wrong host key refused, the right one
// accepted, the sync reads the file; a file with far fewer rows waits for an admin).
import type { FastifyInstance } from 'fastify';
import { exportFile, FAKE_SFTP_PASSWORD, FAKE_SFTP_PATH, FAKE_SFTP_USER, GENERIC_EXPORT } from '../../connectors/hr-file-export/fake-export';
import { startFakeSftp, type RunningFakeSftp } from '../../connectors/hr-file-export/fake-sftp-server';
import { bearer, createCompany } from '../support/api';
import type { TestDatabase } from '../support/database';
import { startProductUnderTest, stopProductUnderTest, type ProductUnderTest } from '../support/product-under-test';
import { waitForIdleIntegration, waitForSyncRun } from '../support/sync-helpers';

/** DD.MM.YYYY of the last day of the month `months` from now (UTC), and its YYYY-MM. */
function monthEnd(months: number): { german: string; month: string } {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months + 1, 0));
  const iso = d.toISOString().slice(0, 10);
  return { german: `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`, month: iso.slice(0, 7) };
}

const leaving = monthEnd(2);
const HELIX_EXPORT = [
  'Personalnummer;Vorname;Name;E-Mail Büro;Eintrittsdatum;Austrittsdatum;Mandantnummer;Mandant;Kinder gesamt',
  '2001;Anna;Müller;anna.mueller@helix.example;01.04.2020;;10;Beispiel GmbH;2',
  `2002;Ben;Schulz;ben.schulz@helix.example;15.01.2019;${leaving.german};10;Beispiel GmbH;0`,
  '2003;Cem;Kaya;cem.kaya@helix.example;01.02.2018;15.06.2025;20;Beispiel Services GmbH;1',
  '2004;Dora;Lang;dora.lang@helix.example;31.02.2021;;20;Beispiel Services GmbH;',
  '',
].join('\r\n');
const withBom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);

describe('HR file export, set up as a new admin would', () => {
  let product: ProductUnderTest;
  let app: FastifyInstance;
  let database: TestDatabase;

  beforeAll(async () => {
    product = await startProductUnderTest();
    ({ app, database } = product);
  });
  afterAll(async () => {
    await stopProductUnderTest(product ?? {});
  });

  describe('Perbility Helix by upload', () => {
    let auth: { authorization: string };
    let id: string;
    const put = (body: Buffer | string, contentType = 'text/csv', name = 'helix-export.csv') =>
      app.inject({ method: 'PUT', url: `/v1/integrations/${id}/files`, headers: { ...auth, 'content-type': contentType, 'content-disposition': `attachment; filename="${name}"` }, payload: body });

    beforeAll(async () => {
      auth = bearer((await createCompany(app, 'Helix Kunde GmbH')).apiKey);
    });

    it('is in the catalog as available, through the file export', async () => {
      const catalog = (await app.inject({ method: 'GET', url: '/v1/hr-systems', headers: auth })).json().items as { id: string; name: string; status: string }[];
      expect(catalog.filter((s) => ['hr-file-export', 'perbility-helix', 'mirus'].includes(s.id)).map((s) => [s.id, s.name, s.status])).toEqual(
        expect.arrayContaining([
          ['hr-file-export', 'HR file export', 'available'],
          ['perbility-helix', 'Perbility Helix', 'available'],
          ['mirus', 'Mirus', 'available'],
        ]),
      );
      expect(catalog.filter((s) => s.id === 'perbility-helix')).toHaveLength(1);
    });

    it('connects: credentials (upload), a file, its preview with the problem named, a mapped column', async () => {
      const created = await app.inject({ method: 'POST', url: '/v1/integrations', headers: auth, payload: { hrSystem: 'perbility-helix' } });
      expect(created.statusCode).toBe(201);
      id = created.json().id;
      // Before credentials there is nowhere to put a file.
      expect((await put(withBom(HELIX_EXPORT))).json().error).toBe('credentials_missing');
      const creds = await app.inject({ method: 'PUT', url: `/v1/integrations/${id}/credentials`, headers: auth, payload: { source: 'upload' } });
      expect(creds.statusCode).toBe(200);

      const uploaded = await put(withBom(HELIX_EXPORT));
      expect(uploaded.statusCode).toBe(200);
      const body = uploaded.json();
      expect(body).toMatchObject({ unchanged: false, file: { name: 'helix-export.csv', rowCount: 4, sizeBytes: withBom(HELIX_EXPORT).length } });
      expect(body.preview).toMatchObject({
        encoding: 'utf-8-bom',
        delimiter: ';',
        dateFormat: 'DD.MM.YYYY',
        header: ['Personalnummer', 'Vorname', 'Name', 'E-Mail Büro', 'Eintrittsdatum', 'Austrittsdatum', 'Mandantnummer', 'Mandant', 'Kinder gesamt'],
        columns: { employeeId: 'Personalnummer', lastName: 'Name', email: 'E-Mail Büro', leavingDate: 'Austrittsdatum', legalEntityId: 'Mandantnummer' },
        rowCount: 4,
        problemCount: 1,
      });
      expect(body.preview.rows[1]).toMatchObject({ row: 2, line: 3, fields: { employeeId: '2002', leavingDate: `${leaving.month}-${leaving.german.slice(0, 2)}` }, problems: [] });
      expect(body.preview.problems).toEqual([{ row: 4, line: 5, column: 'Eintrittsdatum', message: 'Line 5, column "Eintrittsdatum": "31.02.2021" is not a date in the format DD.MM.YYYY.' }]);

      const preview = await app.inject({ method: 'GET', url: `/v1/integrations/${id}/files/preview`, headers: auth });
      expect(preview.statusCode).toBe(200);
      expect(preview.json()).toMatchObject({ file: { sha256: body.file.sha256 }, preview: { rowCount: 4 } });

      // The header is the attribute list of the mapping step.
      const options = (await app.inject({ method: 'GET', url: `/v1/integrations/${id}/options`, headers: auth })).json();
      expect(options.attributes).toContainEqual({ key: 'Kinder gesamt', label: 'Kinder gesamt', type: 'string', custom: true });
      expect(options.legalEntities).toEqual([
        { id: '10', name: 'Beispiel GmbH' },
        { id: '20', name: 'Beispiel Services GmbH' },
      ]);
      const mapped = await app.inject({ method: 'PATCH', url: `/v1/integrations/${id}`, headers: auth, payload: { mapping: { numberOfChildren: 'Kinder gesamt' } } });
      expect([mapped.statusCode, mapped.json().mapping]).toEqual([200, { numberOfChildren: 'Kinder gesamt' }]);
    });

    it('activates: the first sync imports the staff, plans the leaver with the month of the leaving date, counts former staff and the bad row', async () => {
      const res = await app.inject({ method: 'POST', url: `/v1/integrations/${id}/activate`, headers: auth });
      expect(res.statusCode).toBe(202);
      const run = await waitForSyncRun(database.db, res.json().syncRunId);
      expect(run).toMatchObject({ status: 'SUCCEEDED', countRead: 4, countInvalid: 1, countCreated: 2, countFormerEmployees: 1, countRemoved: 0 });
      expect(run.warnings).toContain('1 records from Perbility Helix could not be read and were skipped.');
      const rows = await database.db.employee.findMany({ where: { integrationId: id }, orderBy: { remoteId: 'asc' } });
      expect(rows.map((r) => [r.remoteId, r.lastName, r.status, r.leavingDate, r.lastWorkingMonth, r.numberOfChildren, r.legalEntityId])).toEqual([
        ['2001', 'Müller', 'ACTIVE', null, null, 2, '10'],
        ['2002', 'Schulz', 'LEAVING_PLANNED', `${leaving.month}-${leaving.german.slice(0, 2)}`, leaving.month, 0, '10'],
      ]);
    });

    it('takes the same file twice as no change: nothing stored, the next sync writes nothing', async () => {
      const again = await put(withBom(HELIX_EXPORT), 'application/octet-stream', 'copy.csv');
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ unchanged: true, file: { name: 'helix-export.csv' } });
      expect(await database.db.hrFile.count({ where: { integrationId: id } })).toBe(1);
      await waitForIdleIntegration(database.db, id);
      const sync = await app.inject({ method: 'POST', url: `/v1/integrations/${id}/sync`, headers: auth });
      expect(sync.statusCode).toBe(202);
      const run = await waitForSyncRun(database.db, sync.json().syncRunId);
      expect(run).toMatchObject({ status: 'SUCCEEDED', countRead: 4, countCreated: 0, countUpdated: 0, countUnchanged: 2, countRemoved: 0 });
    });

    it('refuses bad files naming what is wrong, and keeps the previous file', async () => {
      const before = (await app.inject({ method: 'GET', url: `/v1/integrations/${id}/files/preview`, headers: auth })).json().file;
      const noLeavingDate = HELIX_EXPORT.replace(';Austrittsdatum', ';Ende').replace(/;;10;/g, ';x;10;');
      const missing = await put(noLeavingDate);
      expect(missing.statusCode).toBe(422);
      expect(missing.json()).toMatchObject({ error: 'hr_file_invalid', details: { code: 'MISSING_COLUMN', line: 1, column: 'Austrittsdatum' } });
      expect(missing.json().message).toMatch(/^The file helix-export\.csv cannot be used: The file has no column for the leaving date \(looked for "Austrittsdatum"/);

      const cp1252 = Buffer.from(HELIX_EXPORT.replace('Müller', 'M\u00fcller'), 'latin1');
      const encoding = await put(cp1252);
      expect([encoding.statusCode, encoding.json().details]).toEqual([422, { code: 'ENCODING', line: 1, column: null }]); // the header's "Büro" already
      expect(encoding.json().message).toMatch(/Line 1 is not UTF-8 text \(byte 0xFC\)/);

      const cut = await put(`${HELIX_EXPORT}2005;Emil;Ott;emil`);
      expect([cut.statusCode, cut.json().details.code]).toEqual([422, 'TRUNCATED']);

      const json = await put('{"rows":[]}', 'application/json');
      expect([json.statusCode, json.json().error]).toEqual([415, 'unsupported_media_type']);
      const big = await put(Buffer.alloc(50 * 1024 * 1024 + 1, 0x41));
      expect([big.statusCode, big.json().error]).toEqual([413, 'hr_file_too_large']);
      expect(big.json().message).toContain('50 MB');

      const after = (await app.inject({ method: 'GET', url: `/v1/integrations/${id}/files/preview`, headers: auth })).json().file;
      expect(after).toEqual(before);
      expect(await database.db.hrFile.count({ where: { integrationId: id } })).toBe(1);
    });

    it('documents the upload and its answers in the OpenAPI document', async () => {
      const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
      const upload = spec.paths['/v1/integrations/{id}/files'].put;
      expect(Object.keys(upload.requestBody.content).sort()).toEqual(['application/octet-stream', 'text/csv']);
      expect(Object.keys(upload.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409', '413', '414', '415', '422', '502', '503']);
      expect(Object.keys(spec.paths['/v1/integrations/{id}/files/preview'].get.responses)).toEqual(expect.arrayContaining(['200', '403', '404', '409', '422']));
    });
  });

  describe('HR file export over SFTP', () => {
    let server: RunningFakeSftp;
    let auth: { authorization: string };
    let id: string;

    beforeAll(async () => {
      server = await startFakeSftp({ username: FAKE_SFTP_USER, password: FAKE_SFTP_PASSWORD, listingPath: FAKE_SFTP_PATH, files: { [FAKE_SFTP_PATH]: { bytes: exportFile(GENERIC_EXPORT, 15), mtime: new Date() } } });
      auth = bearer((await createCompany(app, 'SFTP Kunde GmbH')).apiKey);
    });
    afterAll(() => server?.close());

    it('refuses a wrong host key, accepts the right one, and the sync reads the file', async () => {
      id = (await app.inject({ method: 'POST', url: '/v1/integrations', headers: auth, payload: { hrSystem: 'hr-file-export' } })).json().id;
      const credentials = { source: 'sftp', sftpHost: server.host, sftpPort: server.port, sftpUsername: FAKE_SFTP_USER, sftpPassword: FAKE_SFTP_PASSWORD, sftpPath: FAKE_SFTP_PATH };
      const wrong = await app.inject({ method: 'PUT', url: `/v1/integrations/${id}/credentials`, headers: auth, payload: { ...credentials, hostKeySha256: `SHA256:${'B'.repeat(43)}` } });
      expect([wrong.statusCode, wrong.json().error]).toEqual([422, 'credentials_rejected']);
      expect(wrong.json().message).toMatch(/host key SHA256:\S+ does not match the pinned SHA256:B{43}/);
      const unpinned = await app.inject({ method: 'PUT', url: `/v1/integrations/${id}/credentials`, headers: auth, payload: credentials });
      expect(unpinned.json().message).toContain(server.hostKeySha256);
      const sessionsBefore = server.sessions;
      const ok = await app.inject({ method: 'PUT', url: `/v1/integrations/${id}/credentials`, headers: auth, payload: { ...credentials, hostKeySha256: server.hostKeySha256 } });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).not.toContain(FAKE_SFTP_PASSWORD);
      expect(server.sessions).toBe(sessionsBefore + 1);
      // Uploads are for upload integrations only.
      const upload = await app.inject({ method: 'PUT', url: `/v1/integrations/${id}/files`, headers: { ...auth, 'content-type': 'text/csv' }, payload: 'a,b\n' });
      expect([upload.statusCode, upload.json().error]).toEqual([409, 'not_an_upload_integration']);

      const res = await app.inject({ method: 'POST', url: `/v1/integrations/${id}/activate`, headers: auth });
      expect(res.statusCode).toBe(202);
      const run = await waitForSyncRun(database.db, res.json().syncRunId);
      expect(run).toMatchObject({ status: 'SUCCEEDED', countRead: 16, countInvalid: 1 });
      expect(run.countCreated + run.countFormerEmployees).toBe(15);
      expect(await database.db.employee.count({ where: { integrationId: id } })).toBe(run.countCreated);
    });

    it('holds back removals when a file lists fewer than half the people of the last one (the mass-removal guard: NEEDS_REVIEW)', async () => {
      const before = await database.db.employee.count({ where: { integrationId: id, removedAt: null } });
      server.files.set(FAKE_SFTP_PATH, { bytes: exportFile(GENERIC_EXPORT, 5), mtime: new Date() });
      await waitForIdleIntegration(database.db, id);
      const sync = await app.inject({ method: 'POST', url: `/v1/integrations/${id}/sync`, headers: auth });
      const run = await waitForSyncRun(database.db, sync.json().syncRunId);
      expect(run).toMatchObject({ status: 'NEEDS_REVIEW', countRemoved: 0 });
      expect(run.warnings.join(' ')).toMatch(/active employees are missing from the HR system .* waits for an admin's confirmation/);
      expect(await database.db.employee.count({ where: { integrationId: id, removedAt: null } })).toBe(before);
    });

    it('never uses a file that is cut short: the run fails at once naming it, nothing written, nobody removed', async () => {
      await waitForIdleIntegration(database.db, id);
      const employeesBefore = await database.db.employee.findMany({ where: { integrationId: id }, orderBy: { id: 'asc' }, select: { id: true, updatedAt: true, removedAt: true } });
      const whole = exportFile(GENERIC_EXPORT, 15);
      server.files.set(FAKE_SFTP_PATH, { bytes: whole.subarray(0, Math.floor(whole.length * 0.6)), mtime: new Date() });
      const sync = await app.inject({ method: 'POST', url: `/v1/integrations/${id}/sync?listing=FULL`, headers: auth });
      const run = await waitForSyncRun(database.db, sync.json().syncRunId, 20_000);
      expect(run).toMatchObject({ status: 'FAILED', countCreated: 0, countUpdated: 0, countRemoved: 0 });
      expect(run.error).toMatch(/was not used/);
      expect(await database.db.employee.findMany({ where: { integrationId: id }, orderBy: { id: 'asc' }, select: { id: true, updatedAt: true, removedAt: true } })).toEqual(employeesBefore);
    });
  });
});
