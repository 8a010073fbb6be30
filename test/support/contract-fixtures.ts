// The registry drives the contract suite: every system it lists as available must export
// `contractFixture` from connectors/<id>/contract-fixture.ts (replaces the old hand-kept list).
import { hrSystems } from '../../connectors/registry';
import type { ContractFixture } from '../../connectors/kit/fake/contract';

export const availableSystems = hrSystems.filter((s) => s.status === 'available');

export function loadContractFixture(hrSystem: string): ContractFixture {
  let fixture: ContractFixture | undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    fixture = (require(`../../connectors/${hrSystem}/contract-fixture`) as { contractFixture?: ContractFixture }).contractFixture;
  } catch (err) {
    throw new Error(`${hrSystem} is available in connectors/registry.ts but connectors/${hrSystem}/contract-fixture.ts cannot be loaded: ${(err as Error).message}`);
  }
  if (!fixture || fixture.hrSystem !== hrSystem) throw new Error(`connectors/${hrSystem}/contract-fixture.ts must export contractFixture for ${hrSystem}`);
  return fixture;
}
