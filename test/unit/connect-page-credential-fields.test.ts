// The connect page's credentials form is generated from each HR system's credentials schema in
// GET /v1/hr-systems: what the admin must enter is asked for, secrets are masked, and what they
// typed reaches the API in the shape the schema takes.
import { buildApp } from '../../api/app';
import { credentialFields, credentialsOf } from '../../connect-page/src/credential-fields';

type Schema = { properties?: Record<string, { writeOnly?: boolean }>; required?: string[] };
const OPERATOR_KEY = 'op_unit_test_operator_key_0000000000';

describe('the connect page credentials form', () => {
  let catalog: { id: string; status: string; credentials: Schema }[];

  beforeAll(async () => {
    const app = await buildApp(
      { db: {} as never, temporal: {} as never, cipher: {} as never, config: { TEMPORAL_TASK_QUEUE: 'unused', TEMPORAL_NAMESPACE: 'default', OPERATOR_API_KEY: OPERATOR_KEY, RECONCILE_INTERVAL_MINUTES: 15, operatorApiKey: OPERATOR_KEY } },
      false,
    );
    catalog = (await app.inject({ method: 'GET', url: '/v1/hr-systems', headers: { authorization: `Bearer ${OPERATOR_KEY}` } })).json().items;
    await app.close();
  });
  const schemaOf = (id: string) => catalog.find((s) => s.id === id)!.credentials as never;

  it('asks the sandbox for its API key (masked, required) and, optionally, its base URL', () => {
    expect(credentialFields(schemaOf('sandbox')).map(({ path, label, control, required }) => ({ path, label, control, required }))).toEqual([
      { path: 'apiKey', label: 'API key', control: 'password', required: true },
      { path: 'baseUrl', label: 'Base URL', control: 'text', required: false },
    ]);
  });

  it('has, for every available system, a required field for each required credential and no secret shown in clear', () => {
    for (const system of catalog.filter((s) => s.status === 'available')) {
      const fields = credentialFields(system.credentials as never);
      const required = fields.filter((f) => f.required).map((f) => f.path);
      expect({ system: system.id, required: required.sort() }).toEqual({ system: system.id, required: [...(system.credentials.required ?? [])].sort() });
      for (const [key, property] of Object.entries(system.credentials.properties ?? {})) {
        if (!property.writeOnly) continue;
        const field = fields.find((f) => f.path === key)!;
        expect({ system: system.id, key, control: field.control }).toEqual({ system: system.id, key, control: expect.stringMatching(/^(password|textarea)$/) });
      }
    }
  });

  it('sends numbers as numbers, lists as arrays and nested settings as objects, leaving out what was left empty', () => {
    const personio = credentialFields(schemaOf('personio'));
    expect(credentialsOf(personio, { clientId: ' id-1 ', clientSecret: 'secret', baseUrl: '', fullTimeWeeklyHours: '38.5' })).toEqual({ clientId: 'id-1', clientSecret: 'secret', fullTimeWeeklyHours: 38.5 });

    const heavenhr = credentialFields(schemaOf('heavenhr'));
    expect(credentialsOf(heavenhr, { clientId: 'c', clientSecret: 's', jobStatuses: 'ACTIVE, INACTIVE,' })).toEqual({ clientId: 'c', clientSecret: 's', jobStatuses: ['ACTIVE', 'INACTIVE'] });

    const fileExport = credentialFields(schemaOf('hr-file-export'));
    expect(fileExport.find((f) => f.path === 'source')).toMatchObject({ control: 'select', required: true, options: ['upload', 'sftp'] });
    expect(credentialsOf(fileExport, { source: 'upload', delimiter: ';', 'columns.email': 'Mail', 'columns.firstName': '' })).toEqual({ source: 'upload', delimiter: ';', columns: { email: 'Mail' } });
  });
});
