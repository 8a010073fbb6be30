// One line per available HR system: a complete first sync of a company of N employees (10,000 by
// default) from the system's own vendor fake (its contract fixture at the vendor's page sizes),
// through the API and the worker into PostgreSQL, next to the fake's own floor: the time the fake
// spent answering the sync's requests (summed per request, from the request read to the answer
// written), i.e. how fast a client doing nothing but waiting for the fake could have been.
import { hrSystems } from '../../connectors/registry';
import { loadContractFixture } from '../../connectors/kit/fake/fixtures';
import type { BenchEnvironment } from '../environment';
import { waitForSyncRun } from '../sync-runs';

export interface ConnectorSyncFigures {
  hrSystem: string;
  name: string;
  /** People the fake listed (valid ones; each fixture adds its malformed records). */
  employees: number;
  status: string;
  /** Employees stored by the run (created), and what it read. */
  created: number;
  read: number;
  wallMs: number;
  employeesPerSecond: number;
  /** Requests the fake answered during the sync, and its service time for them. */
  requests: number;
  fakeServiceMs: number;
  fakeFloorEmployeesPerSecond: number;
  /** Sync wall time over the fake's own service time. */
  toFakeFloor: number;
}

export interface ConnectorSyncsResult {
  employeesPerSystem: number;
  systems: ConnectorSyncFigures[];
}

export async function runConnectorSyncs(
  env: BenchEnvironment,
  options: { employees: number; systems: string[] | null; timeoutSeconds: number },
  log: (line: string) => void,
): Promise<ConnectorSyncsResult> {
  const available = hrSystems.filter((s) => s.status === 'available' && (options.systems === null || options.systems.includes(s.id)));
  const worker = await env.startWorker();
  const figures: ConnectorSyncFigures[] = [];
  try {
    // A fresh worker pays its first sync's start-up once (JIT, pools): not any one system's figure.
    await syncOnce(env, 'sandbox', 200, options.timeoutSeconds);
    for (const system of available) {
      const fake = await loadContractFixture(system.id).start({ people: options.employees });
      try {
        const company = await env.api.createCompany(`Connector bench ${system.id}`);
        const integrationId = await env.api.connectHrSystem(company, system.id, fake.credentials, fake.mapping);
        const people = fake.expected().length;
        const requestsBefore = fake.log.total;
        const serviceBefore = fake.log.serviceMs;
        const started = Date.now();
        const syncRunId = await env.api.activate(company, integrationId);
        const run = await waitForSyncRun(env.pool, syncRunId, options.timeoutSeconds * 1000);
        const wallMs = Date.now() - started;
        const fakeServiceMs = fake.log.serviceMs - serviceBefore;
        const figure: ConnectorSyncFigures = {
          hrSystem: system.id,
          name: system.name,
          employees: people,
          status: run.status,
          created: run.countCreated,
          read: run.countRead,
          wallMs,
          employeesPerSecond: Math.round(people / (wallMs / 1000)),
          requests: fake.log.total - requestsBefore,
          fakeServiceMs: Math.round(fakeServiceMs),
          fakeFloorEmployeesPerSecond: Math.round(people / (fakeServiceMs / 1000)),
          toFakeFloor: Number((wallMs / fakeServiceMs).toFixed(2)),
        };
        figures.push(figure);
        log(`  ${system.name}: ${run.status}, ${people} employees in ${(wallMs / 1000).toFixed(1)} s (${figure.employeesPerSecond}/s; fake floor ${figure.fakeFloorEmployeesPerSecond}/s, ${figure.requests} requests)`);
      } finally {
        await fake.close();
      }
    }
  } finally {
    await worker.stop();
  }
  return { employeesPerSystem: options.employees, systems: figures };
}

async function syncOnce(env: BenchEnvironment, hrSystem: string, people: number, timeoutSeconds: number): Promise<void> {
  const fake = await loadContractFixture(hrSystem).start({ people });
  try {
    const company = await env.api.createCompany(`Connector bench warm-up ${hrSystem}`);
    const integrationId = await env.api.connectHrSystem(company, hrSystem, fake.credentials, fake.mapping);
    await waitForSyncRun(env.pool, await env.api.activate(company, integrationId), timeoutSeconds * 1000);
  } finally {
    await fake.close();
  }
}
