// mirus is read through the HR file export connector (connectors/hr-file-export/): its contract
// fixture is that one's, with this catalog entry's export layout.
import { hrFileContractFixture } from '../hr-file-export/contract-fixture';

export const contractFixture = hrFileContractFixture('mirus');
