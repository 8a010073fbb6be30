// A Temporal cluster behind TLS with client certificates (mTLS), as production runs it: here the
// test's dev server behind a TLS-terminating proxy that demands a client certificate signed by its
// CA. The product's connection settings (TEMPORAL_TLS_*) reach it, for the client and for the
// worker's native connection; without the certificate the server refuses.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { ConfigError, loadConfig } from '../../infra/config';
import { temporalAccess, temporalClientConnectionOptions, temporalWorkerConnectionOptions } from '../../infra/temporal-client';
import { readTestEnv } from '../support/test-env';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'temporal-tls-'));
const file = (name: string) => path.join(dir, name);
const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });

/** A CA, a server certificate for temporal.test and a client certificate, all signed by the CA. */
function makeCertificates(): void {
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Test Temporal CA', '-keyout', 'ca.key', '-out', 'ca.pem');
  for (const [name, subject, ext] of [
    ['server', '/CN=temporal.test', 'subjectAltName=DNS:temporal.test\nextendedKeyUsage=serverAuth'],
    ['client', '/CN=hr-benefits-worker', 'extendedKeyUsage=clientAuth'],
  ] as const) {
    fs.writeFileSync(file(`${name}.ext`), ext);
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', subject, '-keyout', `${name}.key`, '-out', `${name}.csr`);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', `${name}.ext`, '-out', `${name}.pem`);
  }
}

describe('Temporal over mutual TLS', () => {
  let proxy: tls.Server;
  let address: string;
  const sockets = new Set<net.Socket>();

  beforeAll(async () => {
    makeCertificates();
    const [host, port] = readTestEnv().temporalAddress.split(':') as [string, string];
    proxy = tls.createServer(
      { key: fs.readFileSync(file('server.key')), cert: fs.readFileSync(file('server.pem')), ca: fs.readFileSync(file('ca.pem')), requestCert: true, rejectUnauthorized: true, ALPNProtocols: ['h2'] },
      (client) => {
        const upstream = net.connect(Number(port), host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('error', () => undefined).on('close', () => sockets.delete(s));
        }
        client.pipe(upstream).pipe(client);
      },
    );
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    address = `127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => proxy.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const settings = (withClientCertificate: boolean) =>
    loadConfig({
      TEMPORAL_ADDRESS: address,
      TEMPORAL_TLS_CA: file('ca.pem'),
      TEMPORAL_TLS_SERVER_NAME: 'temporal.test',
      ...(withClientCertificate ? { TEMPORAL_TLS_CERT: file('client.pem'), TEMPORAL_TLS_KEY: file('client.key') } : {}),
    });

  it('connects the client and the worker connection with the client certificate', async () => {
    const access = temporalAccess(address, settings(true));
    const connection = await Connection.connect(temporalClientConnectionOptions(access));
    try {
      const info = await connection.workflowService.getSystemInfo({});
      expect(info.serverVersion).toBeTruthy();
    } finally {
      await connection.close();
    }
    const native = await NativeConnection.connect(temporalWorkerConnectionOptions(access));
    await native.close();
  });

  it('is refused without the client certificate', async () => {
    const access = temporalAccess(address, settings(false));
    await expect(
      (async () => {
        const connection = await Connection.connect({ ...temporalClientConnectionOptions(access), connectTimeout: 3_000 });
        try {
          await connection.workflowService.getSystemInfo({});
        } finally {
          await connection.close();
        }
      })(),
    ).rejects.toThrow();
  });

  it('names the setting that is wrong: a certificate without its key, a file that is not PEM', () => {
    expect(() => loadConfig({ TEMPORAL_TLS_CERT: file('client.pem') })).toThrow(/TEMPORAL_TLS_KEY: TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together/);
    expect(() => loadConfig({ TEMPORAL_API_KEY: 'k', TEMPORAL_TLS: 'false' })).toThrow(/TEMPORAL_TLS: a client certificate or an API key needs TLS/);
    expect(() => temporalAccess(address, { TEMPORAL_TLS_CA: file('client.ext') })).toThrow(ConfigError);
    expect(() => temporalAccess(address, { TEMPORAL_TLS_CA: file('client.ext') })).toThrow(/TEMPORAL_TLS_CA: cannot read .* as PEM/);
  });

  it('sends an API key over TLS (Temporal Cloud), and connects plainly without any setting (the dev server)', () => {
    expect(temporalAccess('acme.tmprl.cloud:7233', { TEMPORAL_API_KEY: 'key-123' })).toEqual({ address: 'acme.tmprl.cloud:7233', tls: {}, apiKey: 'key-123' });
    expect(temporalWorkerConnectionOptions(temporalAccess('acme.tmprl.cloud:7233', { TEMPORAL_API_KEY: 'key-123' }))).toMatchObject({ tls: {}, apiKey: 'key-123' });
    expect(temporalAccess('127.0.0.1:7233', {})).toEqual({ address: '127.0.0.1:7233' });
  });
});
