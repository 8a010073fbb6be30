// Rippling for the contract suite: GET /workers/ in two passes (the plain list, then
// filter=status eq 'TERMINATED': the fake leaves terminated workers out of the plain list), 50 a
// page by next_link, leavers TERMINATED with their end_date, planned leavers ACTIVE with a 2030
// end_date, three legal entities, the number of children in a custom field, and the change listing
// on filter=updated_at gt …. Rippling publishes no rate-limit numbers: the fake's limit is off.
import { count, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { FAKE_RIPPLING_API_TOKEN, NUMBER_OF_CHILDREN_FIELD_ID, startFakeRippling } from './fake-server';
import { customFieldKey } from './mapping';

export const contractFixture: ContractFixture = {
  hrSystem: 'rippling',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeRippling({ workers: size?.people ?? 120, malformedRecords: 1 });
    let i = 0;
    for (const id of fake.state.workers.keys()) fake.state.setCustomValue(id, NUMBER_OF_CHILDREN_FIELD_ID, i++ % 5 === 0 ? null : (i % 3) + 1);
    return {
      credentials: { apiToken: FAKE_RIPPLING_API_TOKEN, baseUrl: fake.url },
      wrongCredentials: { apiToken: 'revoked-rippling-token', baseUrl: fake.url },
      refusalReason: 'Invalid token.',
      mapping: { numberOfChildren: customFieldKey(NUMBER_OF_CHILDREN_FIELD_ID) },
      expected: () =>
        [...fake.state.workers].map(([id, w]) => ({
          remoteId: id,
          email: String(w.work_email),
          leavingDate: (w.end_date as string | null) ?? null,
          mapped: { numberOfChildren: count(fake.state.customValue(id, NUMBER_OF_CHILDREN_FIELD_ID)) },
        })),
      malformedRecords: 1,
      legalEntities: () => fake.state.legalEntities.map((e) => ({ id: String(e.id), name: String(e.legal_name) })),
      listingPages: 'several',
      listingPath: /^\/workers\/?$/,
      tokenPath: null,
      throttleSendsRetryAfter: true,
      changeMoreThanAPage: () => {
        const ids = [...fake.state.workers.keys()].slice(0, 60);
        for (const id of ids) fake.state.editWorker(id, { title: 'Senior engineer' });
        return ids;
      },
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_RIPPLING_API_TOKEN],
      close: () => fake.close(),
    };
  },
};
