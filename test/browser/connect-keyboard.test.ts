// Usable with the keyboard alone: from the link to step 4 with Tab, Space and Enter only, each new
// step taking the focus at its heading.
import type { Locator, Page } from 'playwright-core';
import { SANDBOX_DEMO_API_KEY } from '../../connectors/sandbox/api-types';
import { describeInBrowser } from './support/chromium';
import { startConnectHarness, type ConnectHarness } from './support/connect-harness';
import { openLink, step } from './support/connect-page';

describeInBrowser('connect page: keyboard only', () => {
  let harness: ConnectHarness;

  beforeAll(async () => {
    harness = await startConnectHarness({ personio: false });
  });
  afterAll(async () => {
    await harness?.stop();
  });

  const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement);

  /** Presses Tab until `target` has the focus; fails if it is not reachable within `limit` presses. */
  async function tabTo(page: Page, target: Locator, limit = 40): Promise<void> {
    for (let i = 0; i < limit; i++) {
      if (await isFocused(target)) return;
      await page.keyboard.press('Tab');
    }
    if (!(await isFocused(target))) throw new Error(`not reachable with Tab in ${limit} presses: ${target}`);
  }

  it('picks the HR system and submits each form with Tab, Space and Enter', async () => {
    const company = await harness.createCompanyWithLink('Keyboard GmbH');
    const { page } = await harness.newPage();
    await openLink(page, company.link.url);

    const pick = step(page, 'pick-system');
    await pick.getByRole('radio', { name: 'Sandbox HR system' }).waitFor();
    expect(await isFocused(pick.getByRole('heading', { level: 2 }))).toBe(true);
    await tabTo(page, pick.getByLabel('Search HR systems'));
    await page.keyboard.type('sandbox');
    await pick.getByText(/^1 HR systems? found$/).waitFor();
    const sandbox = pick.getByRole('radio', { name: 'Sandbox HR system' });
    await tabTo(page, sandbox);
    await page.keyboard.press('Space');
    expect(await sandbox.isChecked()).toBe(true);
    await tabTo(page, pick.getByRole('button', { name: 'Continue' }));
    await page.keyboard.press('Enter');

    const fields = step(page, 'fields');
    const fieldsHeading = fields.getByRole('heading', { name: 'Choose the data we read' });
    await fieldsHeading.waitFor();
    expect(await isFocused(fieldsHeading)).toBe(true);
    const gender = fields.getByLabel('Gender');
    await tabTo(page, gender);
    await page.keyboard.press('Space');
    expect(await gender.isChecked()).toBe(false);
    await tabTo(page, fields.getByRole('button', { name: 'Continue' }));
    await page.keyboard.press('Enter');

    const credentials = step(page, 'credentials');
    await credentials.getByRole('heading', { name: 'Enter your Sandbox HR system credentials' }).waitFor();
    await tabTo(page, credentials.getByLabel('API key'));
    await page.keyboard.type(SANDBOX_DEMO_API_KEY);
    await tabTo(page, credentials.getByLabel('Base URL'));
    await page.keyboard.type(harness.sandbox!.url);
    // Enter in a text field submits its form.
    await page.keyboard.press('Enter');
    const extraHeading = step(page, 'extra').getByRole('heading', { name: 'Extra information' });
    await extraHeading.waitFor();
    expect(await isFocused(extraHeading)).toBe(true);

    const stored = await harness.product.database.db.integration.findFirstOrThrow({ where: { companyId: company.id } });
    expect(stored.hrSystem).toBe('sandbox');
    expect(stored.selectedFields).not.toContain('gender');
    expect(stored.credentialsCipher).not.toBeNull();
  });
});
