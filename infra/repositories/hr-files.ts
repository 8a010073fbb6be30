// HR file export: the CSV exports admins upload (table hr_files). The newest file of an integration
// is its listing; the activities hand `source(integrationId)` to the connector as
// ConnectorContext.files (connectors cannot read the database). A file equal to the newest one (same
// SHA-256) stores nothing, so the sync sees the same rows and writes nothing. Only the newest
// HR_FILES_KEPT files are kept: older exports (personal data) are deleted with each new one.
import type { Db } from '../prisma';

/** The largest upload accepted (the API answers 413 above it, naming it). */
export const HR_FILE_MAX_BYTES = 50 * 1024 * 1024;
export const HR_FILES_KEPT = 3;

export interface StoredHrFile {
  id: string;
  name: string;
  contentType: string;
  sha256: string;
  sizeBytes: number;
  rowCount: number;
  receivedAt: Date;
}

export interface NewHrFile {
  name: string;
  contentType: string;
  sha256: string;
  rowCount: number;
  bytes: Buffer;
}

const META = { id: true, name: true, contentType: true, sha256: true, sizeBytes: true, rowCount: true, receivedAt: true } as const;

export function hrFiles(db: Db) {
  return {
    async latestMeta(integrationId: string): Promise<StoredHrFile | null> {
      return db.hrFile.findFirst({ where: { integrationId }, orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }], select: META });
    },

    async latest(integrationId: string): Promise<(StoredHrFile & { bytes: Buffer }) | null> {
      const row = await db.hrFile.findFirst({ where: { integrationId }, orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }], select: { ...META, bytes: true } });
      if (!row) return null;
      return { ...row, bytes: Buffer.from(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) };
    },

    /** Stores the file as the newest, unless it is the newest already (same SHA-256): then nothing changes. */
    async store(integrationId: string, file: NewHrFile): Promise<{ file: StoredHrFile; unchanged: boolean }> {
      return db.$transaction(async (tx) => {
        // One upload at a time per integration: the newest file and the pruning stay consistent.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`hr_files:${integrationId}`}))`;
        const newest = await tx.hrFile.findFirst({ where: { integrationId }, orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }], select: META });
        if (newest && newest.sha256 === file.sha256) return { file: newest, unchanged: true };
        const created = await tx.hrFile.create({
          data: { integrationId, name: file.name, contentType: file.contentType, sha256: file.sha256, sizeBytes: file.bytes.length, rowCount: file.rowCount, bytes: Uint8Array.from(file.bytes) },
          select: META,
        });
        const kept = await tx.hrFile.findMany({ where: { integrationId }, orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }], take: HR_FILES_KEPT, select: { id: true } });
        await tx.hrFile.deleteMany({ where: { integrationId, id: { notIn: kept.map((k) => k.id) } } });
        return { file: created, unchanged: false };
      });
    },

    /** The store as a connector reads it (ConnectorContext.files). */
    source(integrationId: string): { latest(): Promise<{ name: string; bytes: Buffer; receivedAt: Date } | null> } {
      return {
        latest: async () => {
          const file = await this.latest(integrationId);
          return file && { name: file.name, bytes: file.bytes, receivedAt: file.receivedAt };
        },
      };
    },
  };
}
