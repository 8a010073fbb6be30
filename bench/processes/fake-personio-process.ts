// The Personio fake in its own process, so rendering pages costs neither the worker nor the floor
// measurement in the bench process. Env: FAKE_EMPLOYEES, FAKE_SEED. Commands over IPC edit its
// state the way tests do (connectors/personio/fake-state.ts).
import { FIRST_FAKE_ID } from '../../connectors/personio/fake-data';
import { startFakePersonio } from '../../connectors/personio/fake-server';
import { announceReady, answerCommands, exitOnStop } from './child';

async function main(): Promise<void> {
  const employeeCount = Number(process.env.FAKE_EMPLOYEES ?? '100');
  // Many integrations share this one fake (one credential each), so the auth limit is lifted.
  const fake = await startFakePersonio({ employeeCount, seed: Number(process.env.FAKE_SEED ?? '1'), authRequestsPerMinute: 1_000_000 });
  if (process.env.FAKE_WITHOUT_LEAVERS === '1') {
    // Diagnosis only (BENCH_DIAG_NO_LEAVERS): the same company with nobody leaving, to see what a sync
    // costs without starting leaving lifecycles.
    for (let i = 0; i < employeeCount; i++) {
      const e = fake.state.getEmployee(FIRST_FAKE_ID + i)!;
      if (e.terminationDate) fake.state.editEmployee(e.id, { terminationDate: null, terminationType: null, terminationReason: null, status: 'active' });
    }
  }
  answerCommands((command) => {
    if (command.type === 'renameSpread') {
      // `count` employees spread evenly over the listing get a new last name: an HR change that
      // touches no leaving date, so each one is exactly one row to write. People who had already
      // left (in the past: former staff the product never imported) are passed over.
      const count = Number(command.count);
      const step = Math.max(1, Math.floor(employeeCount / Math.max(1, count)));
      const today = new Date().toISOString().slice(0, 10);
      let edited = 0;
      for (let start = 0; start < employeeCount && edited < count; start += step) {
        for (let i = start; i < Math.min(start + step, employeeCount); i++) {
          const e = fake.state.getEmployee(FIRST_FAKE_ID + i)!;
          if (e.terminationDate !== null && e.terminationDate < today) continue;
          fake.state.editEmployee(e.id, { lastName: `Renamed${command.round ?? ''}-${i}` });
          edited++;
          break;
        }
      }
      return { edited };
    }
    if (command.type === 'requestCounts') return fake.state.requestCounts;
    throw new Error(`unknown command ${String(command.type)}`);
  });
  exitOnStop(() => fake.close());
  announceReady({ url: fake.url });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
