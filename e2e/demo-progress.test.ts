import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot } from './support/chromium';

const baseUrl = inject('demoSetupBaseUrl');
const chromiumMissing = inject('chromiumMissing');

/** Loading the demo data takes half a minute: the setup screen shows how far it has come, then the demo users. */
describe('loading the demo data from the setup screen, in a real browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    if (chromiumMissing) return;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows a progress bar with the current step, then the demo users to sign in as', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(baseUrl);
    await page.waitForURL('**/setup');
    await page.getByRole('button', { name: 'Load demo data' }).click();
    const bar = page.getByRole('progressbar');
    await expect.poll(() => bar.count()).toBe(1);
    // The bar moves on while the children's files are opened.
    await expect.poll(() => page.getByText('Opening the children’s case files…').count(), { timeout: 60_000 }).toBe(1);
    const value = async () => Number(await bar.getAttribute('value'));
    const first = await value();
    await expect.poll(value, { timeout: 30_000 }).toBeGreaterThan(first);
    await screenshot(page, 'demo-progress-en');
    await page.waitForURL('**/login', { timeout: 120_000 });
    await expect.poll(() => page.getByText('Demo data loaded').count()).toBe(1);
    await page.close();
  }, 180_000);
});
