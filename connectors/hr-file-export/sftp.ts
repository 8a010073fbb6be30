// Reads the export from the customer's SFTP server (ssh2's client): one connection per read, the
// server's host key pinned (SHA-256 fingerprint as OpenSSH prints it, `SHA256:<base64>`; a server
// whose key differs is refused before any password or key is sent), the file's size taken first and
// every byte of it read (a transfer that ends early is retried, never used). A path ending in "/" is
// a directory: its newest .csv file is read. Busy servers (a session refused after the login)
// count as throttling; lost connections and SFTP failures are retried like a vendor's 5xx (the
// retry rules of connectors/http.ts: maxAttempts, the wait budget, the cancellation signal).
import { createHash } from 'node:crypto';
import { Client, type ConnectConfig, type SFTPWrapper, type Stats } from 'ssh2';
import { CredentialsRejectedError, HrSystemResponseError, HrSystemUnavailableError, RateLimitedError } from '../errors';
import { DEFAULT_MAX_RETRY_WAIT_MS } from '../http';
import type { ConnectorContext } from '../types';

export interface SftpSettings {
  host: string;
  port: number;
  username: string;
  password?: string;
  privateKey?: string;
  /** The path of the file, or of a directory ("…/") whose newest .csv is read. */
  path: string;
  /** The pinned host key fingerprint, `SHA256:…`; without it every connection is refused naming the key seen. */
  hostKeySha256?: string;
}

export interface FetchedFile {
  name: string;
  bytes: Buffer;
  receivedAt: Date;
}

/** `SHA256:<base64 without padding>` of a public host key blob, as `ssh-keygen -lf` prints it. */
export function hostKeyFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

export function normaliseFingerprint(value: string): string {
  const v = value.trim();
  return v.startsWith('SHA256:') ? v.replace(/=+$/, '') : `SHA256:${v.replace(/=+$/, '')}`;
}

const SFTP_NO_SUCH_FILE = 2;
const IDLE_TIMEOUT_MS = 30_000;
const SFTP_PERMISSION_DENIED = 3;

export class SftpFileSource {
  constructor(
    private readonly settings: SftpSettings,
    private readonly hrSystemName: string,
    private readonly context: ConnectorContext,
  ) {}

  /** Connects, proves the host key and the login, and finds the file. */
  async check(): Promise<FetchedFile> {
    return this.fetch();
  }

  /** The whole file, retried while the server is busy, unreachable or the transfer ends early. */
  async fetch(): Promise<FetchedFile> {
    return withRetries(this.hrSystemName, this.context, () => this.fetchOnce());
  }

  private refused(reason: string): CredentialsRejectedError {
    return new CredentialsRejectedError(`${this.hrSystemName} refused the credentials: ${reason}`, this.hrSystemName);
  }

  private unavailable(reason: string): HrSystemUnavailableError {
    return new HrSystemUnavailableError(`${this.hrSystemName}: the SFTP server ${this.settings.host} ${reason}`, this.hrSystemName);
  }

  private fetchOnce(): Promise<FetchedFile> {
    const { settings } = this;
    const client = new Client();
    let hostKeyProblem: CredentialsRejectedError | null = null;
    const pinned = settings.hostKeySha256 ? normaliseFingerprint(settings.hostKeySha256) : null;
    const config: ConnectConfig = {
      host: settings.host,
      port: settings.port,
      username: settings.username,
      password: settings.password,
      privateKey: settings.privateKey,
      readyTimeout: 15_000,
      hostVerifier: (key: Buffer) => {
        const seen = hostKeyFingerprint(key);
        if (pinned === null) {
          hostKeyProblem = this.refused(`the SFTP server's host key is ${seen}; check it with the server's administrator and enter it as hostKeySha256 to pin it`);
          return false;
        }
        if (seen !== pinned) {
          hostKeyProblem = this.refused(`the SFTP server's host key ${seen} does not match the pinned ${pinned} (the server was replaced, or someone is in between); nothing was sent to it`);
          return false;
        }
        return true;
      },
    };
    return new Promise<FetchedFile>((resolve, reject) => {
      let settled = false;
      const finish = (err: Error | null, file?: FetchedFile) => {
        if (settled) return;
        settled = true;
        clearTimeout(idle);
        this.context.signal?.removeEventListener('abort', onAbort);
        client.end();
        if (err) reject(err);
        else resolve(file!);
      };
      const onAbort = () => finish(this.context.signal!.reason as Error);
      // A server that stops answering mid-transfer (no close, no data) fails the attempt.
      let idle: NodeJS.Timeout | undefined;
      const touch = () => {
        clearTimeout(idle);
        idle = setTimeout(() => finish(this.unavailable(`stopped answering for ${IDLE_TIMEOUT_MS / 1000} s`)), IDLE_TIMEOUT_MS);
        idle.unref?.();
      };
      touch();
      this.context.signal?.addEventListener('abort', onAbort, { once: true });
      client.on('error', (err: Error & { level?: string }) => {
        if (hostKeyProblem) return finish(hostKeyProblem);
        if (err.level === 'client-authentication') return finish(this.refused(`the SFTP server ${settings.host} did not accept the user ${settings.username} with this ${settings.privateKey ? 'key' : 'password'}`));
        finish(this.unavailable(`could not be reached (${err.message})`));
      });
      client.on('close', () => finish(hostKeyProblem ?? this.unavailable('closed the connection before the file was read')));
      client.on('ready', () => {
        client.sftp((err, sftp) => {
          if (err) {
            const reason = (err as Error & { reason?: number }).reason;
            // Refused after a good login: the server's session limit (OpenSSH MaxSessions answers
            // "administratively prohibited", others "resource shortage"): throttling, retried.
            if (typeof reason === 'number' && reason > 0) return finish(new RateLimitedError(`${this.hrSystemName}: the SFTP server ${settings.host} is busy (it refused a session)`, this.hrSystemName, null));
            return finish(this.unavailable(`refused the SFTP session (${err.message})`));
          }
          this.readFrom(sftp, touch).then(
            (file) => finish(null, file),
            (e: Error) => finish(e),
          );
        });
      });
      client.connect(config);
    });
  }

