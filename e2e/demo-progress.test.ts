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
    // Khmer first: its texts are fetched on the switch, and the server is busy once the load runs.
    await page.getByTestId('language-km').click();
    await page.getByRole('button', { name: 'ផ្ទុកទិន្នន័យគំរូ' }).click();
    const bar = page.getByRole('progressbar');
    await expect.poll(() => bar.count()).toBe(1);
    // The bar moves on while the children's files are opened, and names the step.
    await expect.poll(() => page.getByText('កំពុងបើកសំណុំរឿងរបស់កុមារ…').count(), { timeout: 60_000 }).toBe(1);
    const value = async () => Number(await bar.getAttribute('value'));
    const first = await value();
    await expect.poll(value, { timeout: 30_000 }).toBeGreaterThan(first);
    await screenshot(page, 'demo-progress-km');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'demo-progress-km-phone');
    await page.getByTestId('language-en').click();
    await expect.poll(() => page.getByText('Opening the children’s case files…').count()).toBe(1);
    await screenshot(page, 'demo-progress-en-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'demo-progress-en');
    await page.waitForURL('**/login', { timeout: 120_000 });
    await expect.poll(() => page.getByText('worker@tonle.demo').count()).toBeGreaterThan(0);
    await page.close();
  }, 180_000);
});
