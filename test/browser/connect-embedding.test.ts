// The connect page inside the employer's portal: framed by an allowed origin it works, framed by any
// other origin the browser refuses it (CSP frame-ancestors) before any of its code runs, and the
// portal hears of activation and disconnect by postMessage, only at an allowed origin.
import type { ConsoleMessage, Frame, Page, Request } from 'playwright-core';
import { describeInBrowser } from './support/chromium';
import { startConnectHarness, type ConnectHarness } from './support/connect-harness';
import { step } from './support/connect-page';
import { eventually } from './support/page-checks';
import { startParentPortal, type ParentPortal, type PortalWindow, type ReceivedMessage } from './support/parent-page';

describeInBrowser('connect page: embedded in the employer’s portal', () => {
  let harness: ConnectHarness;
  let allowed: ParentPortal;
  let refused: ParentPortal;

  beforeAll(async () => {
    [harness, allowed, refused] = await Promise.all([startConnectHarness({ personio: false }), startParentPortal(), startParentPortal()]);
  });
  afterAll(async () => {
    await Promise.allSettled([harness?.stop(), allowed?.close(), refused?.close()]);
  });

  const portalState = (page: Page) => page.evaluate(() => ({ frameLoaded: (window as unknown as PortalWindow).frameLoaded, messages: (window as unknown as PortalWindow).messages }));
  const connectFrame = async (page: Page): Promise<Frame> => (await page.locator('iframe#connect').elementHandle())!.contentFrame().then((f) => f!);

  /** Opens the portal framing `link`; resolves once the frame's load event fired (for a refused frame too). */
  async function openPortal(portal: ParentPortal, link: string) {
    const { page } = await harness.newPage();
    const productRequests: Request[] = [];
    const consoleErrors: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(harness.baseUrl)) productRequests.push(r);
    });
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.goto(portal.pageUrl(link));
    await page.waitForFunction(() => (window as unknown as PortalWindow).frameLoaded);
    return { page, productRequests, consoleErrors };
  }

  async function expectRefusedFrame(portal: ParentPortal, link: string) {
    const { page, productRequests, consoleErrors } = await openPortal(portal, link);
    const frame = await connectFrame(page);
    // Chromium shows its own error page instead of the document.
    expect(frame.url()).toBe('chrome-error://chromewebdata/');
    expect(await frame.locator('section[data-step]').count()).toBe(0);
    // The document was answered, but none of its script, style or API calls were ever asked for.
    expect(productRequests.map((r) => new URL(r.url()).pathname)).toEqual(['/connect']);
    // Chromium names the directive that refused it (the console event may trail the load event).
    await eventually(() => expect(consoleErrors.join('\n')).toMatch(/frame-ancestors/));
  }

  it('works inside a frame of an allowed origin, the link’s token taken out of the frame’s address', async () => {
    const company = await harness.createCompanyWithLink('Framed GmbH', { embedOrigins: [allowed.origin] });
    const { page } = await openPortal(allowed, company.link.url);
    const frame = await connectFrame(page);
    await step(frame, 'pick-system').getByRole('heading', { name: 'Choose your HR system' }).waitFor();
    expect(await step(frame, 'pick-system').getByRole('radio', { name: 'Sandbox HR system' }).isEnabled()).toBe(true);
    expect(frame.url()).toBe(`${harness.baseUrl}/connect`);
  });

  it('is refused by the browser inside a frame of an origin the company did not allow', async () => {
    const company = await harness.createCompanyWithLink('Picky GmbH', { embedOrigins: [allowed.origin] });
    await expectRefusedFrame(refused, company.link.url);
  });

  it('is refused inside any frame while the company allows no origin', async () => {
    const company = await harness.createCompanyWithLink('Unframed GmbH');
    await expectRefusedFrame(allowed, company.link.url);
  });

  it('tells the allowed portal of activation and disconnect, from the product’s origin', async () => {
    const company = await harness.createCompanyWithLink('Messages GmbH', { embedOrigins: [allowed.origin] });
    const integrationId = await harness.sandboxDraftWithCredentials(company.apiKey);
    const { page } = await openPortal(allowed, company.link.url);
    const frame = await connectFrame(page);
    await activateFromStepFour(frame);
    const activated: ReceivedMessage = { origin: harness.baseUrl, data: { type: 'hr-connect.activated', integrationId } };
    await eventually(async () => expect((await portalState(page)).messages).toEqual([activated]));

    const integration = step(frame, 'integration');
    await integration.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await integration.getByRole('button', { name: 'Yes, disconnect' }).click();
    await eventually(async () => expect((await portalState(page)).messages).toEqual([activated, { origin: harness.baseUrl, data: { type: 'hr-connect.disconnected', integrationId } }]));
    expect((await harness.api(company.apiKey, 'GET', `/v1/integrations/${integrationId}`)).body.status).toBe('DISCONNECTED');
  });

  it('tells nothing to a portal of another origin that opened the page in a new window', async () => {
    const company = await harness.createCompanyWithLink('Opener GmbH', { embedOrigins: [allowed.origin] });
    await harness.sandboxDraftWithCredentials(company.apiKey);
    const { context, page: portal } = await harness.newPage();
    await portal.goto(refused.openerUrl());
    const [popup] = await Promise.all([context.waitForEvent('page'), portal.evaluate((url) => void window.open(url), company.link.url)]);
    await activateFromStepFour(popup.mainFrame());
    // Messages from one window arrive in the order sent: once this marker is in, an activation
    // message sent before it would be in too.
    await popup.evaluate(() => window.opener.postMessage({ type: 'test-marker' }, '*'));
    await eventually(async () => expect((await portalState(portal)).messages.map((m) => m.data)).toEqual([{ type: 'test-marker' }]));
  });

  /** From step 4 (credentials entered through the API) on to activation; the integration's page shows. */
  async function activateFromStepFour(frame: Frame): Promise<void> {
    await step(frame, 'extra').getByRole('button', { name: 'Continue' }).click();
    await step(frame, 'filters').getByRole('button', { name: 'Continue' }).click();
    await step(frame, 'done').getByRole('button', { name: 'Activate and start the first sync' }).click();
    await step(frame, 'integration').waitFor();
  }
});
