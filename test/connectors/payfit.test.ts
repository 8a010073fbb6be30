// What is particular to PayFit (the contract suite covers the rest): the company id from token
// introspection, GET /companies/{companyId}/collaborators with maxResults=50 and meta.nextPageToken,
// leaving dates from terminationDate or the ended contracts (a rehire's stale date ignored), the
// professional e-mail only, PayFit's { error } refusals, and its 429 with X-RateLimit-*-Second headers.
import { CredentialsRejectedError, HrSystemResponseError } from '../../connectors/errors';
import { payFit } from '../../connectors/payfit/definition';
import { FAKE_PAYFIT_API_KEY, FAKE_PAYFIT_COMPANY, startFakePayFit, type RunningFakePayFit } from '../../connectors/payfit/fake-server';
import { mapPayFitCollaborator } from '../../connectors/payfit/mapping';
import type { ConnectorContext } from '../../connectors/types';
import { readAllPages } from '../support/connector-pages';

const noWait: ConnectorContext = { sleep: async () => undefined };
const today = '2026-12-01';

describe('PayFit collaborator mapping', () => {
  const base = { id: 'c1', firstName: 'Alex', lastName: 'Marlow', emails: [{ email: 'alex@example.fr', type: 'professional' }] };
  const map = (fields: Record<string, unknown>) => {
    const result = mapPayFitCollaborator({ ...base, ...fields }, today);
    if (!result.ok) throw new Error(result.invalid.reason);
    return result.employee;
  };
  const contract = (startDate: string, endDate: string | null, status: string) => ({ id: `k${startDate}`, startDate, endDate, status });

  it('takes terminationDate, else the latest end once every contract has ended', () => {
    expect(map({ terminationDate: '2026-03-31', contracts: [contract('2020-01-01', '2026-03-31', 'ARCHIVED')] })).toMatchObject({ leavingDate: '2026-03-31', status: 'terminated' });
    expect(map({ terminationDate: null, contracts: [contract('2019-01-01', '2020-12-31', 'ARCHIVED'), contract('2021-01-01', '2026-02-28', 'ARCHIVED')] })).toMatchObject({ leavingDate: '2026-02-28', status: 'terminated' });
    // A fixed-term contract still running: a planned departure.
    expect(map({ terminationDate: '2030-06-30', contracts: [contract('2024-01-01', '2030-06-30', 'ACTIVE')] })).toMatchObject({ leavingDate: '2030-06-30', status: 'active' });
    // No date anywhere: never a leaver, whatever the contract status.
    expect(map({ contracts: [contract('2019-01-01', null, 'ARCHIVED')] })).toMatchObject({ leavingDate: null, status: 'inactive' });
    expect(map({})).toMatchObject({ leavingDate: null, status: null, hireDate: null });
  });

  it('ignores a rehire’s stale terminationDate and reads the hire date along contracts without a gap', () => {
    const rehired = map({ terminationDate: '2018-08-31', contracts: [contract('2014-03-01', '2018-08-31', 'ARCHIVED'), contract('2020-02-01', null, 'ACTIVE')] });
    expect(rehired).toMatchObject({ leavingDate: null, status: 'active', hireDate: '2020-02-01' });
    const amended = map({ contracts: [contract('2015-01-01', '2016-12-31', 'ARCHIVED'), contract('2017-01-01', null, 'ACTIVE')] });
    expect(amended.hireDate).toBe('2015-01-01');
    expect(map({ terminationDate: '2018-08-31', contracts: [contract('2020-02-01', '2031-01-31', 'ACTIVE')] }).leavingDate).toBe('2031-01-31');
    expect(map({ contracts: [contract('2030-01-04', null, 'PENDING')] })).toMatchObject({ status: 'onboarding', hireDate: '2030-01-04' });
  });

  it('reads the professional e-mail only, matricule, both gender spellings and numberOfChildren as an attribute', () => {
    expect(map({ emails: [{ email: 'alex@mail.example.net', type: 'personal' }] })).toMatchObject({ email: null, attributes: { 'emails.personal': 'alex@mail.example.net' } });
    expect(map({ emails: [{ email: 'a@mail.example.net', type: 'personal' }, { email: 'a@example.fr', type: 'unknown' }] }).email).toBe('a@example.fr');
    expect(map({ matricule: 'M00042', gender: 'woman', numberOfChildren: 2 })).toMatchObject({ personnelNumber: 'M00042', gender: 'female', attributes: { numberOfChildren: 2 } });
    expect(map({ gender: 'man' }).gender).toBe('male');
    expect(map({ gender: 'other' }).gender).toBe('diverse');
  });

  it('reports unreadable dates and shapes as invalid records', () => {
    expect(mapPayFitCollaborator({ ...base, terminationDate: 'soon' }, today)).toEqual({ ok: false, invalid: { remoteId: 'c1', reason: 'terminationDate "soon" is not a date' } });
    expect(mapPayFitCollaborator({ ...base, contracts: [contract('2020-01-01', 'never', 'ARCHIVED')] }, today)).toMatchObject({ ok: false, invalid: { remoteId: 'c1' } });
    expect(mapPayFitCollaborator({ ...base, contracts: {} }, today)).toMatchObject({ ok: false, invalid: { remoteId: 'c1' } });
    expect(mapPayFitCollaborator({ ...base, firstName: { fr: 'Alex' } }, today)).toMatchObject({ ok: false });
    expect(mapPayFitCollaborator({ firstName: 'No id' }, today)).toMatchObject({ ok: false, invalid: { remoteId: null } });
  });
});

