// A real SFTP server for the HR file export's tests, demos and the contract suite (ssh2's server
// side, on a free port): a generated ed25519 host key, password and public-key logins, files held
// in memory, and the kit's fault script and request log, one "request" per SFTP session (the
// connector opens one per read). Faults: `throttle` refuses the session after the login (as a server
// at its session limit does), `unavailable` fails the open with SSH_FX_FAILURE, `slow`
// delays it, `cut-short` ends the transfer half-way while the size says more, `malformed-record`
// blanks the first column of the first data row.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Server, utils, type Connection, type ParsedKey, type SFTPWrapper } from 'ssh2';
import { FaultScript, RequestLog, type Fault } from '../kit/fake';
import { hostKeyFingerprint } from './sftp';

const { STATUS_CODE } = utils.sftp;

export interface SshKeyPair {
  private: string;
  public: string;
}

let cachedHostKey: SshKeyPair | null = null;
/** One generated host key per process (generating is cheap, but each server need not have its own). */
export function fakeHostKey(): SshKeyPair {
  cachedHostKey ??= utils.generateKeyPairSync('ed25519');
  return cachedHostKey;
}

export function generateUserKey(): SshKeyPair {
  return utils.generateKeyPairSync('ed25519');
}

export interface FakeSftpFile {
  bytes: Buffer;
  mtime: Date;
}

export interface FakeSftpOptions {
  username: string;
  password?: string;
  /** OpenSSH public key line of a user key allowed to log in. */
  authorizedKey?: string;
  hostKey?: SshKeyPair;
  /** The path the fault script and the request log count (the export). */
  listingPath: string;
  files?: Record<string, FakeSftpFile>;
}

export interface RunningFakeSftp {
  host: string;
  port: number;
  /** SHA256:… of the host key, as the admin pins it. */
  hostKeySha256: string;
  files: Map<string, FakeSftpFile>;
  faults: FaultScript;
  log: RequestLog;
  /** Sessions opened (one per read). */
  sessions: number;
  close(): Promise<void>;
}

function attrsOf(file: FakeSftpFile | null, size = file?.bytes.length ?? 0) {
  const t = Math.floor((file?.mtime.getTime() ?? Date.now()) / 1000);
  return { mode: file ? 0o100644 : 0o040755, uid: 1000, gid: 1000, size, atime: t, mtime: t };
}

/** The first column of the first data row blanked: an unreadable record in place of a real one. */
function malformed(bytes: Buffer): Buffer {
  const text = bytes.toString('utf8');
  const lines = text.split('\n');
  if (lines.length < 2) return bytes;
  const delimiter = [';', ',', '\t', '|'].find((d) => lines[0].includes(d)) ?? ',';
  const cells = lines[1].split(delimiter);
  cells[0] = '';
  lines[1] = cells.join(delimiter);
  return Buffer.from(lines.join('\n'), 'utf8');
}

