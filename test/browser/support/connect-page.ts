// The connect page as the tests see it: each view is a section with a data-step attribute
// (connect-page/README.md), controls are found by their English labels and roles.
import type { Frame, Locator, Page } from 'playwright-core';

export type StepName = 'message' | 'pick-system' | 'fields' | 'credentials' | 'extra' | 'filters' | 'done' | 'integration';

/** The section of one step (or the message page, or the integration's page). */
export const step = (page: Page | Frame, name: StepName): Locator => page.locator(`section[data-step="${name}"]`);

/**
 * Run in the page, polled: performance.now() (ms since navigation start) as soon as the first step
 * can be used (catalog listed, a system can be picked, Continue enabled), false before.
 */
export function FIRST_STEP_READY(): number | false {
  const section = document.querySelector('section[data-step="pick-system"]');
  if (!section) return false;
  const pickable = section.querySelectorAll('input[type="radio"]:not([disabled])').length > 0;
  const submit = section.querySelector('button[type="submit"]') as HTMLButtonElement | null;
  return pickable && submit !== null && !submit.disabled ? performance.now() : false;
}

/** Opens a connect link and waits until a step or a message is shown. */
export async function openLink(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('section[data-step]').first().waitFor();
}

/** Step 1: search the catalog, pick a system, continue; lands on step 2. */
export async function pickSystem(page: Page | Frame, name: string): Promise<void> {
  const pick = step(page, 'pick-system');
  await pick.getByLabel('Search HR systems').fill(name);
  await pick.getByRole('radio', { name, exact: true }).check();
  await pick.getByRole('button', { name: 'Continue' }).click();
  await step(page, 'fields').waitFor();
}
