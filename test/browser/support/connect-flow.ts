// The whole connect flow, clicked through in Chromium the way an employer admin does it, against one
// HR system's fake: pick the system, choose the data, wrong credentials then right ones, the
// number-of-children mapping, a legal-entity filter, activation and the first sync's counts, "sync
// now", a mass removal held back and confirmed, disconnect. Each step is also checked with axe-core,
// the link's token is looked for everywhere the browser keeps things, and with SCREENSHOTS=1 each
// step is photographed into docs/screenshots/.
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { describeInBrowser } from './chromium';
import { startConnectHarness, type CompanyWithLink, type ConnectHarness, type ConnectHarnessOptions } from './connect-harness';
import { openLink, pickSystem, step } from './connect-page';
import { eventually, placesHoldingToken, screenshotStep, seriousAccessibilityViolations } from './page-checks';

export interface ListedEmployee {
  remoteId: string;
  legalEntityId: string | null;
  children: number | null;
}

export interface FlowVendor {
  /** The name the catalog shows, e.g. "Personio". */
  systemName: string;
  harness: ConnectHarnessOptions;
  /** Label → value for the credentials form; wrong ones the vendor refuses. */
  wrongCredentials(h: ConnectHarness): Record<string, string>;
  rightCredentials(h: ConnectHarness): Record<string, string>;
  /** The vendor's own words for the refusal, as its fake answers. */
  refusalReason: RegExp;
  /** The key of the HR system's attribute holding the number of children (labelled "Number of children" there). */
  childrenAttribute: string;
  /** The legal entity the filter keeps (its name as the HR system lists it). */
  keptEntity: { id: string; name: string };
  /** Everyone the HR system lists now. */
  listed(h: ConnectHarness): ListedEmployee[];
  remove(h: ConnectHarness, remoteIds: string[]): void;
  /** Whatever must happen before "sync now" reads a complete listing (where it would list only changes). */
  beforeRemovalSync?(h: ConnectHarness, integrationId: string): Promise<void>;
  /** Writes the step screenshots (one vendor does, so the images have one set of names). */
  screenshots: boolean;
}

/** The runs of the sync history, newest first: one table body each (its counts, then its warnings' row if any). */
const historyRuns = (integration: Locator): Locator => integration.locator('table tbody');

/** The row of the sync history for the newest run, as the admin reads it; `notes` is the text of its warnings' row. */
async function newestRun(integration: Locator): Promise<Record<string, string>> {
  const run = historyRuns(integration).first();
  const cells = await run.locator('tr').first().locator('th, td').allTextContents();
  const [started, trigger, result, read, created, updated, unchanged, filteredOut, removed, warnings] = cells;
  const notes = (await run.locator('tr').count()) > 1 ? await run.locator('tr').nth(1).innerText() : '';
  return { started: started!, trigger: trigger!, result: result!, read: read!, created: created!, updated: updated!, unchanged: unchanged!, filteredOut: filteredOut!, removed: removed!, warnings: warnings!, notes };
}

/** Whether the history shows all its columns without scrolling sideways. */
const historyFits = (integration: Locator) => integration.getByRole('region', { name: 'Sync history' }).evaluate((el) => el.scrollWidth <= el.clientWidth);

