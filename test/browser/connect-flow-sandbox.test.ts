// The whole connect flow in Chromium against the Sandbox HR system (the step screenshots come from here).
import { SANDBOX_DEMO_API_KEY } from '../../connectors/sandbox/api-types';
import type { ConnectHarness } from './support/connect-harness';
import { describeConnectFlow } from './support/connect-flow';

const sandbox = (h: ConnectHarness) => h.sandbox!;

describeConnectFlow({
  systemName: 'Sandbox HR system',
  harness: { personio: false, sandbox: { employeeCount: 60, seed: 21 } },
  wrongCredentials: (h) => ({ 'API key': 'not-the-sandbox-key', 'Base URL': sandbox(h).url }),
  rightCredentials: () => ({ 'API key': SANDBOX_DEMO_API_KEY }),
  refusalReason: /Unknown API key/,
  childrenAttribute: 'children',
  keptEntity: { id: 'le_de', name: 'Sandbox Demo GmbH' },
  listed: (h) =>
    sandbox(h)
      .store.page(0, sandbox(h).store.size)
      .employees.map((e) => ({ remoteId: e.id, legalEntityId: e.legal_entity.id, children: typeof e.custom_fields.children === 'number' ? e.custom_fields.children : null })),
  remove: (h, remoteIds) => remoteIds.forEach((id) => sandbox(h).store.remove(id)),
  screenshots: true,
});
