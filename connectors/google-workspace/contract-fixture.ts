// Google Workspace for the contract suite: users.list in pages of 20 (pageToken), a service account's
// signed JWT for tokens, dates and family data in the "Employment" custom schema, watch channels for push.
import { generateKeyPairSync } from 'node:crypto';
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { EMPLOYMENT_SCHEMA, startFakeGoogleWorkspace } from './fake-server';

const pem = (key: { export(options: { type: 'pkcs8'; format: 'pem' }): string | Buffer }) => key.export({ type: 'pkcs8', format: 'pem' }).toString();
// Key pairs are slow to make: one pair for the service account and one stranger's, per process.
let keys: { privatePem: string; publicKey: import('node:crypto').KeyObject; otherPem: string } | undefined;
const serviceAccountKeys = () => {
  if (!keys) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    keys = { privatePem: pem(privateKey), publicKey, otherPem: pem(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey) };
  }
  return keys;
};

export const contractFixture: ContractFixture = {
  hrSystem: 'google-workspace',
  async start(size?: ContractFakeSize) {
    const { privatePem, publicKey, otherPem } = serviceAccountKeys();
    const clientEmail = 'hr-sync@fake-project.iam.gserviceaccount.com';
    const fake = await startFakeGoogleWorkspace({ serviceAccount: { clientEmail, publicKey }, people: size?.people ?? 50, ...(size ? {} : { maxPageSize: 20 }) });
    fake.state.injectMalformed({ kind: 'admin#directory#user', primaryEmail: `orphan.record@${fake.domain}`, name: { givenName: 'Orphan', familyName: 'Record' } });
    const keyFile = (key: string) => JSON.stringify({ type: 'service_account', project_id: 'fake-project', private_key_id: 'fake-key-1', private_key: key, client_email: clientEmail, token_uri: fake.tokenUrl });
    const credentials = {
      // As the admin pastes it: the downloaded JSON key file as text.
      serviceAccountKey: keyFile(privatePem),
      adminEmail: fake.adminEmail,
      hireDateField: `${EMPLOYMENT_SCHEMA}.hireDate`,
      leavingDateField: `${EMPLOYMENT_SCHEMA}.leavingDate`,
      baseUrl: fake.url,
    };
    type GoogleUser = { id: string; primaryEmail: string; organizations?: Array<{ name?: string; primary?: boolean }>; customSchemas?: Record<string, Record<string, unknown>> };
    const users = () => fake.state.users.filter((u): u is GoogleUser => typeof (u as { id?: unknown })?.id === 'string');
    // The base64 body of the PEM, line by line: any of them in a history would leak the key.
    const keyLines = privatePem.split('\n').filter((l) => l && !l.startsWith('-----'));
    return {
      credentials,
      wrongCredentials: { ...credentials, serviceAccountKey: keyFile(otherPem) },
      refusalReason: 'invalid_grant: Invalid JWT Signature.',
      mapping: { numberOfChildren: `customSchemas.${EMPLOYMENT_SCHEMA}.numberOfChildren`, maritalStatus: `customSchemas.${EMPLOYMENT_SCHEMA}.maritalStatus` },
      expected: () =>
        users().map((u) => {
          const employment = u.customSchemas?.[EMPLOYMENT_SCHEMA] ?? {};
          return {
            remoteId: u.id,
            email: u.primaryEmail,
            leavingDate: text(employment.leavingDate),
            mapped: { numberOfChildren: count(employment.numberOfChildren), maritalStatus: text(employment.maritalStatus) },
          };
        }),
      malformedRecords: 1,
      legalEntities: () => [...new Set(users().map((u) => String((u.organizations ?? []).find((o) => o.primary)?.name)))].map((name) => ({ id: name, name })),
      listingPages: 'several',
      listingPath: '/admin/directory/v1/users',
      tokenPath: '/token',
      // Google throttles the Directory API with 403 usageLimits and never sends Retry-After.
      throttleSendsRetryAfter: false,
      push: {
        async changeSomeone() {
          const id = users()[0].id;
          fake.state.editUser(id, { organizations: [{ name: 'Contoso Benefits GmbH', primary: true, title: `Changed ${Date.now()}` }] });
          await fake.channels.sent();
          return id;
        },
        // One subscription is a channel per event; each is listed as Google holds it.
        subscriptions: () => fake.channels.list().map((c) => ({ id: c.id, callbackUrl: c.address, expiresAt: c.expiration })),
        dropSubscription: async (id) => fake.channels.drop(id),
        subscriptionPath: /^\/admin\/directory(\/v1\/users\/watch|_v1\/channels\/stop)$/,
      },
      faults: fake.state.faults,
      log: fake.state.log,
      secrets: () => [...keyLines, ...fake.state.tokens.keys()],
      close: () => fake.close(),
    };
  },
};