  private async readFrom(sftp: SFTPWrapper, touch: () => void): Promise<FetchedFile> {
    const path = await this.resolvePath(sftp);
    const handle = await call<Buffer>((cb) => sftp.open(path, 'r', cb)).catch((e) => {
      throw this.statusError(e, path);
    });
    try {
      const stats = await call<Stats>((cb) => sftp.fstat(handle, cb));
      const size = stats.size;
      const chunks: Buffer[] = [];
      let position = 0;
      while (position < size) {
        const length = Math.min(256 * 1024, size - position);
        const buffer = Buffer.alloc(length);
        const read = await call<number>((cb) => sftp.read(handle, buffer, 0, length, position, (e, n) => cb(e, n))).catch((e: Error & { code?: number }) => {
          if (e.code === 1 /* EOF */) return 0;
          throw this.statusError(e, path);
        });
        touch();
        if (read === 0) break;
        chunks.push(buffer.subarray(0, read));
        position += read;
      }
      if (position < size) throw this.unavailable(`ended the transfer of ${path} after ${position} of its ${size} bytes (the file may still be being written)`);
      return { name: path.split('/').pop() ?? path, bytes: Buffer.concat(chunks), receivedAt: new Date(stats.mtime * 1000) };
    } finally {
      await new Promise<void>((resolve) => sftp.close(handle, () => resolve()));
    }
  }

  private async resolvePath(sftp: SFTPWrapper): Promise<string> {
    const { path } = this.settings;
    if (!path.endsWith('/')) return path;
    const list = await call<{ filename: string; attrs: Stats }[]>((cb) => sftp.readdir(path, cb)).catch((e) => {
      throw this.statusError(e, path);
    });
    const newest = list.filter((f) => /\.csv$/i.test(f.filename) && f.attrs.isFile()).sort((a, b) => b.attrs.mtime - a.attrs.mtime || b.filename.localeCompare(a.filename))[0];
    if (!newest) throw new HrSystemResponseError(`${this.hrSystemName}: the SFTP directory ${path} has no .csv file`, this.hrSystemName, null);
    return `${path}${newest.filename}`;
  }

  private statusError(err: Error & { code?: number }, path: string): Error {
    if (err.code === SFTP_NO_SUCH_FILE) return new HrSystemResponseError(`${this.hrSystemName}: the SFTP server has no file ${path}`, this.hrSystemName, null);
    if (err.code === SFTP_PERMISSION_DENIED) return this.refused(`the SFTP user ${this.settings.username} may not read ${path}`);
    return this.unavailable(`failed to read ${path} (${err.message})`);
  }
}

function call<T>(fn: (cb: (err: Error | null | undefined, value: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));
}

/** connectors/http.ts's retry rules for a non-HTTP call: busy and unavailable are retried, the rest is final. */
export async function withRetries<T>(hrSystemName: string, context: ConnectorContext, attempt: () => Promise<T>): Promise<T> {
  const maxAttempts = context.maxAttempts ?? 5;
  const budget = context.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS;
  const sleep = context.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let waited = 0;
  let last: Error | null = null;
  for (let n = 1; n <= maxAttempts; n++) {
    context.signal?.throwIfAborted();
    try {
      return await attempt();
    } catch (err) {
      if (context.signal?.aborted) throw context.signal.reason;
      if (!(err instanceof RateLimitedError || err instanceof HrSystemUnavailableError)) throw err;
      last = err;
      const ms = Math.min(30_000, 250 * 2 ** (n - 1));
      if (n >= maxAttempts || waited + ms > budget) break;
      waited += ms;
      await sleep(ms, context.signal);
      context.signal?.throwIfAborted();
    }
  }
  throw last ?? new HrSystemUnavailableError(`${hrSystemName}: the file could not be read`, hrSystemName);
}
