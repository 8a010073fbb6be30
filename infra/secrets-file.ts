// Values generated once on first start and kept in DATA_DIR (embedded defaults only).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function readOrCreateSecret(dataDir: string, fileName: string, generate: () => string): string {
  const file = path.join(dataDir, fileName);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const value = generate();
  fs.writeFileSync(file, value + '\n', { mode: 0o600, flag: 'wx' });
  return value;
}

export const generateEncryptionKey = () => crypto.randomBytes(32).toString('base64');
export const generateOperatorKey = () => `op_${crypto.randomBytes(24).toString('base64url')}`;
