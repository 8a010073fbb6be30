// German and English: the browser's language chooses, the admin can switch.
import { describeInBrowser } from './support/chromium';
import { startConnectHarness, type ConnectHarness } from './support/connect-harness';
import { openLink, step } from './support/connect-page';
import { seriousAccessibilityViolations } from './support/page-checks';

describeInBrowser('connect page: German and English', () => {
  let harness: ConnectHarness;

  beforeAll(async () => {
    harness = await startConnectHarness({ personio: false });
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it('opens in German for a German browser and switches to English on request', async () => {
    const company = await harness.createCompanyWithLink('Sprache GmbH');
    const { page } = await harness.newPage({ locale: 'de-DE' });
    await openLink(page, company.link.url);
    const pick = step(page, 'pick-system');
    await pick.getByRole('heading', { name: 'Wählen Sie Ihr HR-System' }).waitFor();
    await pick.getByLabel('HR-Systeme durchsuchen').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await page.getByRole('button', { name: 'Deutsch' }).getAttribute('aria-pressed')).toBe('true');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'English' }).click();
    await pick.getByRole('heading', { name: 'Choose your HR system' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.title()).toBe('Connect your HR system');
  });
});
