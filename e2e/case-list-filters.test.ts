import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot } from './support/chromium';
import { signInAs } from './support/sign-in';

/** Reads the demo installation and changes nothing in it. */
const baseUrl = inject('demoBaseUrl');
const chromiumMissing = inject('chromiumMissing');

/** The case list's filters and order live in the address: reload and back give the same list. */
describe('filtering and sorting the case list, in a real browser', () => {
  let browser: Browser;
  let page: Page;

  const statuses = () =>
    page
      .locator('[data-testid="case-row"] .status')
      .evaluateAll((nodes: Element[]): string[] => nodes.map((node) => node.className));
  const caseNumbers = () => page.locator('[data-testid="case-row"] th a').allInnerTexts();
  const count = () => page.getByTestId('case-count').innerText();

  beforeAll(async () => {
    if (chromiumMissing) return;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInAs(page, baseUrl, 'supervisor@tonle.demo');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('narrows by status and risk, keeps them through reload and back, and sorts', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await expect.poll(() => page.getByTestId('case-row').count()).toBeGreaterThan(0);
    const everything = await count();
    await page.locator('[data-testid="case-filters"] > summary').click();
    await page.locator('#filter-status').selectOption('follow_up');
    await page.waitForURL(/status=follow_up/);
    await expect.poll(count).not.toBe(everything);
    await expect.poll(async () => new Set(await statuses())).toEqual(new Set(['status status--follow_up']));
    const inFollowUp = await count();

    await page.locator('#filter-riskLevel').selectOption('high');
    await page.waitForURL(/riskLevel=high/);
    await expect.poll(count).not.toBe(inFollowUp);
    const narrowed = await count();

    await page.reload();
    await expect.poll(() => page.locator('#filter-status').inputValue()).toBe('follow_up');
    expect(await page.locator('#filter-riskLevel').inputValue()).toBe('high');
    await expect.poll(count).toBe(narrowed);

    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('riskLevel'));
    await expect.poll(() => page.locator('#filter-riskLevel').inputValue()).toBe('');
    await expect.poll(count).toBe(inFollowUp);

    // The worker filter offers colleagues by name.
    const workerNames = await page.locator('#filter-worker option').allInnerTexts();
    expect(workerNames.length).toBeGreaterThan(2);

    await page.getByTestId('clear-filters').click();
    await expect.poll(count).toBe(everything);
    await page.locator('[data-testid="case-filters"] > summary').click();
    await page.locator('#filter-order').selectOption('caseNumber_asc');
    await page.waitForURL(/sort=caseNumber&order=asc/);
    await expect
      .poll(async () => {
        const numbers = await caseNumbers();
        return numbers.length > 1 && numbers.join() === [...numbers].sort().join();
      })
      .toBe(true);
    await screenshot(page, 'case-list-filters-en');
  });
});