export async function startFakeSftp(options: FakeSftpOptions): Promise<RunningFakeSftp> {
  const hostKey = options.hostKey ?? fakeHostKey();
  const files = new Map(Object.entries(options.files ?? {}));
  const faults = new FaultScript();
  const log = new RequestLog();
  const allowedKey = options.authorizedKey ? (utils.parseKey(options.authorizedKey) as ParsedKey) : null;
  const connections = new Set<Connection>();
  const running = { sessions: 0 };

  const server = new Server({ hostKeys: [hostKey.private] }, (client) => {
    connections.add(client);
    client.on('close', () => connections.delete(client));
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      if (ctx.username === options.username) {
        if (ctx.method === 'password' && options.password !== undefined && ctx.password === options.password) return ctx.accept();
        if (ctx.method === 'publickey' && allowedKey && ctx.key.algo === allowedKey.type && ctx.key.data.equals(allowedKey.getPublicSSH())) {
          if (!ctx.signature) return ctx.accept(); // the client asks whether this key would do
          if (allowedKey.verify(ctx.blob!, ctx.signature, ctx.hashAlgo) === true) return ctx.accept();
        }
      }
      ctx.reject(['password', 'publickey']);
    });
    client.on('ready', () => {
      client.on('session', (accept, reject) => {
        running.sessions++;
        const fault = faults.take({ method: 'GET', url: new URL(`sftp://fake${options.listingPath}`) });
        const entry = log.record({ method: 'GET', path: options.listingPath, query: new URLSearchParams(), at: Date.now(), status: 0, fault: fault?.kind });
        if (fault?.kind === 'throttle') {
          entry.status = 429;
          return reject();
        }
        const session = accept();
        // The fake's floor for the bench: the whole SFTP session (its requests and the client's turns).
        const started = performance.now();
        let counted = false;
        const count = () => {
          if (!counted) log.served(performance.now() - started);
          counted = true;
        };
        for (const event of ['close', 'end']) session.once(event, count);
        client.once('close', count);
        session.on('sftp', (acceptSftp) => serveSftp(acceptSftp(), fault, entry, () => client.end()));
      });
    });
  });

  function serveSftp(sftp: SFTPWrapper, fault: Fault | undefined, entry: { status: number }, drop: () => void) {
    const handles = new Map<number, { path: string; served: Buffer; size: number } | { dir: string; listed: boolean }>();
    let next = 1;
    const handleOf = (buf: Buffer) => handles.get(buf.readUInt32BE(0));
    const newHandle = (value: { path: string; served: Buffer; size: number } | { dir: string; listed: boolean }) => {
      const h = Buffer.alloc(4);
      h.writeUInt32BE(next);
      handles.set(next++, value);
      return h;
    };
    const isDir = (path: string) => path.endsWith('/') || [...files.keys()].some((p) => p.startsWith(`${path}/`));
    sftp.on('REALPATH', (id, path) => sftp.name(id, [{ filename: path, longname: path, attrs: attrsOf(null) }]));
    const stat = (id: number, path: string) => {
      const file = files.get(path);
      if (file) return sftp.attrs(id, attrsOf(file));
      if (isDir(path)) return sftp.attrs(id, attrsOf(null));
      sftp.status(id, STATUS_CODE.NO_SUCH_FILE, 'No such file');
    };
    sftp.on('STAT', stat);
    sftp.on('LSTAT', stat);
    sftp.on('OPEN', (id, path) => {
      const answer = () => {
        if (path === options.listingPath && fault?.kind === 'unavailable') {
          entry.status = fault.status ?? 503;
          return sftp.status(id, STATUS_CODE.FAILURE, 'Service temporarily unavailable');
        }
        const file = files.get(path);
        if (!file) {
          if (path === options.listingPath) entry.status = 404;
          return sftp.status(id, STATUS_CODE.NO_SUCH_FILE, 'No such file');
        }
        let served = file.bytes;
        if (path === options.listingPath && fault?.kind === 'malformed-record') served = malformed(served);
        const size = served.length;
        if (path === options.listingPath && fault?.kind === 'cut-short') served = served.subarray(0, Math.floor(size / 2));
        if (path === options.listingPath) entry.status = 200;
        sftp.handle(id, newHandle({ path, served, size }));
      };
      if (path === options.listingPath && fault?.kind === 'slow') setTimeout(answer, fault.delayMs);
      else answer();
    });
    sftp.on('FSTAT', (id, handle) => {
      const h = handleOf(handle);
      if (!h || !('path' in h)) return sftp.status(id, STATUS_CODE.FAILURE, 'Bad handle');
      sftp.attrs(id, attrsOf(files.get(h.path) ?? null, h.size));
    });
    sftp.on('READ', (id, handle, offset, length) => {
      const h = handleOf(handle);
      if (!h || !('path' in h)) return sftp.status(id, STATUS_CODE.FAILURE, 'Bad handle');
      if (offset >= h.served.length) {
        if (h.served.length < h.size) return drop(); // the connection drops half-way
        return sftp.status(id, STATUS_CODE.EOF);
      }
      sftp.data(id, h.served.subarray(offset, offset + length));
    });
    sftp.on('OPENDIR', (id, path) => {
      if (!isDir(path)) return sftp.status(id, STATUS_CODE.NO_SUCH_FILE, 'No such directory');
      sftp.handle(id, newHandle({ dir: path.endsWith('/') ? path : `${path}/`, listed: false }));
    });
    sftp.on('READDIR', (id, handle) => {
      const h = handleOf(handle);
      if (!h || !('dir' in h)) return sftp.status(id, STATUS_CODE.FAILURE, 'Bad handle');
      if (h.listed) return sftp.status(id, STATUS_CODE.EOF);
      h.listed = true;
      const names = [...files.entries()].filter(([p]) => p.startsWith(h.dir) && !p.slice(h.dir.length).includes('/'));
      if (names.length === 0) return sftp.status(id, STATUS_CODE.EOF);
      sftp.name(
        id,
        names.map(([p, f]) => ({ filename: p.slice(h.dir.length), longname: p.slice(h.dir.length), attrs: attrsOf(f) })),
      );
    });
    sftp.on('CLOSE', (id, handle) => {
      handles.delete(handle.readUInt32BE(0));
      sftp.status(id, STATUS_CODE.OK);
    });
  }

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const publicBlob = (utils.parseKey(hostKey.public) as ParsedKey).getPublicSSH();
  return {
    host: '127.0.0.1',
    port,
    hostKeySha256: hostKeyFingerprint(publicBlob),
    files,
    faults,
    log,
    get sessions() {
      return running.sessions;
    },
    async close() {
      for (const c of connections) c.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
