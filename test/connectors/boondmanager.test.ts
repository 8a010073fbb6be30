// What is particular to BoondManager (the contract suite covers the rest): the signed client token
// (X-Jwt-Client-Boondmanager, HS256, a fresh `time` per request), page / maxResults paging that ends
// on meta.totals.rows and not on a short page, JSON:API records with agencies in `included`, the
// defensive reading of leavers (state 0 without a date, a date only from the named attribute), and
// 401 / 403 / 501 told apart.
import { CredentialsRejectedError, HrSystemResponseError, HrSystemUnavailableError } from '../../connectors/errors';
import { signClientToken } from '../../connectors/boondmanager/client-token';
import { boondManager } from '../../connectors/boondmanager/definition';
import {
  FAKE_BOOND_CLIENT_KEY,
  FAKE_BOOND_CLIENT_TOKEN,
  FAKE_BOOND_USER_TOKEN,
  LEAVING_DATE_ATTRIBUTE,
  startFakeBoondManager,
  type RunningFakeBoondManager,
} from '../../connectors/boondmanager/fake-server';
import { mapBoondResource } from '../../connectors/boondmanager/mapping';
import type { ConnectorContext } from '../../connectors/types';
import { readAllPages } from '../support/connector-pages';

const noWait: ConnectorContext = { sleep: async () => undefined };
const context = { today: '2026-12-01', agencyNames: new Map([['1', 'Exemple Conseil SAS']]) };

describe('BoondManager client token and resource mapping', () => {
  it('signs { userToken, clientToken, time, mode } with the client key (HS256)', () => {
    const jwt = signClientToken({ userToken: 'u', clientToken: 'c', clientKey: 'k' }, 1528535249);
    const [header, payload] = jwt.split('.').slice(0, 2).map((p) => JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as unknown);
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toEqual({ userToken: 'u', clientToken: 'c', time: 1528535249, mode: 'normal' });
    expect(jwt.split('.')).toHaveLength(3);
  });

  const resource = (attributes: Record<string, unknown>, agency = '1') => ({ id: '7', type: 'resource', attributes: { firstName: 'Alex', lastName: 'Marlow', email1: 'alex@example.com', ...attributes }, relationships: { agency: { data: { id: agency, type: 'agency' } } } });
  const map = (attributes: Record<string, unknown>, leavingDateField?: string) => {
    const result = mapBoondResource(resource(attributes), { ...context, leavingDateField });
    if (!result.ok) throw new Error(result.invalid.reason);
    return result.employee;
  };

  it('reads a leaving date only from the named attribute; state 0 without one is a leaver with no date', () => {
    expect(map({ state: 0 })).toMatchObject({ status: 'terminated', leavingDate: null });
    expect(map({ state: 1, exitDate: '2026-03-31' })).toMatchObject({ status: 'active', leavingDate: null });
    expect(map({ state: 0, exitDate: '2026-03-31' }, 'exitDate')).toMatchObject({ status: 'terminated', leavingDate: '2026-03-31' });
    expect(map({ state: 7, exitDate: '2030-06-30' }, 'exitDate')).toMatchObject({ status: 'active', leavingDate: '2030-06-30' });
    expect(mapBoondResource(resource({ exitDate: 'bientôt' }), { ...context, leavingDateField: 'exitDate' })).toMatchObject({ ok: false, invalid: { remoteId: '7' } });
  });

  it('reads email1 (else email), reference, civility and the agency', () => {
    expect(map({ reference: 'RES-1', civility: 1 })).toMatchObject({ email: 'alex@example.com', personnelNumber: 'RES-1', gender: 'female', legalEntity: { id: '1', name: 'Exemple Conseil SAS' } });
    expect(map({ email1: undefined, email: 'other@example.com', civility: 0 })).toMatchObject({ email: 'other@example.com', gender: 'male' });
    expect(mapBoondResource({ id: '8', attributes: 'x' }, context)).toMatchObject({ ok: false, invalid: { remoteId: '8' } });
  });
});

describe('BoondManager connector against the fake BoondManager', () => {
  let fake: RunningFakeBoondManager;
  afterEach(async () => fake?.close());
  const credentials = (overrides: Record<string, unknown> = {}) =>
    boondManager.credentialsSchema.parse({ userToken: FAKE_BOOND_USER_TOKEN, clientToken: FAKE_BOOND_CLIENT_TOKEN, clientKey: FAKE_BOOND_CLIENT_KEY, leavingDateField: LEAVING_DATE_ATTRIBUTE, baseUrl: fake.url, ...overrides });
  const connect = (overrides: Record<string, unknown> = {}) => boondManager.create(credentials(overrides), noWait);

  it('asks maxResults=100 page by page and reads short pages on until meta.totals.rows is reached', async () => {
    fake = await startFakeBoondManager({ people: 45, maxResults: 20 });
    const pages = await readAllPages(connect());
    expect(pages.flatMap((p) => p.employees)).toHaveLength(45);
    expect(fake.log.find({ path: '/api/resources' }).map((e) => [e.query.get('page'), e.query.get('maxResults')])).toEqual([
      ['1', '100'],
      ['2', '100'],
      ['3', '100'],
    ]);
  });

  it('goes on to an empty page when no total is sent', async () => {
    fake = await startFakeBoondManager({ people: 3 });
    fake.faults.add({ kind: 'answer', path: '/api/resources', response: { status: 200, body: { meta: {}, data: [...fake.state.resources.values()] } } });
    const pages = await readAllPages(connect());
    expect(pages.map((p) => p.employees.length)).toEqual([3, 0]);
  });

  it('takes agency names from `included` and offers the agencies as legal entities', async () => {
    fake = await startFakeBoondManager({ people: 4 });
    const employees = (await readAllPages(connect())).flatMap((p) => p.employees);
    expect(employees.find((e) => e.remoteId === '2')!.legalEntity).toEqual({ id: '1', name: 'Exemple Conseil SAS' });
    expect(await connect().listLegalEntities()).toEqual([
      { id: '1', name: 'Exemple Conseil SAS' },
      { id: '5', name: 'Exemple Digital SARL' },
    ]);
  });

  it('refuses a wrong client key (401) and a token account without rights (403); an inactive API (501) is unavailable', async () => {
    fake = await startFakeBoondManager({ people: 1, inactiveApis: ['/api/agencies'] });
    await expect(connect({ clientKey: 'wrong' }).checkCredentials()).rejects.toThrow(new CredentialsRejectedError('BoondManager refused the credentials: Invalid X-Jwt-Client-Boondmanager token', 'BoondManager'));
    fake.faults.add({ kind: 'answer', response: { status: 403, body: { errors: [{ status: '403', detail: 'Forbidden' }] } } });
    await expect(connect().checkCredentials()).rejects.toThrow(/^BoondManager refused access to the resources: Forbidden/);
    // A 501 is a 5xx to the kit: retried, then "unavailable" (a kit suggestion: let a connector make it final).
    await expect(boondManager.create(credentials(), { ...noWait, maxAttempts: 2 }).listLegalEntities()).rejects.toBeInstanceOf(HrSystemUnavailableError);
    expect(fake.log.count({ path: '/api/agencies', status: 501 })).toBe(2);
    fake.faults.add({ kind: 'answer', path: '/api/resources', response: { status: 404, body: { errors: [{ status: '404', detail: 'Not found' }] } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toBeInstanceOf(HrSystemResponseError);
  });
});
