import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot } from './support/chromium';
import { signInAs } from './support/sign-in';

/** This file adds a shelter hub of its own to the demo organisation, under a name no other file uses. */
const baseUrl = inject('demoBaseUrl');
const chromiumMissing = inject('chromiumMissing');

const LAPTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const HUB_NAME = `Battambang shelter laptop ${Date.now().toString(36)}`;

async function setLanguage(page: Page, language: 'en' | 'km'): Promise<void> {
  const menu = page.getByTestId('menu-button');
  if (await menu.isVisible()) await menu.click();
  await page.getByTestId(`language-${language}`).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) === 'true') await menu.click();
}

/** The screen at both sizes and in both languages, back to English on a laptop; no sideways scroll on a phone. */
async function screenshots(page: Page, name: string): Promise<void> {
  for (const language of ['en', 'km'] as const) {
    await setLanguage(page, language);
    await page.setViewportSize(LAPTOP);
    await screenshot(page, `${name}-1280-${language}`);
    await page.setViewportSize(PHONE);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, `${name}-390-${language}`);
  }
  await page.setViewportSize(LAPTOP);
  await setLanguage(page, 'en');
}

describe('an administrator adds a shelter hub on the Devices page, in a real browser', () => {
  let browser: Browser;
  let context: BrowserContext;
  let admin: Page;

  beforeAll(async () => {
    if (chromiumMissing) return;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: LAPTOP });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    admin = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the token and the command to run once, then lists the hub after a reload', async (test) => {
    if (chromiumMissing) test.skip(chromiumMissing);
    await signInAs(admin, baseUrl, 'admin@tonle.demo');
    await admin.goto(`${baseUrl}/devices`);
    await admin.getByTestId('add-hub-open').click();
    // A hub needs a name.
    await admin.getByTestId('add-hub-create').click();
    await expect.poll(() => admin.locator('.field__error').textContent()).toBe('Give the hub a name.');
    await admin.getByTestId('add-hub-name').fill(HUB_NAME);
    await screenshots(admin, 'devices-hub-form');
    await admin.getByTestId('add-hub-create').click();

    const command = admin.getByTestId('hub-command');
    await expect.poll(() => command.count()).toBe(1);
    const text = (await command.textContent()) ?? '';
    expect(text).toMatch(new RegExp(`^homeward hub link --central ${baseUrl} --token hwhub_[A-Za-z0-9_-]{20,}$`));
    const token = text.split('--token ')[1]!;
    expect(await admin.getByTestId('hub-token-once').textContent()).toContain('shown only this once');
    // The token is the hub's: the central server answers it as that hub.
    const asHub = await fetch(`${baseUrl}/api/v1/hub`, { headers: { Authorization: `Bearer ${token}` } });
    expect(asHub.status).toBe(200);
    expect(((await asHub.json()) as { name: string }).name).toBe(HUB_NAME);

    await admin.getByTestId('hub-copy').click();
    await expect.poll(() => admin.getByRole('status').filter({ hasText: 'Copied.' }).count()).toBe(1);
    expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(text);
    await screenshots(admin, 'devices-hub-token');

    // Closed, the token is gone from the page; after a reload the hub is listed, and no token shows anywhere.
    await admin.getByTestId('hub-done').click();
    await expect.poll(() => admin.getByTestId('hub-token').count()).toBe(0);
    await admin.reload();
    const row = admin.getByTestId('device-row').filter({ hasText: HUB_NAME });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Shelter hub');
    expect(await row.textContent()).toContain('Never synced');
    expect(await admin.content()).not.toContain(token);
    await screenshots(admin, 'devices-hub-list');
  });
});
