// Each available system's contract fixture, found through the registry: every system listed as
// available must export `contractFixture` from connectors/<id>/contract-fixture.ts. The contract
// suite and the bench's per-connector step load them here.
import type { ContractFixture } from './contract';

export function loadContractFixture(hrSystem: string): ContractFixture {
  let fixture: ContractFixture | undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    fixture = (require(`../../${hrSystem}/contract-fixture`) as { contractFixture?: ContractFixture }).contractFixture;
  } catch (err) {
    throw new Error(`${hrSystem} is available in connectors/registry.ts but connectors/${hrSystem}/contract-fixture.ts cannot be loaded: ${(err as Error).message}`);
  }
  if (!fixture || fixture.hrSystem !== hrSystem) throw new Error(`connectors/${hrSystem}/contract-fixture.ts must export contractFixture for ${hrSystem}`);
  return fixture;
}
