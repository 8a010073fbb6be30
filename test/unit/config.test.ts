import net from 'node:net';
import { ConfigError, loadConfig } from '../../infra/config';
import { assertPortFree, PortInUseError } from '../../infra/ports';

describe('configuration from the environment', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, TEMPORAL_DEV_PORT: 7233, TEMPORAL_UI_PORT: 8233, DATA_DIR: './.data', TEMPORAL_TASK_QUEUE: 'hr-benefits' });
  });

  it('names the variable and what is expected when a value is bad', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ ENCRYPTION_KEY: 'short' })).toThrow(/ENCRYPTION_KEY: a base64-encoded 32-byte key/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('in production asks for the shared servers and the shared keys instead of embedding or generating them', () => {
    const failure = (() => {
      try {
        loadConfig({ NODE_ENV: 'production' });
      } catch (err) {
        return (err as Error).message;
      }
      return '';
    })();
    for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'OPERATOR_API_KEY', 'ENCRYPTION_KEY']) {
      expect(failure).toContain(`${name}: required when NODE_ENV=production`);
    }
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgresql://hr:secret@db.internal:5432/hr',
      TEMPORAL_ADDRESS: 'acme.a1b2c.tmprl.cloud:7233',
      OPERATOR_API_KEY: 'op_production_key_0123456789',
      ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      TEMPORAL_API_KEY: 'temporal-cloud-key',
    };
    expect(loadConfig(production)).toMatchObject({ NODE_ENV: 'production', TEMPORAL_API_KEY: 'temporal-cloud-key' });
  });
});

describe('ports', () => {
  it('says which port is taken and which variable moves it', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      await expect(assertPortFree(port, '127.0.0.1', 'API', 'PORT')).rejects.toThrow(PortInUseError);
      await expect(assertPortFree(port, '127.0.0.1', 'API', 'PORT')).rejects.toThrow(`Port ${port} (API) is already in use on 127.0.0.1. Stop what uses it or set PORT to another port.`);
    } finally {
      blocker.close();
    }
  });
});
