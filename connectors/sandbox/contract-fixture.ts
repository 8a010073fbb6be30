// The Sandbox HR system for the contract suite: our own API, cursor-paged (100 a page), a custom
// "children" field, and one record its own API would refuse, put straight into its store.
import { count, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { SANDBOX_DEMO_API_KEY } from './api-types';
import { SANDBOX_LEGAL_ENTITIES } from './fake-data';
import { startSandboxHrServer } from './fake-server';

export const contractFixture: ContractFixture = {
  hrSystem: 'sandbox',
  async start(size?: ContractFakeSize) {
    const server = await startSandboxHrServer({ employeeCount: size?.people ?? 120 });
    // A hire date that is no date: the sandbox's API would refuse it, its store takes it.
    const broken = server.store.add({ first_name: 'Orphan', last_name: 'Record', email: 'orphan.record@sandbox-demo.example', hire_date: '31.12.2026' } as never);
    return {
      credentials: { apiKey: SANDBOX_DEMO_API_KEY, baseUrl: server.url },
      wrongCredentials: { apiKey: 'not-the-demo-key', baseUrl: server.url },
      refusalReason: 'Unknown API key.',
      mapping: { numberOfChildren: 'children' },
      expected: () =>
        server.store
          .page(0, 10_000)
          .employees.filter((e) => e.id !== broken.id)
          .map((e) => ({ remoteId: e.id, email: e.email, leavingDate: e.leaving_date, mapped: { numberOfChildren: count(e.custom_fields.children) } })),
      malformedRecords: 1,
      legalEntities: () => SANDBOX_LEGAL_ENTITIES.map(({ id, name }) => ({ id, name })),
      listingPages: 'several',
      listingPath: '/api/employees',
      tokenPath: null,
      throttleSendsRetryAfter: true,
      faults: server.faults,
      log: server.log,
      secrets: () => [SANDBOX_DEMO_API_KEY],
      close: () => server.close(),
    };
  },
};
