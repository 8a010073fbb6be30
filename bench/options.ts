// Sizes and knobs of a bench run, from the environment or --flags (flags win), so the smoke test
// can run the same command tiny.
import path from 'node:path';

export const BENCH_STEPS = ['sync', 'many', 'lifecycles', 'api', 'connectors', 'push', 'scale'] as const;
export type BenchStep = (typeof BENCH_STEPS)[number];

export interface BenchOptions {
  /** Step 1–4 company sizes. */
  sizes: number[];
  /** Share of employees changed for the step 4 resync. */
  changedShare: number;
  /** Step 5. */
  companies: number;
  companyEmployees: number;
  activationConcurrency: number;
  /** Step 5 gives up when no first sync has finished for this long (a stalled system). */
  stallSeconds: number;
  /** Step 6. */
  lifecycles: number;
  lifecycleWaitSeconds: number;
  /** Step 7. */
  apiSeconds: number;
  apiConnections: number;
  /** Step connectors: employees of each system's fake, and which systems (null: every available one). */
  connectorEmployees: number;
  connectors: string[] | null;
  /** Step scale: integrations synced by two worker and two API processes, company sizes between the two. */
  scaleIntegrations: number;
  scaleMinEmployees: number;
  scaleMaxEmployees: number;
  /** Step push: the company, the changes (one every pushChangeIntervalMs) and the notification burst. */
  pushEmployees: number;
  pushChanges: number;
  pushChangeIntervalMs: number;
  pushBurst: number;
  pushIsolated: number;
  /** How long PostgreSQL's write counters must stand still before they are read (0: at once). */
  statsSettleSeconds: number;
  steps: BenchStep[];
  resultsDir: string;
}

const SETTINGS: Record<Exclude<keyof BenchOptions, 'steps' | 'resultsDir' | 'sizes' | 'connectors'>, { env: string; flag: string; fallback: number }> = {
  changedShare: { env: 'BENCH_CHANGED_SHARE', flag: 'changed-share', fallback: 0.01 },
  companies: { env: 'BENCH_COMPANIES', flag: 'companies', fallback: 1000 },
  companyEmployees: { env: 'BENCH_COMPANY_EMPLOYEES', flag: 'company-employees', fallback: 50 },
  activationConcurrency: { env: 'BENCH_ACTIVATION_CONCURRENCY', flag: 'activation-concurrency', fallback: 100 },
  stallSeconds: { env: 'BENCH_STALL_SECONDS', flag: 'stall-seconds', fallback: 120 },
  lifecycles: { env: 'BENCH_LIFECYCLES', flag: 'lifecycles', fallback: 10_000 },
  lifecycleWaitSeconds: { env: 'BENCH_LIFECYCLE_WAIT_SECONDS', flag: 'lifecycle-wait-seconds', fallback: 10 },
  apiSeconds: { env: 'BENCH_API_SECONDS', flag: 'api-seconds', fallback: 10 },
  apiConnections: { env: 'BENCH_API_CONNECTIONS', flag: 'api-connections', fallback: 50 },
  connectorEmployees: { env: 'BENCH_CONNECTOR_EMPLOYEES', flag: 'connector-employees', fallback: 10_000 },
  scaleIntegrations: { env: 'BENCH_SCALE_INTEGRATIONS', flag: 'scale-integrations', fallback: 200 },
  scaleMinEmployees: { env: 'BENCH_SCALE_MIN_EMPLOYEES', flag: 'scale-min-employees', fallback: 5 },
  scaleMaxEmployees: { env: 'BENCH_SCALE_MAX_EMPLOYEES', flag: 'scale-max-employees', fallback: 20 },
  pushEmployees: { env: 'BENCH_PUSH_EMPLOYEES', flag: 'push-employees', fallback: 200 },
  pushChanges: { env: 'BENCH_PUSH_CHANGES', flag: 'push-changes', fallback: 200 },
  pushChangeIntervalMs: { env: 'BENCH_PUSH_CHANGE_INTERVAL_MS', flag: 'push-change-interval-ms', fallback: 500 },
  pushBurst: { env: 'BENCH_PUSH_BURST', flag: 'push-burst', fallback: 1000 },
  pushIsolated: { env: 'BENCH_PUSH_ISOLATED', flag: 'push-isolated', fallback: 3 },
  // Backends publish their counters up to 10 s after going idle (PGSTAT_IDLE_INTERVAL).
  statsSettleSeconds: { env: 'BENCH_STATS_SETTLE_SECONDS', flag: 'stats-settle-seconds', fallback: 11 },
};

export const USAGE = `npm run bench [-- --sizes=10000,100000 --companies=1000 --company-employees=50 --lifecycles=10000
                     --lifecycle-wait-seconds=10 --changed-share=0.01 --api-seconds=10 --api-connections=50
                     --activation-concurrency=100 --stall-seconds=120 --stats-settle-seconds=11
                     --connector-employees=10000 --connectors=personio,workday,… (default: every available system)
                     --scale-integrations=200 --scale-min-employees=5 --scale-max-employees=20
                     --push-employees=200 --push-changes=200 --push-change-interval-ms=500 --push-burst=1000 --push-isolated=3
                     --steps=sync,many,lifecycles,api,connectors,push,scale --results-dir=bench/results]
Each flag has an environment twin: BENCH_SIZES, BENCH_COMPANIES, … (upper case, BENCH_ prefix).`;

function flags(argv: string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z-]+)=(.*)$/.exec(arg);
    if (!match) throw new Error(`Unknown argument "${arg}".\n${USAGE}`);
    found.set(match[1]!, match[2]!);
  }
  return found;
}

function positiveNumber(raw: string, name: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

export function parseBenchOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const given = flags(argv);
  const pick = (flag: string, envName: string) => given.get(flag) ?? env[envName];
  const numbers = Object.fromEntries(
    Object.entries(SETTINGS).map(([key, s]) => {
      const raw = pick(s.flag, s.env);
      const value = raw === undefined || raw === '' ? s.fallback : raw === '0' && key === 'statsSettleSeconds' ? 0 : positiveNumber(raw, `--${s.flag} / ${s.env}`);
      return [key, key === 'changedShare' || key === 'statsSettleSeconds' ? value : Math.max(1, Math.round(value))];
    }),
  ) as Pick<BenchOptions, keyof typeof SETTINGS>;
  if (numbers.changedShare > 1) throw new Error('--changed-share / BENCH_CHANGED_SHARE is a share: at most 1');
  if (numbers.scaleMinEmployees > numbers.scaleMaxEmployees) throw new Error('--scale-min-employees must not exceed --scale-max-employees');
  const sizes = (pick('sizes', 'BENCH_SIZES') ?? '10000,100000').split(',').map((s) => Math.round(positiveNumber(s.trim(), '--sizes / BENCH_SIZES')));
  const steps = (pick('steps', 'BENCH_STEPS') ?? BENCH_STEPS.join(',')).split(',').map((s) => s.trim());
  for (const step of steps) if (!BENCH_STEPS.includes(step as BenchStep)) throw new Error(`Unknown step "${step}"; steps are ${BENCH_STEPS.join(', ')}`);
  const connectors = pick('connectors', 'BENCH_CONNECTORS');
  return {
    ...numbers,
    sizes,
    connectors: connectors ? connectors.split(',').map((c) => c.trim()).filter(Boolean) : null,
    steps: steps as BenchStep[],
    resultsDir: path.resolve(pick('results-dir', 'BENCH_RESULTS_DIR') ?? path.join(__dirname, 'results')),
  };
}
