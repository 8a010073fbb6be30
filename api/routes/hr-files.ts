// HR file export: the admin uploads the HR system's CSV export (PUT /v1/integrations/:id/files,
// text/csv or application/octet-stream, at most 50 MB) and sees how it is read (the preview). A file
// is checked before it is stored: one that cannot be used (not UTF-8, wrong delimiter, a required
// column missing, cut short) is a 422 naming the line and column, and the previous file stays. The
// same file again stores nothing. Each stored file refreshes the integration's options (the header
// is the attribute list of the mapping step).
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { csvTokenizer } from '../../connectors/file-reading';
import { HR_FILE_PRESET_IDS, HrFileError, previewHrFile, readHrFile, type HrFileReading, type HrFileSettings } from '../../domain/hr-file';
import { HR_FILE_MAX_BYTES, hrFiles, type StoredHrFile } from '../../infra/repositories/hr-files';
import { companyOf } from '../auth';
import type { AppDeps } from '../deps';
import { ApiError, conflict, notFound } from '../errors';
import { availableSystem, callHrSystem, setupContext } from '../hr-connection';
import { errorResponses, idParams } from '../schemas/common';
import { hrFileErrorResponses, hrFilePreviewAnswer, hrFileUpload } from '../schemas/hr-files';
import { integrationOfCompany } from '../tenancy';

const CONTENT_TYPES = ['text/csv', 'application/octet-stream'];
const contentTypeOf = (header: string | undefined) => String(header ?? '').split(';')[0]!.trim().toLowerCase();

const tooLarge = () => new ApiError(413, 'hr_file_too_large', `The file is larger than ${HR_FILE_MAX_BYTES / 1024 / 1024} MB (${HR_FILE_MAX_BYTES} bytes), the most an upload may be; nothing was stored.`);

async function readLimited(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
    else chunks.length = 0; // read to the end (the answer follows the body), keep nothing
  }
  if (size > limit) throw tooLarge();
  return Buffer.concat(chunks);
}

function fileName(disposition: string | undefined): string {
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '');
  let raw = m?.[1] ?? '';
  try {
    raw = decodeURIComponent(raw);
  } catch {
    // Not percent-encoding after all (a name with a bare %): taken as written.
  }
  // Control characters (U+0000 above all, which PostgreSQL text cannot hold) are no part of a name.
  const name = raw.replace(/[\u0000-\u001f\u007f]/g, '').split(/[\\/]/).pop()!.trim();
  return name.slice(0, 200) || 'upload.csv';
}

const present = (f: StoredHrFile) => ({ id: f.id, name: f.name, sha256: f.sha256, sizeBytes: f.sizeBytes, rowCount: f.rowCount, receivedAt: f.receivedAt.toISOString() });