describe('PayFit connector against the fake PayFit', () => {
  let fake: RunningFakePayFit;
  afterEach(async () => fake?.close());
  const connect = (fields: Record<string, unknown> = {}, context: ConnectorContext = noWait) =>
    payFit.create(payFit.credentialsSchema.parse({ apiKey: FAKE_PAYFIT_API_KEY, baseUrl: fake.url, ...fields }), context);
  const listingPath = `/companies/${FAKE_PAYFIT_COMPANY.id}/collaborators`;

  it('reads the company id by introspection once, then every page with maxResults=50 and nextPageToken', async () => {
    fake = await startFakePayFit({ collaborators: 120, rateLimit: null });
    const leaver = [...fake.state.collaborators.keys()][2];
    fake.state.terminate(leaver, '2026-01-15');
    const connector = connect();
    await connector.checkCredentials();
    const pages = await readAllPages(connector);
    expect(fake.log.count({ path: '/introspect' })).toBe(1);
    const asked = fake.log.find({ path: listingPath }).map((e) => [e.query.get('maxResults'), e.query.has('nextPageToken')]);
    expect(asked).toEqual([['1', false], ['50', false], ['50', true], ['50', true]]);
    const employees = pages.flatMap((p) => p.employees);
    expect(employees).toHaveLength(120);
    expect(employees.find((e) => e.remoteId === leaver)).toMatchObject({ status: 'terminated', leavingDate: '2026-01-15' });
    expect(employees.filter((e) => e.status === 'terminated').length).toBeGreaterThan(20);
    // A given company id needs no introspection.
    await readAllPages(connect({ companyId: FAKE_PAYFIT_COMPANY.id }));
    expect(fake.log.count({ path: '/introspect' })).toBe(1);
  });

  it('refuses a full page without meta rather than guessing it was the last', async () => {
    fake = await startFakePayFit({ collaborators: 60, rateLimit: null });
    const fifty = [...fake.state.collaborators.values()].slice(0, 50);
    fake.faults.add({ kind: 'answer', path: listingPath, response: { status: 200, body: { collaborators: fifty } } });
    await expect(connect({ companyId: FAKE_PAYFIT_COMPANY.id }).fetchEmployeePage(null)).rejects.toBeInstanceOf(HrSystemResponseError);
    fake.faults.add({ kind: 'answer', path: listingPath, response: { status: 200, body: { data: [] } } });
    await expect(connect({ companyId: FAKE_PAYFIT_COMPANY.id }).fetchEmployeePage(null)).rejects.toBeInstanceOf(HrSystemResponseError);
  });

  it('refuses with PayFit’s reason: an inactive key, a wrong key, a missing scope, another company', async () => {
    fake = await startFakePayFit({ collaborators: 3, rateLimit: null });
    const refusal = (fields: Record<string, unknown>) =>
      connect(fields)
        .checkCredentials()
        .catch((e: unknown) => e);
    const inactive = await refusal({ apiKey: 'revoked' });
    expect(inactive).toBeInstanceOf(CredentialsRejectedError);
    expect((inactive as Error).message).toBe('PayFit refused the credentials: the API key is not active (revoked, expired or never issued)');
    expect(((await refusal({ apiKey: 'revoked', companyId: FAKE_PAYFIT_COMPANY.id })) as Error).message).toBe('PayFit refused the credentials: Invalid token');
    expect(((await refusal({ companyId: 'someone-else' })) as Error).message).toMatch(/^PayFit refused the credentials: Company not found \(check the company id/);
    fake.faults.add({ kind: 'answer', path: listingPath, response: { status: 403, body: { error: 'Missing scope collaborators:read' } } });
    expect(((await refusal({})) as Error).message).toBe('PayFit refused the credentials: Missing scope collaborators:read (the API key needs the scope collaborators:read)');
  });

  it('answers 429 with X-RateLimit-*-Second headers and no Retry-After, which the connector waits out', async () => {
    fake = await startFakePayFit({ collaborators: 130, rateLimit: { requests: 2, windowMs: 400 } });
    const waits: number[] = [];
    const realWait: ConnectorContext = { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, (waits.push(ms), ms))) };
    const connector = connect({}, realWait);
    const employees = (await readAllPages(connector)).flatMap((p) => p.employees);
    expect(employees).toHaveLength(130);
    const throttled = fake.log.find({ status: 429 });
    expect(throttled.length).toBeGreaterThan(0);
    expect(waits.length).toBe(throttled.length);
    const answers = await Promise.all(Array.from({ length: 3 }, () => fetch(`${fake.url}${listingPath}`, { headers: { authorization: `Bearer ${FAKE_PAYFIT_API_KEY}` } })));
    const refused = answers.find((r) => r.status === 429)!;
    expect(refused.headers.get('x-ratelimit-limit-second')).toBe('2');
    expect(refused.headers.get('x-ratelimit-remaining-second')).toBe('0');
    expect(refused.headers.get('retry-after')).toBeNull();
    expect(await refused.json()).toEqual({ message: 'API rate limit exceeded' });
  });
});
