// A connect link that is expired, revoked, unknown or missing opens a message saying so, never the
// flow; another company's link opens that company's own setup, never this one's integration.
import { describeInBrowser } from './support/chromium';
import { startConnectHarness, type ConnectHarness } from './support/connect-harness';
import { openLink, step } from './support/connect-page';
import { screenshotStep, seriousAccessibilityViolations } from './support/page-checks';

describeInBrowser('connect page: links it refuses', () => {
  let harness: ConnectHarness;

  beforeAll(async () => {
    harness = await startConnectHarness({ personio: false });
  });
  afterAll(async () => {
    await harness?.stop();
  });

  async function expectMessage(url: string, reason: string, heading: string): Promise<void> {
    const { page } = await harness.newPage();
    await openLink(page, url);
    const message = step(page, 'message');
    await message.waitFor();
    expect(await page.locator('[data-message]').getAttribute('data-message')).toBe(reason);
    expect(await message.getByRole('heading', { level: 2 }).textContent()).toBe(heading);
    // Nothing of the flow: no step, no catalog.
    expect(await page.locator('section[data-step]:not([data-step="message"])').count()).toBe(0);
    expect(await page.getByRole('radio').count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    if (reason === 'expired') await screenshotStep(page, 'message-expired');
  }

  it('says an expired link has expired', async () => {
    const company = await harness.createCompanyWithLink('Expired GmbH');
    await harness.product.database.db.connectLink.update({ where: { id: company.link.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expectMessage(company.link.url, 'expired', 'This link has expired');
  });

  it('says a revoked link is no longer valid', async () => {
    const company = await harness.createCompanyWithLink('Revoked GmbH');
    await harness.revokeLink(company.apiKey, company.link.id);
    await expectMessage(company.link.url, 'revoked', 'This link is no longer valid');
  });

  it('says a token it never issued is not valid', async () => {
    await expectMessage(`${harness.baseUrl}/connect?link=cl_${'A'.repeat(43)}`, 'invalid', 'This link is not valid');
  });

  it('asks for a connect link when opened without one', async () => {
    await expectMessage(`${harness.baseUrl}/connect`, 'no-link', 'This page opens from a connect link');
  });

  it('opens another company’s link on that company’s own setup, not on this company’s integration', async () => {
    const acme = await harness.createCompanyWithLink('Acme GmbH');
    const created = await harness.product.app.inject({ method: 'POST', url: '/v1/integrations', headers: { authorization: `Bearer ${acme.apiKey}` }, payload: { hrSystem: 'sandbox' } });
    expect(created.statusCode).toBe(201);
    // Acme's own link continues Acme's draft at step 2.
    const acmePage = (await harness.newPage()).page;
    await openLink(acmePage, acme.link.url);
    await step(acmePage, 'fields').waitFor();

    const other = await harness.createCompanyWithLink('Other AG');
    const { page } = await harness.newPage();
    await openLink(page, other.link.url);
    await step(page, 'pick-system').waitFor();
    expect(await step(page, 'pick-system').getByRole('radio', { checked: true }).count()).toBe(0);
  });
});