export function hrFileRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const files = hrFiles(deps.db);

  /** The integration's upload settings; 409 where the integration does not take uploaded files. */
  async function uploadIntegration(companyId: string, id: string) {
    const row = await integrationOfCompany(deps.db, companyId, id);
    if (row.status === 'DISCONNECTED') throw conflict('integration_disconnected', 'This integration is disconnected; start a new one.');
    const system = availableSystem(row.hrSystem);
    if (!row.credentialsCipher) throw conflict('credentials_missing', `Enter the ${system.name} credentials first, with "source": "upload" (PUT /v1/integrations/${row.id}/credentials).`);
    const credentials = deps.cipher.decrypt(row.credentialsCipher, row.id) as Record<string, unknown>;
    if (credentials.source !== 'upload') {
      const why = credentials.source === 'sftp' ? 'its file is read from the SFTP server' : `${system.name} is read through its API`;
      throw conflict('not_an_upload_integration', `This integration does not take uploaded files: ${why}. Files are for HR file export integrations with "source": "upload".`);
    }
    const settings: HrFileSettings = {
      preset: (HR_FILE_PRESET_IDS as readonly string[]).includes(row.hrSystem) ? (row.hrSystem as HrFileSettings['preset']) : 'generic',
      delimiter: credentials.delimiter as HrFileSettings['delimiter'],
      encoding: credentials.encoding as HrFileSettings['encoding'],
      dateFormat: credentials.dateFormat as HrFileSettings['dateFormat'],
      columns: credentials.columns as HrFileSettings['columns'],
    };
    return { row, system, credentials, settings };
  }

  function readOrRefuse(bytes: Buffer, settings: HrFileSettings, what: string): HrFileReading {
    try {
      return readHrFile(bytes, settings, csvTokenizer);
    } catch (err) {
      if (err instanceof HrFileError) {
        throw new ApiError(422, 'hr_file_invalid', `${what} cannot be used: ${err.message}`, { code: err.code, line: err.line, column: err.column });
      }
      throw err;
    }
  }

  return async (app) => {
    // Only here: the body is the file itself, read as a stream (every other route takes JSON).
    app.addContentTypeParser(CONTENT_TYPES, (_req, payload, done) => done(null, payload));

    app.put(
      '/integrations/:id/files',
      {
        schema: {
          tags: ['setup'],
          summary: 'HR file export: upload the HR system’s CSV export (checked, then stored as the listing the next sync reads)',
          description:
            'The body is the file (text/csv or application/octet-stream, at most 50 MB; the name from Content-Disposition). The file is read with the credentials’ settings (delimiter, encoding, dateFormat, columns, the catalog entry’s preset); a file that cannot be used is refused naming the line and column, and the previous file stays. The same file again (same SHA-256) stores nothing.',
          params: idParams,
          consumes: CONTENT_TYPES,
          // The body is bytes, not JSON: the spec says so (a binary string), and the route reads it as a stream.
          body: z.unknown().meta({
            type: 'string',
            format: 'binary',
            description: 'The CSV export, as bytes (at most 50 MB)',
            examples: ['Personalnummer;Vorname;Nachname;E-Mail;Eintrittsdatum;Austrittsdatum\n1001;Anna;Alt;anna.alt@example.com;2021-04-01;\n1002;Bert;Bau;bert.bau@example.com;2019-09-15;2027-01-31\n'],
          }),
          response: { 200: hrFileUpload, 403: errorResponses[403], 409: hrFileErrorResponses[409], 413: hrFileErrorResponses[413], 415: hrFileErrorResponses[415], 422: hrFileErrorResponses[422], 502: errorResponses[502] },
        },
        // Before the body is parsed: any other type is a 415, whatever its body (JSON that does not parse included).
        onRequest: async (req) => {
          const contentType = contentTypeOf(req.headers['content-type']);
          if (!CONTENT_TYPES.includes(contentType)) {
            throw new ApiError(415, 'unsupported_media_type', `Send the file as text/csv or application/octet-stream${contentType ? `, not ${contentType}` : ''}.`);
          }
        },
      },
      async (req) => {
        const { companyId } = companyOf(req);
        const contentType = contentTypeOf(req.headers['content-type']);
        const declared = Number(req.headers['content-length'] ?? NaN);
        if (declared > HR_FILE_MAX_BYTES) throw tooLarge();
        const { row, system, credentials, settings } = await uploadIntegration(companyId, req.params.id);
        const bytes = await readLimited(req.body as Readable, HR_FILE_MAX_BYTES);
        if (bytes.length === 0) throw new ApiError(422, 'hr_file_invalid', 'The body is empty: send the CSV export as the body.', { code: 'EMPTY', line: null, column: null });
        const name = fileName(req.headers['content-disposition']);
        const reading = readOrRefuse(bytes, settings, `The file ${name}`);
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const stored = await files.store(row.id, { name, contentType, sha256, rowCount: reading.rows.length, bytes });
        if (!stored.unchanged || row.options === null) {
          // The header is the attribute list of the mapping step: read it through the connector, as a sync
          // will (again for the same file after new credentials, which clear the options).
          const connector = system.create(credentials, setupContext(deps.db, row.id));
          const [attributes, legalEntities, employmentTypes] = await callHrSystem(system.name, () => Promise.all([connector.listAttributes(), connector.listLegalEntities(), connector.listEmploymentTypes()]));
          const options = { attributes, legalEntities, employmentTypes, fetchedAt: new Date().toISOString() };
          await deps.db.integration.update({ where: { id: row.id }, data: { options: options as never, optionsFetchedAt: new Date() } });
        }
        return { file: present(stored.file), unchanged: stored.unchanged, preview: previewHrFile(reading) };
      },
    );

    app.get(
      '/integrations/:id/files/preview',
      {
        schema: {
          tags: ['setup'],
          summary: 'HR file export: how the newest uploaded file is read (detected delimiter, encoding and date format, the header, the first rows mapped, every problem with its line and column)',
          params: idParams,
          response: { 200: hrFilePreviewAnswer, 403: errorResponses[403], 409: hrFileErrorResponses[409], 422: hrFileErrorResponses[422] },
        },
      },
      async (req) => {
        const { companyId } = companyOf(req);
        const { row, settings } = await uploadIntegration(companyId, req.params.id);
        const file = await files.latest(row.id);
        if (!file) throw notFound(`An uploaded file of integration ${row.id}`);
        const reading = readOrRefuse(file.bytes, settings, `The newest file ${file.name}, with the current settings,`);
        return { file: present(file), preview: previewHrFile(reading) };
      },
    );
  };
}
