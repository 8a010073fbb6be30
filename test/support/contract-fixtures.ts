// The registry drives the contract suite: every system it lists as available must export
// `contractFixture` from connectors/<id>/contract-fixture.ts (connectors/kit/fake/fixtures.ts loads it).
import { hrSystems } from '../../connectors/registry';

export { loadContractFixture } from '../../connectors/kit/fake/fixtures';

export const availableSystems = hrSystems.filter((s) => s.status === 'available');
