import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot } from './support/chromium';
import { signInAs } from './support/sign-in';

/** This file works on the demo installation and creates nothing but the one case of the Khmer date test. */
const baseUrl = inject('demoBaseUrl');
const chromiumMissing = inject('chromiumMissing');

const WORKER = 'worker@tonle.demo';
const ADMIN = 'admin@tonle.demo';

/** The controls of the fields in error, by the path the schema and the server use. */
const fieldsInError = (page: Page) =>
  page.locator('.field--error[data-field]').evaluateAll((fields) => fields.map((f) => f.getAttribute('data-field')));

describe('forms that keep what was typed, say every mistake at once, and take dates day first', () => {
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    if (chromiumMissing) return;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Accept every "leave this page?", and remember that it was asked.
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.accept();
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('keeps a half-filled new case across another screen and a reload, warning before each', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await signInAs(page, baseUrl, WORKER);
    await page.goto(`${baseUrl}/cases/new`);
    await page.locator('#case-givenNameLatin').fill('Sreyleak');
    await page.locator('#case-sex-female').check();
    await page.locator('#case-caseTypes-TL').check();

    await page.locator('nav.app-nav').getByRole('link', { name: 'Cases', exact: true }).click();
    await page.waitForURL('**/cases');
    expect(dialogs).toEqual(['confirm']);

    await page.goto(`${baseUrl}/cases/new`);
    await expect.poll(() => page.locator('#case-givenNameLatin').inputValue()).toBe('Sreyleak');
    expect(await page.locator('#case-sex-female').isChecked()).toBe(true);
    expect(await page.locator('#case-caseTypes-TL').isChecked()).toBe(true);
    await expect.poll(() => page.getByTestId('draft-notice').isVisible()).toBe(true);

    await page.reload();
    expect(dialogs).toContain('beforeunload');
    await expect.poll(() => page.locator('#case-givenNameLatin').inputValue()).toBe('Sreyleak');
    await screenshot(page, 'forms-draft-restored-en');

    // "Start again" empties the form and forgets the draft: leaving no longer asks.
    await page.getByTestId('draft-notice').getByRole('button').click();
    await expect.poll(() => page.locator('#case-givenNameLatin').inputValue()).toBe('');
    expect(await page.locator('#case-sex-female').isChecked()).toBe(false);
    const asked = dialogs.length;
    await page.locator('nav.app-nav').getByRole('link', { name: 'Cases', exact: true }).click();
    await page.waitForURL('**/cases');
    expect(dialogs.length).toBe(asked);
  });

  it('forgets the draft when the user signs out', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await page.goto(`${baseUrl}/cases/new`);
    await page.locator('#case-givenNameLatin').fill('Bopha');
    await page.locator('#case-givenNameLatin').blur();
    await expect
      .poll(() => page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('homeward.draft'))))
      .toHaveLength(1);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    expect(
      await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('homeward.draft'))),
    ).toEqual([]);
    await signInAs(page, baseUrl, WORKER);
    await page.goto(`${baseUrl}/cases/new`);
    await expect.poll(() => page.locator('#case-givenNameLatin').isVisible()).toBe(true);
    expect(await page.locator('#case-givenNameLatin').inputValue()).toBe('');
  });

  it('names every field in error on the first submit, the checks across fields included', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await page.locator('#case-referral-referredOn').fill('');
    await page.getByRole('button', { name: 'Save case' }).click();
    await expect
      .poll(async () => (await fieldsInError(page)).sort())
      .toEqual(['caseTypes', 'dateOfBirth', 'givenNameKm', 'referral.referredOn', 'referral.source', 'sex'].sort());
  });

  it('takes a date typed day first in Khmer, shows it in Khmer, and sends the right ISO date', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await page.getByTestId('language-km').click();
    // The choice is kept once the Khmer strings have arrived: only then leave the page.
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('km');
    await page.goto(`${baseUrl}/cases/new`);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('km');
    await page.locator('#case-givenNameKm').fill('ស្រីលក្ខណ៍');
    await page.locator('#case-sex-female').check();
    await page.locator('#case-caseTypes-TL').check();
    await page.locator('#case-referral-source').selectOption('police');
    // Day first whatever the browser's locale: 03/04 is the 3rd of April, never March the 4th.
    await page.locator('#case-dateOfBirth').fill('03/04/2014');
    await expect.poll(() => page.getByTestId('date-reading').first().innerText()).toBe('៣ មេសា ២០១៤');

    // The calendar beside it speaks Khmer: Khmer month names and digits; a day is picked with the keyboard.
    const referral = page.locator('[data-field="referral.referredOn"]');
    await referral.getByRole('button', { name: 'ជ្រើសកាលបរិច្ឆេទលើប្រតិទិន' }).click();
    const calendar = referral.locator('.date-calendar');
    await expect.poll(() => calendar.locator('.rdp-day_button').first().innerText()).toMatch(/^[០-៩]+$/);
    await screenshot(page, 'forms-date-picker-km');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await expect.poll(() => calendar.count()).toBe(0);
    const picked = await page.locator('#case-referral-referredOn').inputValue();
    expect(picked).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    const [day, month, year] = picked.split('/');

    const sent = page.waitForRequest(
      (request) => request.url().endsWith('/api/v1/cases') && request.method() === 'POST',
    );
    await page.getByRole('button', { name: 'រក្សាទុកករណី' }).click();
    const body = (await sent).postDataJSON() as { dateOfBirth: string; referral: { referredOn: string } };
    expect(body.dateOfBirth).toBe('2014-04-03');
    expect(body.referral.referredOn).toBe(`${year}-${month}-${day}`);
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.getByTestId('language-en').click();
  });

  it('names the date rule of a step with its field errors, not after them', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    // The case the Khmer test opened: a note dated in the future, with no text.
    const button = page.getByTestId('step-note');
    await expect.poll(() => button.getAttribute('aria-disabled')).toBeNull();
    await button.click();
    const note = page.locator('[data-testid="step-form"][data-step="note"]');
    await note.locator('#step-note-occurredOn').fill('01/01/2099');
    await note.locator('button[type="submit"]').click();
    await expect
      .poll(async () =>
        (
          await note
            .locator('.field--error[data-field]')
            .evaluateAll((fields) => fields.map((f) => f.getAttribute('data-field')))
        ).sort(),
      )
      .toEqual(['occurredOn', 'payload.text']);
  });

  it('folds the administrator’s menu into one button on a 390 px phone, and shows roles one by one', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await signInAs(phone, baseUrl, ADMIN, { landing: /\/(cases|dashboard)/ });
      await phone.goto(`${baseUrl}/settings/roles`);
      const header = phone.locator('.app-header');
      await expect.poll(() => phone.getByTestId('policy-card').isVisible()).toBe(true);
      // One row: the app's name and the menu button, no taller than a single control and its padding.
      expect((await header.boundingBox())?.height).toBeLessThan(70);
      expect(await phone.locator('nav.app-nav').isVisible()).toBe(false);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await screenshot(phone, 'forms-roles-phone-en');

      await phone.getByTestId('menu-button').click();
      await expect.poll(() => phone.locator('nav.app-nav').isVisible()).toBe(true);
      await phone.locator('nav.app-nav').getByRole('link', { name: 'Audit log' }).click();
      await phone.waitForURL('**/audit');
      await expect.poll(() => phone.locator('nav.app-nav').isVisible()).toBe(false);

      // Every role can be reached by name; its permissions are labelled, not a column of bare boxes.
      await phone.goto(`${baseUrl}/settings/roles`);
      await phone.locator('#policy-card-role').selectOption('me_officer');
      await expect.poll(() => phone.getByLabel('Read cases').first().isVisible()).toBe(true);
    } finally {
      await phone.close();
    }
  });
});
