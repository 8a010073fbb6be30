// `npm start` prints a connect link for a demo company, so a new user sees the connect flow at once.
// The demo company is created once through the operator API; its key (shown only at creation) is
// kept in DATA_DIR/demo-company.json, so every start makes a fresh link for the same company.
import fs from 'node:fs';
import path from 'node:path';

const DEMO_COMPANY_NAME = 'Demo GmbH';

type DemoCompany = { id: string; apiKey: string };

async function postJson(url: string, key: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

function storedCompany(file: string): DemoCompany | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<DemoCompany>;
    return typeof parsed.id === 'string' && typeof parsed.apiKey === 'string' ? { id: parsed.id, apiKey: parsed.apiKey } : null;
  } catch {
    return null;
  }
}

async function createCompany(apiUrl: string, operatorKey: string, file: string): Promise<DemoCompany> {
  const res = await postJson(`${apiUrl}/v1/companies`, operatorKey, { name: DEMO_COMPANY_NAME });
  if (res.status !== 201) throw new Error(`creating the demo company answered ${res.status}: ${await res.text()}`);
  const company = (await res.json()) as DemoCompany;
  fs.writeFileSync(file, JSON.stringify({ id: company.id, apiKey: company.apiKey }), { mode: 0o600 });
  return company;
}

/** A fresh connect link of the demo company (created on the first start, or again after its database was reset). */
export async function demoConnectLink(apiUrl: string, operatorKey: string, dataDir: string): Promise<{ url: string; expiresAt: string }> {
  const file = path.join(dataDir, 'demo-company.json');
  let company = storedCompany(file) ?? (await createCompany(apiUrl, operatorKey, file));
  let res = await postJson(`${apiUrl}/v1/connect-links`, company.apiKey, {});
  if (res.status === 401) {
    company = await createCompany(apiUrl, operatorKey, file);
    res = await postJson(`${apiUrl}/v1/connect-links`, company.apiKey, {});
  }
  if (res.status !== 201) throw new Error(`creating the demo connect link answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { url: string; expiresAt: string };
}