export function describeConnectFlow(vendor: FlowVendor): void {
  describeInBrowser(`connect flow against ${vendor.systemName}, clicked through in Chromium`, () => {
    let h: ConnectHarness;
    let company: CompanyWithLink;
    let context: BrowserContext;
    let page: Page;
    let integrationId: string;
    const shot = async (name: string) => {
      if (vendor.screenshots) await screenshotStep(page, name);
    };
    const db = () => h.product.database.db;
    const expectAccessible = async () => expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const expectTokenNowhere = async () => expect(await placesHoldingToken(page, context, company.link.token)).toEqual([]);

    beforeAll(async () => {
      h = await startConnectHarness(vendor.harness);
      company = await h.createCompanyWithLink(`${vendor.systemName} Flow GmbH`);
      ({ context, page } = await h.newPage());
    });
    afterAll(async () => {
      await h?.stop();
    });

    it('opens the link on step 1, the token gone from the address, storage and cookies', async () => {
      await openLink(page, company.link.url);
      const pick = step(page, 'pick-system');
      await pick.getByRole('heading', { name: 'Choose your HR system' }).waitFor();
      await pick.getByRole('radio', { name: vendor.systemName, exact: true }).waitFor();
      expect(new URL(page.url()).search).toBe('');
      await expectTokenNowhere();
      await expectAccessible();
      await shot('pick-system');
    });

    it('step 1 → 2: finds the system by search and picks it', async () => {
      await pickSystem(page, vendor.systemName);
      const created = await db().integration.findFirstOrThrow({ where: { companyId: company.id } });
      integrationId = created.id;
      expect(created).toMatchObject({ status: 'DRAFT' });
    });

    it('step 2: required data fixed, an optional item deselected, only the selection stored', async () => {
      const fields = step(page, 'fields');
      await fields.getByRole('heading', { name: 'Choose the data we read' }).waitFor();
      expect(await fields.getByLabel('Work e-mail').isDisabled()).toBe(true);
      expect(await fields.getByLabel('Work e-mail').isChecked()).toBe(true);
      await fields.getByLabel('Gender').uncheck();
      await fields.getByLabel('Number of children').check();
      await expectAccessible();
      await shot('fields');
      await fields.getByRole('button', { name: 'Continue' }).click();
      await step(page, 'credentials').waitFor();
      const stored = await db().integration.findUniqueOrThrow({ where: { id: integrationId } });
      expect(stored.selectedFields).not.toContain('gender');
      expect(stored.selectedFields).toEqual(expect.arrayContaining(['email', 'numberOfChildren', 'legalEntity']));
    });

    it('step 3: refused credentials show the vendor’s reason; right ones are accepted', async () => {
      const credentials = step(page, 'credentials');
      await credentials.getByRole('heading', { name: `Enter your ${vendor.systemName} credentials` }).waitFor();
      for (const [label, value] of Object.entries(vendor.wrongCredentials(h))) await credentials.getByLabel(label).fill(value);
      await credentials.getByRole('button', { name: 'Check credentials' }).click();
      const refusal = credentials.getByRole('alert').filter({ hasText: `${vendor.systemName} did not accept these credentials.` });
      await refusal.waitFor();
      expect(await refusal.textContent()).toMatch(vendor.refusalReason);
      expect((await db().integration.findUniqueOrThrow({ where: { id: integrationId } })).credentialsCipher).toBeNull();
      await expectAccessible();
      await shot('credentials-refused');

      for (const [label, value] of Object.entries(vendor.rightCredentials(h))) await credentials.getByLabel(label).fill(value);
      await credentials.getByRole('button', { name: 'Check credentials' }).click();
      await step(page, 'extra').waitFor();
      expect((await db().integration.findUniqueOrThrow({ where: { id: integrationId } })).credentialsCipher).not.toBeNull();
      // Entered secrets are gone from the page with the step: in no field, nowhere in its text.
      const secrets = Object.values(vendor.rightCredentials(h));
      const shown = await page.evaluate((values) => {
        const inFields = Array.from(document.querySelectorAll('input, textarea')).map((el) => (el as HTMLInputElement).value);
        return values.filter((v) => inFields.includes(v) || document.body.innerText.includes(v));
      }, secrets);
      expect(shown).toEqual([]);
    });

    it('step 4: the number of children mapped to the HR system’s attribute, after re-syncing attributes', async () => {
      const extra = step(page, 'extra');
      await extra.getByRole('heading', { name: 'Extra information' }).waitFor();
      await extra.getByRole('button', { name: 'Re-sync attributes' }).click();
      await page.getByRole('status').filter({ hasText: new RegExp(`\\d+ attributes read from ${vendor.systemName}`) }).waitFor();
      await extra.getByLabel('Number of children').selectOption({ label: `Number of children (${vendor.childrenAttribute})` });
      await expectAccessible();
      await shot('extra');
      await extra.getByRole('button', { name: 'Continue' }).click();
      await step(page, 'filters').waitFor();
      const stored = await db().integration.findUniqueOrThrow({ where: { id: integrationId } });
      expect(stored.mapping).toEqual({ numberOfChildren: vendor.childrenAttribute });
    });

    it('step 5: a legal-entity filter', async () => {
      const filters = step(page, 'filters');
      await filters.getByRole('heading', { name: 'Which employees are synchronised' }).waitFor();
      await filters.getByRole('checkbox', { name: vendor.keptEntity.name, exact: true }).check();
      await expectAccessible();
      await shot('filters');
      await filters.getByRole('button', { name: 'Continue' }).click();
      await step(page, 'done').waitFor();
    });

    it('step 6: the summary shows the choices; activation shows the first sync’s counts on the integration’s page', async () => {
      const done = step(page, 'done');
      await done.getByRole('heading', { name: 'Review and activate' }).waitFor();
      const summary = await done.innerText();
      expect(summary).toContain(vendor.systemName);
      expect(summary).toContain(`Number of children → ${vendor.childrenAttribute}`);
      // The kept entity by its name, as the HR system lists it (the filter stores its id).
      await eventually(async () => expect(await done.innerText()).toMatch(new RegExp(`Filters\\s+${vendor.keptEntity.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s`)));
      // Step 4's "N attributes read…" went with step 4.
      expect(await page.getByRole('status').filter({ hasText: 'attributes read' }).count()).toBe(0);
      await expectAccessible();
      await shot('done');
      await done.getByRole('button', { name: 'Activate and start the first sync' }).click();

      const integration = step(page, 'integration');
      await integration.getByRole('heading', { name: `Your ${vendor.systemName} connection` }).waitFor();
      // The page follows a running sync by itself until its result is in.
      await integration.locator('table tbody tr', { hasText: 'Succeeded' }).first().waitFor({ timeout: 60_000 });
      const row = await newestRun(integration);
      const listed = vendor.listed(h);
      const run = await db().syncRun.findFirstOrThrow({ where: { integrationId } });
      const stored = await db().employee.findMany({ where: { companyId: company.id } });
      // What the page shows is what the sync recorded: everyone listed read, the kept entity created, the rest filtered out.
      expect(row).toMatchObject({
        trigger: 'Activation',
        result: 'Succeeded',
        read: String(listed.length),
        created: String(stored.length),
        updated: String(run.countUpdated),
        unchanged: String(run.countUnchanged),
        filteredOut: String(run.countFilteredOut),
        removed: '0',
      });
      expect(run.countRead).toBe(listed.length);
      expect(run.countFilteredOut).toBeGreaterThan(0);
      expect(stored.length).toBeGreaterThan(0);
      expect(stored.every((e) => e.legalEntityId === vendor.keptEntity.id)).toBe(true);
      // The mapping at work: each employee's number of children is the HR system's attribute; gender was deselected.
      const children = new Map(listed.map((e) => [e.remoteId, e.children]));
      expect(stored.map((e) => [e.remoteId, e.numberOfChildren])).toEqual(stored.map((e) => [e.remoteId, children.get(e.remoteId) ?? null]));
      expect(stored.some((e) => e.numberOfChildren !== null)).toBe(true);
      expect(stored.every((e) => e.gender === null)).toBe(true);
      expect(await integration.locator('.status').textContent()).toBe('Active');
      await expectAccessible();
      await expectTokenNowhere();
      await shot('integration');
    });

    it('"Sync now" runs another sync and shows it in the history', async () => {
      const integration = step(page, 'integration');
      await integration.getByRole('button', { name: 'Sync now' }).click();
      await page.getByRole('status').filter({ hasText: 'Sync started.' }).waitFor();
      await eventually(async () => expect(await historyRuns(integration).count()).toBe(2), { timeoutMs: 60_000 });
      await historyRuns(integration).first().locator('tr').first().filter({ hasText: 'Succeeded' }).waitFor({ timeout: 60_000 });
      expect(await newestRun(integration)).toMatchObject({ trigger: 'Sync now', result: 'Succeeded', removed: '0' });
    });

    it('changes the configuration from the integration’s page; the filter step tells the last sync’s counts', async () => {
      const integration = step(page, 'integration');
      const invites = integration.getByLabel('Invite new employees automatically');
      // Refused: the box shows the admin's choice while the API answers, then goes back and says why.
      let answerRefusal!: () => Promise<void>;
      const refusalSent = new Promise<void>((sent) => {
        void page.route(`**/v1/integrations/${integrationId}`, async (route) => {
          if (route.request().method() !== 'PATCH') return route.continue();
          answerRefusal = () => route.fulfill({ status: 503, json: { error: 'service_unavailable', message: 'The service is briefly unavailable. Try again in a moment.' } });
          sent();
        });
      });
      await invites.focus();
      await page.keyboard.press('Space');
      await refusalSent;
      expect(await invites.isChecked()).toBe(true);
      expect(await invites.getAttribute('aria-disabled')).toBe('true');
      expect(await invites.getAttribute('aria-busy')).toBe('true');
      // Another press while it saves changes nothing, and the keyboard focus stays on the box.
      await page.keyboard.press('Space');
      expect(await invites.isChecked()).toBe(true);
      expect(await invites.evaluate((el) => el === document.activeElement)).toBe(true);
      await answerRefusal();
      await integration.getByRole('alert').filter({ hasText: 'The service is briefly unavailable.' }).waitFor();
      expect(await invites.isChecked()).toBe(false);
      expect(await invites.getAttribute('aria-disabled')).toBe('false');
      expect(await invites.evaluate((el) => el === document.activeElement)).toBe(true);
      expect((await db().integration.findUniqueOrThrow({ where: { id: integrationId } })).autoInvite).toBe(false);
      await page.unroute(`**/v1/integrations/${integrationId}`);

      // Accepted: the box stays on throughout, and is usable again once saved.
      await invites.check();
      expect(await invites.isChecked()).toBe(true);
      await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
      expect(await invites.isChecked()).toBe(true);
      expect(await invites.getAttribute('aria-disabled')).toBe('false');
      expect(await invites.getAttribute('aria-busy')).toBe('false');
      expect(await integration.getByRole('alert').filter({ hasText: 'The service is briefly unavailable.' }).count()).toBe(0);
      expect((await db().integration.findUniqueOrThrow({ where: { id: integrationId } })).autoInvite).toBe(true);

      const last = await db().syncRun.findFirstOrThrow({ where: { integrationId }, orderBy: { startedAt: 'desc' } });
      await integration.getByRole('button', { name: 'Change employee filters' }).click();
      const filters = step(page, 'filters');
      await filters.getByText(`At the last sync ${last.countRead} employees were read and ${last.countFilteredOut} filtered out.`).waitFor();
      expect(await filters.getByRole('checkbox', { name: vendor.keptEntity.name, exact: true }).isChecked()).toBe(true);
      await filters.getByRole('button', { name: 'Cancel' }).click();
      await step(page, 'integration').getByRole('button', { name: 'Sync now' }).waitFor();
    });

    it('holds back a mass removal for review; the admin confirms it on the page', async () => {
      const active = await db().employee.findMany({ where: { integrationId, status: 'ACTIVE', removedAt: null } });
      const gone = active.slice(0, Math.ceil(active.length / 2)).map((e) => e.remoteId);
      // The guard holds back at least 5 missing employees that are more than 20% of the active ones.
      expect(gone.length).toBeGreaterThanOrEqual(5);
      vendor.remove(h, gone);
      await vendor.beforeRemovalSync?.(h, integrationId);

      const integration = step(page, 'integration');
      await integration.getByRole('button', { name: 'Sync now' }).click();
      // The notice is the heading's own container (section or div, whichever the page uses).
      const held = integration.getByRole('heading', { name: 'Removals held back for review' }).locator('..');
      await held.waitFor({ timeout: 60_000 });
      expect(await held.textContent()).toContain(`found ${gone.length} employees missing from ${vendor.systemName}`);
      expect(await newestRun(integration)).toMatchObject({ result: 'Needs review', removed: '0' });
      expect(await db().employee.count({ where: { integrationId, removedAt: { not: null } } })).toBe(0);
      // Its warnings on a row of their own below the run, every column still in view.
      const heldRun = await db().syncRun.findFirstOrThrow({ where: { integrationId }, orderBy: { startedAt: 'desc' } });
      const row = await newestRun(integration);
      expect(row.warnings).toBe(String(heldRun.warnings.length + (heldRun.error ? 1 : 0)));
      for (const warning of heldRun.warnings) expect(row.notes).toContain(warning);
      expect(await historyFits(integration)).toBe(true);
      // On a narrow page (an iframe, a tablet) the table scrolls sideways, its warnings stay readable in view.
      await page.setViewportSize({ width: 700, height: 900 });
      const history = integration.getByRole('region', { name: 'Sync history' });
      for (const warning of heldRun.warnings) {
        const [region, text] = [(await history.boundingBox())!, (await history.getByText(warning, { exact: true }).boundingBox())!];
        expect(text.x).toBeGreaterThanOrEqual(region.x);
        expect(text.x + text.width).toBeLessThanOrEqual(region.x + region.width);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      await expectAccessible();
      await shot('held-back');

      await held.getByRole('button', { name: 'Confirm removals' }).click();
      await page.getByRole('status').filter({ hasText: 'Removals confirmed.' }).waitFor();
      await held.waitFor({ state: 'detached' });
      // The run now says its removals were confirmed (the API's confirmedAt), and so does the last sync.
      await eventually(async () => expect(await newestRun(integration)).toMatchObject({ result: 'Removals confirmed', removed: String(gone.length) }));
      await integration.getByText(/· Removals confirmed$/).waitFor();
      const removed = await db().employee.findMany({ where: { integrationId, removedAt: { not: null } } });
      expect(removed.map((e) => e.remoteId).sort()).toEqual([...gone].sort());
    });

    it('disconnects after saying what stays; the employees already synced stay', async () => {
      const before = await db().employee.count({ where: { companyId: company.id } });
      const integration = step(page, 'integration');
      await integration.getByRole('button', { name: 'Disconnect', exact: true }).click();
      await integration.getByText('Employees already synchronised, their benefits and their leaving dates stay.').waitFor();
      await integration.getByRole('button', { name: 'Yes, disconnect' }).click();
      await step(page, 'integration').getByRole('heading', { name: `${vendor.systemName} is disconnected` }).waitFor();
      const stored = await db().integration.findUniqueOrThrow({ where: { id: integrationId } });
      expect(stored).toMatchObject({ status: 'DISCONNECTED', credentialsCipher: null });
      expect(await db().employee.count({ where: { companyId: company.id } })).toBe(before);
      await expectAccessible();
      await expectTokenNowhere();
      await shot('disconnected');
    });
  });
}
