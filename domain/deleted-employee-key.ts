// The key under which an admin's deletion is remembered: a hash of HR system + HR id, so nothing
// personal is kept and a reconnect of the same HR system still recognises the person.
import crypto from 'node:crypto';

export function deletedEmployeeKey(hrSystem: string, remoteId: string): string {
  return crypto.createHash('sha256').update(`${hrSystem}:${remoteId}`).digest('hex');
}
