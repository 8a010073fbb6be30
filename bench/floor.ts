// The hardware floor a sync is measured against, on the same data in the same run: (a) reading
// every page of the listing from the same fake over loopback HTTP with no mapping and no database,
// (b) one bulk COPY of the synced rows into an empty table shaped like `employees`.
import type { Pool } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import { FAKE_PERSONIO_CLIENT_ID, FAKE_PERSONIO_CLIENT_SECRET } from '../connectors/personio/fake-server';

const PAGE_SIZE = 100;

/** Reads the whole listing page by page (as the sync does: one page at a time); returns ms and records. */
export async function measureFetchFloor(baseUrl: string): Promise<{ ms: number; records: number; pages: number }> {
  const started = performance.now();
  const auth = await fetch(`${baseUrl}/v1/auth`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: FAKE_PERSONIO_CLIENT_ID, client_secret: FAKE_PERSONIO_CLIENT_SECRET }),
  });
  const token = ((await auth.json()) as { data: { token: string } }).data.token;
  let records = 0;
  let pages = 0;
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const res = await fetch(`${baseUrl}/v1/company/employees?limit=${PAGE_SIZE}&offset=${offset}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    const body = (await res.json()) as { data: unknown[] };
    pages++;
    records += body.data.length;
    if (body.data.length < PAGE_SIZE) break;
  }
  return { ms: performance.now() - started, records, pages };
}

/**
 * Copies the integration's employee rows out (not timed), then times one COPY of them into an empty
 * table with the same columns and indexes (LIKE … INCLUDING ALL; no foreign keys).
 */
export async function measureCopyFloor(pool: Pool, integrationId: string): Promise<{ ms: number; rows: number }> {
  const client = await pool.connect();
  try {
    const chunks: Buffer[] = [];
    await pipeline(
      client.query(copyTo(`COPY (SELECT * FROM employees WHERE integration_id = '${integrationId.replace(/[^0-9a-f-]/gi, '')}') TO STDOUT`)),
      new Writable({
        write(chunk: Buffer, _enc, done) {
          chunks.push(chunk);
          done();
        },
      }),
    );
    await client.query('DROP TABLE IF EXISTS bench_copy_floor');
    await client.query('CREATE TABLE bench_copy_floor (LIKE employees INCLUDING ALL)');
    const started = performance.now();
    const sink = client.query(copyFrom('COPY bench_copy_floor FROM STDIN'));
    await pipeline(Readable.from(chunks), sink);
    const ms = performance.now() - started;
    const rows = Number(sink.rowCount ?? 0);
    await client.query('DROP TABLE bench_copy_floor');
    return { ms, rows };
  } finally {
    client.release();
  }
}
