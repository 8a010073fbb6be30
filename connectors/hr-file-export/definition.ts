// HR file export: any HR system's CSV export as the employee listing, uploaded through the API
// (`PUT /v1/integrations/:id/files`) or fetched from an SFTP server. One definition per catalog
// entry: "HR file export" (generic column names) and the systems with no public API whose exports
// have a preset (Perbility Helix, Mirus). Sources and choices: NOTES.md.
import { z } from 'zod';
import { HR_FILE_DATE_FORMATS, HR_FILE_DELIMITERS, HR_FILE_ENCODINGS, HR_FILE_ROLES, type HrFilePresetId, type HrFileRole } from '../../domain/hr-file';
import type { EmployeeFieldKey } from '../../domain/employee-fields';
import { defineHrSystem } from '../kit';
import type { CatalogNotes } from '../types';
import { HrFileExportConnector, sftpSource, uploadSource } from './connector';
import { normaliseFingerprint, SftpFileSource } from './sftp';

const header = z.string().trim().min(1, 'must be the header of a column of the file');
const columns = z
  .object(Object.fromEntries(HR_FILE_ROLES.map((role) => [role, header.optional()])) as Record<HrFileRole, z.ZodOptional<typeof header>>)
  .strict();

export const hrFileExportCredentials = z
  .object({
    /** `upload`: files arrive through PUT /v1/integrations/:id/files; `sftp`: read from the SFTP server at each sync. */
    source: z.enum(['upload', 'sftp']),
    sftpHost: z.string().trim().min(1).optional(),
    sftpPort: z.number().int().min(1).max(65535).optional(),
    sftpUsername: z.string().trim().min(1).optional(),
    sftpPassword: z.string().min(1).optional(),
    /** An OpenSSH or PEM private key of the SFTP user (instead of or with the password). */
    sftpPrivateKey: z.string().min(1).optional(),
    /** The file's path, or a directory ending in "/" whose newest .csv file is read. */
    sftpPath: z.string().trim().min(1).optional(),
    /** The server's host key fingerprint as `ssh-keygen -lf` prints it (SHA256:…); the check names it when missing. */
    hostKeySha256: z
      .string()
      .trim()
      .regex(/^(SHA256:)?[A-Za-z0-9+/]{43}=?$/, 'must be a SHA-256 host key fingerprint, e.g. SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8')
      .optional(),
    delimiter: z.enum(HR_FILE_DELIMITERS).optional(),
    encoding: z.enum(HR_FILE_ENCODINGS).optional(),
    dateFormat: z.enum(HR_FILE_DATE_FORMATS).optional(),
    /** Role → header of the column, where the export's names differ from the preset's. */
    columns: columns.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.source !== 'sftp') return;
    for (const key of ['sftpHost', 'sftpUsername', 'sftpPath'] as const) if (!c[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required for source "sftp"' });
    if (!c.sftpPassword && !c.sftpPrivateKey) ctx.addIssue({ code: 'custom', path: ['sftpPassword'], message: 'an SFTP password or private key (sftpPrivateKey) is required for source "sftp"' });
  });

export type HrFileExportCredentials = z.infer<typeof hrFileExportCredentials>;

// Everything a usual export carries; the number of children only as a mapped column (or the preset's).
const SUPPORTED: readonly EmployeeFieldKey[] = ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'hireDate', 'leavingDate', 'gender', 'legalEntity', 'maritalStatus'];

const COMMON_VERIFIED = [
  'The employees are the rows of the latest CSV export: uploaded here, or read from your SFTP server at each sync (its host key pinned as a SHA-256 fingerprint).',
  'Each file is a complete listing: someone missing from a well-formed file is treated as removed (a mass removal waits for your confirmation); there is no change listing.',
  'A file cut short, not UTF-8 (unless you chose latin1 or windows-1252), with the wrong delimiter or without a required column (id, first and last name, e-mail, leaving date) is refused as a whole, naming the line and column.',
  'Delimiter (, ; tab |), encoding (UTF-8 with or without BOM) and date format (YYYY-MM-DD, DD.MM.YYYY, DD/MM/YYYY, MM/DD/YYYY when a value proves it) are detected; each can be set.',
];

export function hrFileExportSystem<const Id extends string>(id: Id, name: string, preset: HrFilePresetId, notes: CatalogNotes) {
  return defineHrSystem({
    id,
    name,
    credentialsSchema: hrFileExportCredentials,
    supportedFields: SUPPORTED,
    secretKeys: ['sftpPassword', 'sftpPrivateKey'],
    notes,
    connect: (c, { hrSystemName, context }) => {
      const source =
        c.source === 'sftp'
          ? sftpSource(
              new SftpFileSource(
                { host: c.sftpHost!, port: c.sftpPort ?? 22, username: c.sftpUsername!, password: c.sftpPassword, privateKey: c.sftpPrivateKey, path: c.sftpPath!, hostKeySha256: c.hostKeySha256 && normaliseFingerprint(c.hostKeySha256) },
                hrSystemName,
                context,
              ),
            )
          : uploadSource(context, hrSystemName);
      return new HrFileExportConnector(hrSystemName, source, { preset, delimiter: c.delimiter, encoding: c.encoding, dateFormat: c.dateFormat, columns: c.columns });
    },
  });
}

export const hrFileExport = hrFileExportSystem('hr-file-export', 'HR file export', 'generic', {
  verified: [...COMMON_VERIFIED, 'For any HR system that can export a CSV: the usual German and English column names are recognised (Personalnummer, Vorname, Nachname, E-Mail, Eintrittsdatum, Austrittsdatum, …); name yours in columns where they differ.'],
  unverified: ['Labels of gender, marital status and employment type are read from usual German and English words; others are left empty.'],
});

export const perbilityHelix = hrFileExportSystem('perbility-helix', 'Perbility Helix', 'perbility-helix', {
  verified: [...COMMON_VERIFIED, 'Perbility Helix has no public API: its employee export is read as a file.'],
  unverified: [
    "The preset's column names (Personalnummer, Vorname, Name, E-Mail Büro, Eintrittsdatum, Austrittsdatum, Mandantnummer) are the vendor's standard employee data layout (perbit); an export configured differently needs its names in columns.",
    'The export must include employees who have left (with Austrittsdatum); an export of current staff only turns every leaver into a removal.',
  ],
});

export const mirus = hrFileExportSystem('mirus', 'Mirus', 'mirus', {
  verified: [...COMMON_VERIFIED, 'Mirus has no public API: its employee export is read as a file.'],
  unverified: [
    "No description of Mirus's export columns was found: the generic German column names are used (Personalnummer, Vorname, Nachname, E-Mail, Eintrittsdatum, Austrittsdatum); name yours in columns where they differ.",
    'The export must include employees who have left (with their leaving date).',
  ],
});
