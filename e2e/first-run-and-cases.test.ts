import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot } from './support/chromium';

const baseUrl = inject('baseUrl');
const chromiumMissing = inject('chromiumMissing');

const ADMIN = { email: 'chan@damnok.example', password: 'a-long-enough-secret' };

/** The authenticator app's code at a moment; the administrator of a new organisation must use one. */
function totpCode(secret: string, timestamp: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp,
  });
}

/**
 * One new user's first hour: the setup screen of an empty installation, signing in, switching to Khmer,
 * opening a case for a child with a Khmer name, and finding the child again by that name.
 * The steps share one browser page and run in order.
 */
describe('first run and the first case, in a real browser', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (chromiumMissing) return;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  let secret = '';

  it('opens the setup screen on an empty installation and creates the organisation', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await page.goto(baseUrl);
    await page.waitForURL('**/setup');
    await screenshot(page, 'setup-en');
    await page.getByLabel('Name of the organisation').fill('Damnok Toek');
    await page.getByLabel('Your name').fill('Chhey Chan');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create the organisation' }).click();
    // A new organisation requires two-step sign-in of its administrator before anything else.
    await page.waitForURL('**/account');
    await expect.poll(() => page.getByTestId('enrolment-required').count()).toBe(1);
    await expect.poll(() => page.locator('nav.app-nav').count()).toBe(0);
    await page.goto(`${baseUrl}/cases`);
    await page.waitForURL('**/account');
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Begin' }).click();
    await expect.poll(() => page.getByTestId('totp-secret').count()).toBe(1);
    secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
    await page.getByLabel('Code from the app').fill(totpCode(secret, Date.now()));
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await page.getByRole('button', { name: 'I have saved my recovery codes' }).click();
    await page.waitForURL('**/cases');
    await expect.poll(() => page.getByTestId('current-user').innerText()).toContain('Chhey Chan');
  });

  it('signs out and back in; a wrong password is refused with a message', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('form-alert').innerText()).toMatch(/password is wrong/i);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Code', { exact: true }).fill(totpCode(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/cases');
  });

  it('switches to Khmer, with the bundled Khmer font', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await page.getByTestId('language-km').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('km');
    await expect.poll(() => page.locator('nav.app-nav').innerText()).toContain('ករណីថ្មី');
    const fontLoaded = await page.evaluate(async () => {
      await document.fonts.ready;
      return document.fonts.check("16px 'Noto Sans Khmer Variable'", 'ក');
    });
    expect(fontLoaded).toBe(true);
    const fontFiles = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((name) => /\.woff2?$/.test(name)),
    );
    expect(fontFiles.length).toBeGreaterThan(0);
    for (const url of fontFiles) expect(url.startsWith(baseUrl)).toBe(true);
  });

  it('refuses an incomplete case in Khmer, then opens it', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await page.locator('nav.app-nav').getByRole('link', { name: 'ករណីថ្មី' }).click();
    await page.waitForURL('**/cases/new');
    await page.getByRole('button', { name: 'រក្សាទុកករណី' }).click();
    await expect.poll(() => page.locator('[aria-invalid=true]').count()).toBeGreaterThan(0);
    await screenshot(page, 'new-case-errors-km');

    await page.locator('#case-familyNameKm').fill('សុខ');
    await page.locator('#case-givenNameKm').fill('ចន្ទធីតា');
    await page.locator('#case-familyNameLatin').fill('Sok');
    await page.locator('#case-givenNameLatin').fill('Chanthida');
    await page.getByRole('radio', { name: 'ស្រី' }).check();
    await page.locator('#case-birthMode-age').check();
    await page.locator('#case-estimatedAge').fill('14');
    await page.locator('#case-caseTypes-TL').check();
    await page.locator('#case-caseTypes-RC').check();
    await page.locator('#case-referral-source').selectOption('transit_centre');
    await page.locator('#case-referral-sourceName').fill('Poipet Transit Centre');
    await page.locator('#case-villageCode').fill('ប៉ោយប៉ែត');
    await page.locator('#case-villageCode').press('ArrowDown');
    await page.locator('#case-villageCode').press('Enter');
    await page.locator('#case-villageCode-commune').selectOption({ index: 1 });
    await page.locator('#case-villageCode-village').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'រក្សាទុកករណី' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('profile-name-km').innerText()).toContain('សុខ ចន្ទធីតា');
    await expect.poll(() => page.getByTestId('timeline-item').count()).toBe(1);
  });

  it('adds a case note that appears on the timeline', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await page.locator('#note-text').fill('ជួបក្រុមគ្រួសារនៅប៉ោយប៉ែត។');
    await page.getByRole('button', { name: 'បន្ថែមកំណត់ត្រា' }).click();
    await expect.poll(() => page.getByTestId('timeline-item').count()).toBe(2);
    await expect.poll(() => page.getByTestId('timeline').innerText()).toContain('ជួបក្រុមគ្រួសារនៅប៉ោយប៉ែត។');
    await screenshot(page, 'case-km');
  });

  it('finds the child by Khmer name, and by Latin name', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await page.locator('nav.app-nav').getByRole('link', { name: 'ករណី', exact: true }).click();
    await page.waitForURL('**/cases');
    const search = page.getByRole('searchbox', { name: 'ស្វែងរកករណី' });
    await search.fill('ចន្ទធីតា');
    const row = page.getByTestId('case-row').filter({ hasText: 'សុខ ចន្ទធីតា' });
    await expect.poll(() => row.count()).toBe(1);
    await search.fill('nobody');
    await expect.poll(() => page.getByTestId('case-list-empty').count()).toBe(1);
    await search.fill('chanthida sok');
    await expect.poll(() => row.count()).toBe(1);
    await screenshot(page, 'case-list-km');
    await row.getByRole('link').first().click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  });
});
