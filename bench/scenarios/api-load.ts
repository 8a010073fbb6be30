// Step 7: GET /v1/employees under load from autocannon. Each request reads another page of the
// largest company's listing (cursors collected beforehand), so the database sees keyset pages all
// over the table, not one hot page.
import autocannon from 'autocannon';
import type { BenchCompany } from '../api-client';
import { CpuMeter } from '../cpu';
import type { BenchEnvironment } from '../environment';

export interface ApiLoadResult {
  companyEmployees: number;
  distinctPages: number;
  connections: number;
  durationSeconds: number;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  non2xx: number;
  errors: number;
  /** Where the load's CPU went: the API, PostgreSQL, and the bench process itself (autocannon). */
  cpuSeconds: Record<string, number>;
}

const MAX_PAGES = 200;

export async function runApiLoad(env: BenchEnvironment, target: { company: BenchCompany; employees: number }, options: { connections: number; durationSeconds: number }): Promise<ApiLoadResult> {
  const paths: string[] = [];
  let cursor: string | null = null;
  do {
    paths.push(`/v1/employees?limit=50${cursor ? `&cursor=${cursor}` : ''}`);
    cursor = (await env.api.employeePage(target.company, cursor)).nextCursor;
  } while (cursor && paths.length < MAX_PAGES);

  let next = 0;
  const cpu = new CpuMeter(env.cpuTargets({}));
  const result = await autocannon({
    url: env.api.baseUrl,
    connections: options.connections,
    duration: options.durationSeconds,
    headers: { authorization: `Bearer ${target.company.apiKey}` },
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
  });
  const { cpuSeconds } = cpu.stop();
  return {
    companyEmployees: target.employees,
    cpuSeconds,
    distinctPages: paths.length,
    connections: options.connections,
    durationSeconds: options.durationSeconds,
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
