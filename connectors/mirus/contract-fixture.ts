// Mirus is read through the HR file export connector (connectors/hr-file-export/): its contract
// fixture is that one's, with the export layout of this folder's fake-server.ts.
import { hrFileContractFixture } from '../hr-file-export/contract-fixture';
import { MIRUS_EXPORT } from './fake-server';

export const contractFixture = hrFileContractFixture('mirus', MIRUS_EXPORT);
