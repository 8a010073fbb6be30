// The whole connect flow in Chromium against the Personio fake (Personio's API v1 as published).
import { CHILDREN_ATTRIBUTE, FAKE_SUBCOMPANIES } from '../../connectors/personio/fake-data';
import { FAKE_PERSONIO_CLIENT_ID, FAKE_PERSONIO_CLIENT_SECRET } from '../../connectors/personio/fake-server';
import type { ConnectHarness } from './support/connect-harness';
import { describeConnectFlow } from './support/connect-flow';

const personio = (h: ConnectHarness) => h.personio!;
const kept = FAKE_SUBCOMPANIES[0]!;

describeConnectFlow({
  systemName: 'Personio',
  harness: { sandbox: false, personio: { employeeCount: 60, seed: 13 } },
  wrongCredentials: (h) => ({ 'Client ID': FAKE_PERSONIO_CLIENT_ID, 'Client secret': 'not-the-secret', 'Base URL': personio(h).url }),
  rightCredentials: () => ({ 'Client secret': FAKE_PERSONIO_CLIENT_SECRET }),
  refusalReason: /The credentials are not correct/,
  childrenAttribute: CHILDREN_ATTRIBUTE,
  keptEntity: { id: String(kept.id), name: kept.name },
  listed: (h) =>
    personio(h)
      .state.listEmployees()
      .map((e) => {
        const children = e.custom[CHILDREN_ATTRIBUTE];
        return { remoteId: String(e.id), legalEntityId: e.subcompanyId === null ? null : String(e.subcompanyId), children: children === null || children === undefined ? null : Number(children) };
      }),
  remove: (h, remoteIds) => remoteIds.forEach((id) => personio(h).state.removeEmployee(Number(id))),
  // Personio lists changes, which cannot show who is gone; removals are read from the complete
  // listing due once a day. Here that day has passed.
  beforeRemovalSync: async (h, integrationId) => {
    await h.product.database.db.integration.update({ where: { id: integrationId }, data: { lastFullListingAt: new Date(Date.now() - 25 * 3600_000) } });
  },
  screenshots: false,
});
