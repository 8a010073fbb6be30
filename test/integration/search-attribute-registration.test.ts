// With TEMPORAL_ADDRESS pointing at a server that lacks the product's search attributes, start-up
// registers them.
import { Connection } from '@temporalio/client';
import { freePort } from '../../infra/ports';
import { ensureSearchAttributes } from '../../infra/search-attribute-registration';
import { startTemporalDevServer, type RunningDevServer } from '../../infra/temporal-dev-server';
import { CUSTOM_SEARCH_ATTRIBUTES } from '../../contracts/search-attributes';
import { readTestEnv } from '../support/test-env';

describe('search attributes on an external Temporal server', () => {
  let server: RunningDevServer;
  let connection: Connection;
  beforeAll(async () => {
    server = await startTemporalDevServer({ cliPath: readTestEnv().temporalCliPath, port: await freePort(), uiPort: null, dbFile: null, namespace: 'default', registerSearchAttributes: false });
    connection = await Connection.connect({ address: server.address });
  });
  afterAll(async () => {
    await connection?.close();
    await server?.stop();
  });

  it('adds the missing ones, then finds nothing to add', async () => {
    const before = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
    expect(Object.keys(before.customAttributes ?? {})).not.toContain('IntegrationId');

    const first = await ensureSearchAttributes(connection, 'default');
    expect(first.added.sort()).toEqual(CUSTOM_SEARCH_ATTRIBUTES.map((k) => k.name).sort());
    const after = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
    expect(Object.keys(after.customAttributes ?? {})).toEqual(expect.arrayContaining(first.added));

    expect((await ensureSearchAttributes(connection, 'default')).added).toEqual([]);
  });

  it('names the missing attributes when the namespace does not exist', async () => {
    await expect(ensureSearchAttributes(connection, 'no-such-namespace')).rejects.toThrow(/CompanyId/);
  });
});
