import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot } from './support/chromium';
import { signInAs } from './support/sign-in';
import { followNavLink } from './support/navigation';
import { startDemoInstallation, type Installation } from './support/installation';

/**
 * A caseload handover in a real browser (issue 10 point 4): Tonle's supervisor plans the handover of three cases
 * to two receivers, Tonle's director approves, and each receiver accepts. It runs on a demo installation of its
 * own, since handing cases over changes the counts other browser tests read on the shared demo.
 */
const chromiumMissing = inject('chromiumMissing');

describe('caseload handover, in a real browser', () => {
  let browser: Browser;
  let page: Page;
  let server: Installation | undefined;
  let planUrl = '';

  const signIn = (email: string, landing: string | RegExp = '**/cases') =>
    signInAs(page, server!.baseUrl, email, { landing, clearCookies: true });

  async function setLanguage(language: 'en' | 'km'): Promise<void> {
    await page.getByTestId(`language-${language}`).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
  }

  /** English and Khmer, at a desk's width and a phone's. */
  async function screens(name: string): Promise<void> {
    for (const language of ['en', 'km'] as const) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await setLanguage(language);
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await screenshot(page, `${name}-${language}-${width}`);
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await setLanguage('en');
  }

  beforeAll(async () => {
    if (chromiumMissing) return;
    server = await startDemoInstallation();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets a supervisor plan the handover of three cases to two receivers', async () => {
    if (chromiumMissing) return;
    await signIn('supervisor@tonle.demo');
    await followNavLink(
      page.locator('nav.app-nav').getByRole('link', { name: 'Handover', exact: true, includeHidden: true }),
    );
    await page.waitForURL('**/handover');
    await page.getByTestId('handover-new').click();
    await page.getByLabel('Office or project that closes').fill('Poipet office');
    await page.getByLabel('Why the cases are handed over').fill('The Poipet office closes at the end of the year.');
    const picker = page.getByTestId('handover-case-picker');
    await expect.poll(() => picker.locator('input[type="checkbox"]').count()).toBeGreaterThan(3);
    for (const index of [0, 1, 2]) await picker.locator('input[type="checkbox"]').nth(index).check();
    await expect.poll(() => page.getByText('3 cases chosen').count()).toBe(1);
    await page.getByRole('button', { name: 'Draft the plan' }).click();
    await page.waitForURL(/\/handover\/[0-9a-f-]{36}$/);
    planUrl = page.url();
    await expect.poll(() => page.getByTestId('handover-item').count()).toBe(3);

    // All three to Svay Rieng Family Care by transfer, in one go…
    await page.getByTestId('handover-choose-every').click();
    await page.getByTestId('handover-bulk-receiver').selectOption({ label: 'Svay Rieng Family Care' });
    await page.getByTestId('handover-bulk-type').selectOption('transfer');
    await page.getByTestId('handover-bulk-apply').click();
    await expect
      .poll(() =>
        page
          .getByTestId('handover-item')
          .locator('select[aria-label="Receiver"]')
          .evaluateAll((selects) => selects.map((select) => (select as HTMLSelectElement).selectedOptions[0]?.text)),
      )
      .toEqual(['Svay Rieng Family Care', 'Svay Rieng Family Care', 'Svay Rieng Family Care']);
    // …and the first to Siem Reap's department, for services, on its own row.
    const first = page.getByTestId('handover-item').first();
    await first.locator('select[aria-label="Receiver"]').selectOption({
      label: 'Siem Reap Provincial Department of Social Affairs',
    });
    await expect
      .poll(() =>
        first
          .locator('select[aria-label="Receiver"]')
          .evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.text),
      )
      .toBe('Siem Reap Provincial Department of Social Affairs');
    await first.locator('select[aria-label="How"]').selectOption('referral');
    await expect
      .poll(() => first.locator('select[aria-label="How"]').evaluate((s) => (s as HTMLSelectElement).value))
      .toBe('referral');
    await screens('handover-plan-draft');
    await page.getByTestId('handover-submit').click();
    await expect.poll(() => page.getByTestId('handover-plan-status').textContent()).toBe('Waiting for approval');
    // The supervisor who drafted it does not approve it.
    expect(await page.getByTestId('handover-approve').count()).toBe(0);
  });

  it('lets the director approve, and each receiver accept its cases', async () => {
    if (chromiumMissing) return;
    await signIn('admin@tonle.demo');
    await page.goto(planUrl);
    await page.getByTestId('handover-approve').click();
    await expect.poll(() => page.getByTestId('handover-plan-status').textContent()).toBe('Approved');
    await expect.poll(() => page.getByTestId('handover-progress-waiting').textContent()).toBe('3');

    await signIn('admin@svayrieng.demo');
    await followNavLink(
      page.locator('nav.app-nav').getByRole('link', { name: 'Handovers to us', includeHidden: true }),
    );
    await page.waitForURL('**/handover/incoming');
    await expect.poll(() => page.getByTestId('incoming-item').count()).toBe(2);
    await screens('handover-incoming');
    await page.getByTestId('incoming-choose-all').click();
    await page.getByTestId('incoming-accept').click();
    await expect
      .poll(() => page.getByTestId('incoming-item-status').allTextContents())
      .toEqual(['Accepted', 'Accepted']);
    // The accepted case is Svay Rieng's now: it opens, with the handover on its timeline.
    await page.getByTestId('incoming-item').first().getByRole('link').click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByText(/accepted by Svay Rieng Family Care/).count()).toBeGreaterThan(0);

    await signIn('officer@dosvy-siemreap.demo', /\/(cases|dashboard)$/);
    await page.goto(`${server!.baseUrl}/handover/incoming`);
    await expect.poll(() => page.getByTestId('incoming-item').count()).toBe(1);
    await page.getByTestId('incoming-choose-all').click();
    await page.getByTestId('incoming-accept').click();
    await expect.poll(() => page.getByTestId('incoming-item-status').allTextContents()).toEqual(['Accepted']);

    await signIn('admin@tonle.demo');
    await page.goto(planUrl);
    await expect.poll(() => page.getByTestId('handover-progress-accepted').textContent()).toBe('3');
    await expect.poll(() => page.getByTestId('handover-plan-status').textContent()).toBe('In progress');
    await screens('handover-plan-progress');
    await page.getByTestId('handover-complete').click();
    await expect.poll(() => page.getByTestId('handover-plan-status').textContent()).toBe('Completed');
  });
});
