import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot } from './support/chromium';
import { signInAs } from './support/sign-in';

/** The navigation of every demo role on a laptop (two rows at most) and on a phone (every page in the menu). */
const baseUrl = inject('demoBaseUrl');
const chromiumMissing = inject('chromiumMissing');

const ROLES = [
  'admin@tonle.demo',
  'supervisor@tonle.demo',
  'worker@tonle.demo',
  'caregiver@tonle.demo',
  'me@tonle.demo',
  'admin@svayrieng.demo',
  'worker@svayrieng.demo',
  'officer@dosvy-siemreap.demo',
];
const WIDE = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
/** Wherever a role lands, as long as it is past the sign-in screen. */
const SIGNED_IN = /^(?!.*\/login).*$/;

describe('the navigation, in a real browser', () => {
  let browser: Browser;
  let page: Page;

  const nav = () => page.locator('nav.app-nav');
  /** The rows the navigation's entries sit on, by their distinct tops. */
  const navRows = () =>
    nav().evaluate(
      (element) => new Set([...element.children].map((child) => Math.round(child.getBoundingClientRect().top))).size,
    );
  /** Every page the navigation reaches, hidden in a closed group or not. */
  const navTargets = () =>
    nav().evaluate((element) => [...element.querySelectorAll('a')].map((link) => link.getAttribute('href')).sort());

  async function signIn(email: string): Promise<void> {
    await signInAs(page, baseUrl, email, { clearCookies: true, landing: SIGNED_IN });
    await page.evaluate(() => localStorage.setItem('homeward.lang', 'en'));
    await nav().waitFor();
  }

  beforeAll(async () => {
    if (chromiumMissing) return;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: WIDE });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('keeps to two rows at 1280 px for every demo role, and the phone menu reaches the same pages', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    for (const email of ROLES) {
      await page.setViewportSize(WIDE);
      await signIn(email);
      for (const language of ['en', 'km'] as const) {
        await page.getByTestId(`language-${language}`).click();
        await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
        expect(await navRows(), `${email} ${language}`).toBeLessThanOrEqual(2);
      }
      await page.getByTestId('language-en').click();
      const wide = await navTargets();
      await page.setViewportSize(PHONE);
      await page.getByTestId('menu-button').click();
      await expect.poll(() => nav().isVisible()).toBe(true);
      // On the phone nothing is folded further: every link is on screen once the menu is open.
      const shown = await nav().evaluate((element) =>
        [...element.querySelectorAll('a')]
          .filter((link) => link.checkVisibility())
          .map((link) => link.getAttribute('href'))
          .sort(),
      );
      expect(shown, email).toEqual(wide);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    }
  });

  it('opens the administrator’s groups from the keyboard, with the counts summed on the button', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await page.setViewportSize(WIDE);
    await signIn('admin@tonle.demo');
    const navBox = await nav().boundingBox();
    // Two rows of 2.75rem entries and the gap between them.
    expect(navBox?.height).toBeLessThanOrEqual(2 * 44 + 8);

    const admin = page.getByTestId('nav-admin');
    await admin.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => admin.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('/users');
    await screenshot(page, 'nav-admin-open-en-1280');
    await page.keyboard.press('Escape');
    await expect.poll(() => admin.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('nav-admin');

    await admin.click();
    await page.locator('nav.app-nav').getByRole('link', { name: 'Audit log' }).click();
    await page.waitForURL('**/audit');
    await expect.poll(() => admin.getAttribute('aria-expanded')).toBe('false');
    expect(await admin.getAttribute('class')).toContain('nav-group__button--current');

    // The Partners button carries the sum of what waits behind it, the same as its entries' badges.
    const partners = page.getByTestId('nav-partners');
    const badge = async (testId: string) => {
      const found = page.getByTestId(testId);
      return (await found.count()) === 0 ? 0 : Number(await found.textContent());
    };
    await expect
      .poll(
        async () =>
          (await badge('nav-waiting-count')) +
          (await badge('nav-referrals-count')) +
          (await badge('nav-transfers-count')),
      )
      .toBe(await badge('nav-partners-count'));
    await page.goto(`${baseUrl}/account`);
    await partners.click();
    await screenshot(page, 'nav-partners-open-en-1280');
    await page.getByTestId('language-km').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('km');
    await partners.click();
    await admin.click();
    await screenshot(page, 'nav-admin-open-km-1280');
    await page.keyboard.press('Escape');

    // A short page behind the menu, so the screenshot is the menu.
    await page.goto(`${baseUrl}/account`);
    await page.setViewportSize(PHONE);
    await page.getByTestId('menu-button').click();
    await screenshot(page, 'nav-admin-menu-km-390');
    await page.getByTestId('language-en').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await screenshot(page, 'nav-admin-menu-en-390');
  });
});
