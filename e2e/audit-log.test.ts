import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot } from './support/chromium';
import { signInAs } from './support/sign-in';

/** This file works on the demo installation and only reads: a caseworker opens a case, the administrator looks. */
const baseUrl = inject('demoBaseUrl');
const chromiumMissing = inject('chromiumMissing');

const ADMIN = 'admin@tonle.demo';
const ADMIN_NAME = 'Sok Chenda';
const WORKER = 'worker@tonle.demo';
const WORKER_NAME = 'Keo Sothea';
const LAPTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
/** An action as the server stores it (`case.read`, `auth.login_failed`): never what a reader should see. */
const RAW_CODE = /\b[a-z]+\.[a-z_]+\b/;

async function setLanguage(page: Page, language: 'en' | 'km'): Promise<void> {
  const menu = page.getByTestId('menu-button');
  if (await menu.isVisible()) await menu.click();
  await page.getByTestId(`language-${language}`).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) === 'true') await menu.click();
}

/** Who did each entry on screen, and what they did, column by column. */
const column = (page: Page, index: number) =>
  page
    .getByTestId('audit-row')
    .evaluateAll((rows, n) => rows.map((row) => row.querySelectorAll('td')[n]?.textContent?.trim() ?? ''), index);

describe('the audit log: users picked by name, actions in the reader’s language, in a real browser', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (chromiumMissing) return;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: LAPTOP });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('records a caseworker signing in and opening a case', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const worker = await browser.newPage({ viewport: LAPTOP });
    try {
      await signInAs(worker, baseUrl, WORKER);
      await worker.getByTestId('case-row').first().getByRole('link').first().click();
      await worker.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
      await expect.poll(() => worker.getByTestId('case-number').isVisible()).toBe(true);
    } finally {
      await worker.close();
    }
  });

  it('shows only the chosen person’s entries, picked by name, with every action in Khmer', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await signInAs(page, baseUrl, ADMIN, { landing: /\/(cases|dashboard)/ });
    await page.goto(`${baseUrl}/audit`);
    await setLanguage(page, 'km');
    // Unfiltered, the administrator's own sign-in is there too.
    await expect.poll(async () => (await column(page, 1)).includes(ADMIN_NAME)).toBe(true);

    const filters = page.getByTestId('audit-filters');
    const userSelect = filters.locator('select[name="userId"]');
    // People by name (and email), never an id to type.
    await expect.poll(() => userSelect.locator('option').allInnerTexts()).toContain(`${WORKER_NAME} (${WORKER})`);
    expect(await filters.locator('input[name="userId"]').count()).toBe(0);
    await userSelect.selectOption({ label: `${WORKER_NAME} (${WORKER})` });
    await filters.locator('button[type="submit"]').click();

    await expect.poll(async () => [...new Set(await column(page, 1))]).toEqual([WORKER_NAME]);
    const actions = await column(page, 3);
    expect(actions).toContain('បានបើកករណី');
    expect(actions).toContain('បានចូលប្រើ');
    expect(actions.filter((action) => RAW_CODE.test(action))).toEqual([]);
    // The list of actions to search by is in Khmer as well.
    const actionOptions = await filters.locator('select[name="action"] option').allInnerTexts();
    expect(actionOptions.length).toBeGreaterThan(30);
    expect(actionOptions.filter((label) => RAW_CODE.test(label))).toEqual([]);
    expect(actionOptions).toContain('បានបើកករណី');

    await screenshot(page, 'audit-by-user-1280-km');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'audit-by-user-390-km');
    await setLanguage(page, 'en');
    await expect.poll(() => column(page, 3)).toContain('Opened the case');
    expect((await column(page, 3)).filter((action) => RAW_CODE.test(action))).toEqual([]);
    await screenshot(page, 'audit-by-user-390-en');
    await page.setViewportSize(LAPTOP);
    await screenshot(page, 'audit-by-user-1280-en');
  });
});
