import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot, SCREENSHOTS } from './support/chromium';
import { startDemoInstallation, type Installation } from './support/installation';
import { DEMO_PASSWORD, signInAs } from './support/sign-in';
import { followNavLink } from './support/navigation';

/**
 * A case file from one installation to another, through the screens: installation A is the demo (Tonle
 * Children's Shelter), installation B a new one this file starts and sets up. B adds A's card on its
 * "Installation and partners" page; A sends a case it opens itself to B from the case page; B imports it on
 * "Import a case file" and finds the history with A named.
 */
const demoUrl = inject('demoBaseUrl');
const chromiumMissing = inject('chromiumMissing');
const ADMIN_A = 'admin@tonle.demo';
// B is a second installation with the demo data of its own; its Svay Rieng organisation receives the file.
const ADMIN_B = 'admin@svayrieng.demo';
const PASSWORD_B = DEMO_PASSWORD;
const CHILD = {
  familyNameKm: 'ហេង',
  givenNameKm: 'ស្រីពៅ',
  familyNameLatin: 'Heng',
  givenNameLatin: 'Sreypov',
  sex: 'female',
  dateOfBirth: '2013-02-11',
  caseTypes: ['TL'],
};

async function json<T>(url: string, token: string | null, method = 'GET', body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

async function tokenOf(baseUrl: string, email: string, password: string): Promise<string> {
  return (await json<{ token: string }>(`${baseUrl}/api/v1/auth/login`, null, 'POST', { email, password })).token;
}

interface Card {
  fingerprint: string;
}

describe('case files between installations, in a real browser', () => {
  let browser: Browser;
  let page: Page;
  let b: Installation | undefined;
  let caseA: { id: string; caseNumber: string };
  let cardA: Card;
  let knownOnB: { id: string; caseNumber: string };

  async function setLanguage(language: 'en' | 'km'): Promise<void> {
    await page.getByTestId(`language-${language}`).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
  }

  /** Both languages at both widths, for the screen on show now. */
  async function screens(name: string): Promise<void> {
    for (const language of ['en', 'km'] as const) {
      // The language switch sits in the menu on a phone: switch at full width.
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
    b = await startDemoInstallation();
    const tokenA = await tokenOf(demoUrl, ADMIN_A, DEMO_PASSWORD);
    const tokenB = await tokenOf(b.baseUrl, ADMIN_B, PASSWORD_B);
    cardA = (await json<{ card: Card }>(`${demoUrl}/api/v1/installation`, tokenA)).card;
    // A trusts B through the API; B trusts A through its screen, below.
    const cardB = (await json<{ card: Card }>(`${b.baseUrl}/api/v1/installation`, tokenB)).card;
    await json(`${demoUrl}/api/v1/installation/partners`, tokenA, 'POST', {
      card: cardB,
      name: 'Svay Rieng Family Care',
      confirmFingerprint: cardB.fingerprint,
    });
    caseA = await json(`${demoUrl}/api/v1/cases`, tokenA, 'POST', {
      ...CHILD,
      referral: { source: 'transit_centre', sourceName: 'Poipet Transit Centre', referredOn: '2026-09-01' },
    });
    // B already knows the child (she came through Svay Rieng once): the import asks before it makes a second case.
    knownOnB = await json(`${b.baseUrl}/api/v1/cases`, tokenB, 'POST', {
      ...CHILD,
      referral: { source: 'community', sourceName: 'Village chief', referredOn: '2026-06-10' },
    });
    await json(`${demoUrl}/api/v1/cases/${caseA.id}/events`, tokenA, 'POST', {
      type: 'consent',
      occurredOn: '2026-09-02',
      payload: { scope: 'sharing', action: 'given', givenBy: 'child_and_guardian', guardianName: 'Mother' },
    });
    await json(`${demoUrl}/api/v1/cases/${caseA.id}/events`, tokenA, 'POST', {
      type: 'note',
      occurredOn: '2026-09-03',
      payload: { text: 'Family traced in Svay Rieng; the child asks to be near her mother.' },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await b?.stop();
  });

  it('B adds A’s card on its installation page, after the fingerprint is read out', async (context) => {
    if (chromiumMissing || !b) return context.skip(chromiumMissing);
    await page.goto(`${b.baseUrl}/login`);
    await page.evaluate(() => localStorage.setItem('homeward.lang', 'en'));
    await signInAs(page, b.baseUrl, ADMIN_B, { password: PASSWORD_B });
    await followNavLink(
      page.locator('nav.app-nav').getByRole('link', { name: 'Installation and partners', includeHidden: true }),
    );
    await page.waitForURL('**/settings/installation');
    await expect.poll(() => page.getByTestId('own-fingerprint').innerText()).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    await page.getByTestId('partner-card').setInputFiles({
      name: 'homeward-card.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(cardA)),
    });
    await expect
      .poll(() => page.getByTestId('partner-card-fingerprint').innerText())
      .toContain(cardA.fingerprint.slice(0, 4));
    // A fingerprint misread over the telephone is refused.
    await page.getByTestId('partner-confirm').fill('0000 0000 0000 0000 0000 0000 0000 0000');
    await page.getByTestId('partner-add').click();
    await expect.poll(() => page.locator('main').innerText()).toContain('not this card’s');
    await page.getByTestId('partner-confirm').fill(cardA.fingerprint.toLowerCase().replace(/(.{4})/g, '$1 '));
    await page.getByTestId('partner-add').click();
    await expect.poll(() => page.getByTestId('partner').count()).toBe(1);
    expect(await page.getByTestId('partner').innerText()).toContain('Tonle Children’s Shelter');
    await screens('installation-partners');
  });

  let bundlePath = '';

  it('A sends the case file to B from the case page', async (context) => {
    if (chromiumMissing || !b) return context.skip(chromiumMissing);
    await page.context().clearCookies();
    await page.goto(`${demoUrl}/login`);
    await page.evaluate(() => localStorage.setItem('homeward.lang', 'en'));
    await signInAs(page, demoUrl, ADMIN_A);
    await page.goto(`${demoUrl}/cases/${caseA.id}`);
    const send = page.getByTestId('send-case-file');
    await send.scrollIntoViewIfNeeded();
    await expect
      .poll(() => send.getByTestId('send-partner').locator('option').allInnerTexts())
      .toContain('Svay Rieng Family Care');
    await send.getByTestId('send-partner').selectOption({ label: 'Svay Rieng Family Care' });
    const [download] = await Promise.all([page.waitForEvent('download'), send.getByTestId('send-download').click()]);
    expect(download.suggestedFilename()).toBe(`${caseA.caseNumber}.homeward-bundle`);
    bundlePath = resolve(SCREENSHOTS, '..', `${caseA.caseNumber}.homeward-bundle`);
    await download.saveAs(bundlePath);
    expect(readFileSync(bundlePath).subarray(0, 16).toString()).toBe('HOMEWARD-BUNDLE1');
    await expect.poll(() => send.getByRole('status').innerText()).toContain('downloaded');
    await page.setViewportSize({ width: 1280, height: 900 });
    for (const language of ['en', 'km'] as const) {
      // The language switch sits in the menu on a phone: switch at full width.
      await page.setViewportSize({ width: 1280, height: 900 });
      await setLanguage(language);
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await send.scrollIntoViewIfNeeded();
        await send.screenshot({ path: resolve(SCREENSHOTS, `send-case-file-${language}-${width}.png`) });
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await setLanguage('en');
  });

  it('B imports it on "Import a case file", once, with A named on the history', async (context) => {
    if (chromiumMissing || !b || !bundlePath) return context.skip(chromiumMissing || 'no bundle');
    await page.context().clearCookies();
    await page.goto(`${b.baseUrl}/login`);
    await signInAs(page, b.baseUrl, ADMIN_B, { password: PASSWORD_B });
    await page.goto(`${b.baseUrl}/settings/installation`);
    await page.getByTestId('import-link').click();
    await page.waitForURL('**/cases/import');
    await page.getByTestId('import-file').setInputFiles(bundlePath);
    await page.getByTestId('import-submit').click();
    // The child B already knows is offered first; nothing is imported until B chooses.
    await expect.poll(() => page.getByTestId('import-choices').isVisible()).toBe(true);
    expect(await page.getByTestId('import-choices').innerText()).toContain(knownOnB.caseNumber);
    expect(await page.getByTestId('import-sender').innerText()).toContain('Tonle Children’s Shelter');
    await screens('import-case-file-choice');
    await page.getByTestId('import-link-choice').first().check();
    await page.getByTestId('import-submit').click();
    await expect.poll(() => page.getByTestId('import-done').isVisible()).toBe(true);
    await screens('import-case-file-done');

    // The same file again: nothing new, the case made the first time.
    await page.getByRole('button', { name: 'Import another file' }).click();
    await page.getByTestId('import-file').setInputFiles(bundlePath);
    await page.getByTestId('import-submit').click();
    await expect.poll(() => page.getByTestId('import-done').innerText()).toContain('Already imported earlier');

    await page.getByTestId('import-open-case').click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('main').innerText()).toContain('Sreypov');
    const main = await page.locator('main').innerText();
    expect(main).toContain('Tonle Children’s Shelter');
    expect(main).toContain('Family traced in Svay Rieng');
  });
});
