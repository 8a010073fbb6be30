// HR file export: the answers of PUT /v1/integrations/:id/files and its preview.
import { z } from 'zod';
import { HR_FILE_DATE_FORMATS, HR_FILE_DELIMITERS, HR_FILE_ROLES } from '../../domain/hr-file';
import { errorBody } from './common';

const problem = z.object({
  row: z.int().describe('Data row, 1 = the first row after the header'),
  line: z.int().describe('Line of the file the row starts on (the header is line 1)'),
  column: z.string().nullable().describe('Header of the column, null for the whole row'),
  message: z.string(),
});

const roleValues = z
  .object(Object.fromEntries(HR_FILE_ROLES.map((r) => [r, z.string().nullable().optional()])) as Record<(typeof HR_FILE_ROLES)[number], z.ZodOptional<z.ZodNullable<z.ZodString>>>)
  .describe('The row as the sync reads it: each product field that has a column (dates as YYYY-MM-DD)');

export const hrFilePreview = z.object({
  encoding: z.enum(['utf-8', 'utf-8-bom', 'latin1', 'windows-1252']),
  delimiter: z.enum(HR_FILE_DELIMITERS),
  dateFormat: z.enum(HR_FILE_DATE_FORMATS),
  dateFormatAssumed: z.boolean().describe('True when day and month could not be told apart and DD/MM/YYYY was assumed; set dateFormat in the credentials to be sure'),
  header: z.array(z.string()),
  columns: z.object(Object.fromEntries(HR_FILE_ROLES.map((r) => [r, z.string().optional()])) as Record<(typeof HR_FILE_ROLES)[number], z.ZodOptional<z.ZodString>>).describe('Product field → header of the column read for it'),
  rowCount: z.int(),
  rows: z.array(z.object({ row: z.int(), line: z.int(), fields: roleValues, problems: z.array(problem) })),
  problems: z.array(problem).describe('Every problem of the file (at most 100); a row with a problem is skipped by the sync'),
  problemCount: z.int(),
});

export const storedHrFile = z.object({
  id: z.uuid(),
  name: z.string(),
  sha256: z.string(),
  sizeBytes: z.int(),
  rowCount: z.int(),
  receivedAt: z.string(),
});

export const hrFileUpload = z.object({
  file: storedHrFile,
  unchanged: z.boolean().describe('True when the file is the newest one already (same SHA-256): nothing was stored, the next sync reads the same rows'),
  preview: hrFilePreview,
});

export const hrFilePreviewAnswer = z.object({ file: storedHrFile, preview: hrFilePreview });

export const hrFileErrorResponses = {
  409: errorBody.describe('The integration is disconnected, has no credentials, or does not take uploaded files (error = not_an_upload_integration)'),
  413: errorBody.describe('The file is larger than 50 MB (error = hr_file_too_large); nothing was stored'),
  415: errorBody.describe('The body is not text/csv or application/octet-stream (error = unsupported_media_type)'),
  422: errorBody.describe('The file cannot be used (error = hr_file_invalid: not UTF-8, wrong delimiter, a required column missing, cut short…; details name the line and column); nothing was stored, the previous file stays'),
} as const;
