import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot } from './support/chromium';
import { signInAs } from './support/sign-in';

/** This file works on the demo installation; it adds a target of its own (sex workers' referrals) and removes it. */
const baseUrl = inject('demoBaseUrl');
const chromiumMissing = inject('chromiumMissing');

const CARD_NAME = 'Referrals received — Commercial sexual exploitation: sex worker (SW)';

describe('targets and the progress dashboard, in a real browser', () => {
  let browser: Browser;
  let page: Page;

  const signIn = (email: string, landing: string) => signInAs(page, baseUrl, email, { landing: `**${landing}` });

  const card = (name: string) => page.getByTestId('target-card').filter({ has: page.getByRole('heading', { name }) });

  beforeAll(async () => {
    if (chromiumMissing) return;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets an administrator add a target and see its card, chart and progress, in English and Khmer', async () => {
    if (chromiumMissing) return;
    await signIn('admin@tonle.demo', '/cases');
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.waitForURL('**/dashboard');
    await expect.poll(() => page.getByTestId('target-card').count()).toBeGreaterThanOrEqual(3);
    await expect.poll(() => card(CARD_NAME).count()).toBe(0);

    await page.getByTestId('target-add').click();
    await page.locator('#target-indicator').selectOption('referrals');
    await page.locator('#target-breakdownKey').selectOption('SW');
    await page.locator('#target-value').fill('2.5');
    await page.getByRole('button', { name: 'Save the target' }).click();
    await expect.poll(() => page.locator('#target-value-error').textContent()).toContain('whole number');
    await page.locator('#target-value').fill('5');
    await page.getByRole('button', { name: 'Save the target' }).click();
    await expect.poll(() => page.getByTestId('target-status-line').textContent()).toBe('The target is saved.');

    const added = card(CARD_NAME);
    await expect.poll(() => added.count()).toBe(1);
    await expect.poll(() => added.getByTestId('target-figure').textContent()).toMatch(/^\d+ of 5$/);
    expect(await added.locator('svg[role="img"]').getAttribute('aria-label')).toContain('Target: 5');
    expect(await added.getByTestId('target-status').textContent()).toMatch(/On track|Behind|Achieved/);
    await screenshot(page, 'targets-dashboard-en');

    await page.getByTestId('language-km').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('វឌ្ឍនភាពធៀបនឹងគោលដៅ');
    await expect
      .poll(() =>
        card('ករណីដែលបានទទួលការបញ្ជូន — ការកេងប្រវ័ញ្ចផ្លូវភេទដើម្បីពាណិជ្ជកម្ម៖ អ្នករកស៊ីផ្លូវភេទ (SW)')
          .getByTestId('target-figure')
          .textContent(),
      )
      .toMatch(/ក្នុងចំណោម 5$/);
    await screenshot(page, 'targets-dashboard-km');
    await page.getByTestId('language-en').click();

    page.once('dialog', (dialog) => void dialog.accept());
    await added.getByRole('button', { name: `Delete the target “${CARD_NAME}”` }).click();
    await expect.poll(() => card(CARD_NAME).count()).toBe(0);
  });

  it('opens the dashboard first for an M&E officer, who may set targets too', async () => {
    if (chromiumMissing) return;
    await page.context().clearCookies();
    await signIn('me@tonle.demo', '/dashboard');
    await expect.poll(() => page.getByTestId('target-card').count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('target-add').count()).toBe(1);
  });

  it('shows a department its province’s progress with the small figures hidden', async () => {
    if (chromiumMissing) return;
    await page.context().clearCookies();
    await signIn('officer@dosvy-siemreap.demo', '/dashboard');
    const cards = page.getByTestId('target-card');
    await expect.poll(() => cards.count()).toBeGreaterThanOrEqual(1);
    // Siem Reap's demo children are few: each figure that could point at one of them is a "*", with the reason.
    await expect.poll(() => cards.first().getByTestId('target-figure').textContent()).toMatch(/^\* % of 30 %$/);
    await expect.poll(() => cards.first().getByTestId('target-hidden').textContent()).toContain('fewer than 5');
    await screenshot(page, 'targets-dashboard-department-en');
    await page.getByTestId('language-km').click();
    await expect.poll(() => cards.first().getByTestId('target-hidden').textContent()).toContain('5');
    await screenshot(page, 'targets-dashboard-department-km');
    await page.getByTestId('language-en').click();
  });
});
