// Gauges of the leaving lifecycles, read from PostgreSQL when Prometheus scrapes: one count query each
// (the handoff's through its partial index). They count the whole database, so every worker process
// reports the same value: aggregate them with max(), not sum().
import { Gauge, type Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { Db } from '../prisma';
import { METRIC_PREFIX } from './registry';

/** A scrape must not hang on a slow database: past this the gauge reads NaN (unknown) for that scrape. */
const QUERY_TIMEOUT_MS = 3_000;

export function registerLeavingGauges(registry: Registry, db: Db, log?: Logger): void {
  const gauge = (name: string, help: string, count: () => Promise<number>) =>
    new Gauge({
      name: `${METRIC_PREFIX}${name}`,
      help,
      registers: [registry],
      async collect() {
        let timer: NodeJS.Timeout | undefined;
        try {
          const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${QUERY_TIMEOUT_MS} ms`)), QUERY_TIMEOUT_MS)));
          this.set(await Promise.race([count(), timeout]));
        } catch (err) {
          log?.warn({ err, metric: name }, 'could not read a metric from the database');
          this.set(Number.NaN);
        } finally {
          clearTimeout(timer);
        }
      },
    });
  // Literal predicates (no parameters), so the planner matches the partial index of the handoff outbox.
  const count = async (query: Promise<Array<{ n: number }>>) => (await query)[0]?.n ?? 0;
  gauge('leaving_lifecycles_planned', 'Employees with a planned leaving (status LEAVING_PLANNED): leaving lifecycles waiting for the end of the last working month', () =>
    count(db.$queryRaw`SELECT count(*)::int AS n FROM employees WHERE status = 'LEAVING_PLANNED'`),
  );
  gauge('leaving_handoff_pending', 'Employees whose leaving change a sync wrote but no leaving lifecycle holds yet (the leaving-handoff backlog)', () =>
    count(db.$queryRaw`SELECT count(*)::int AS n FROM employees WHERE leaving_handoff_pending`),
  );
}
