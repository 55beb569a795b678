import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, SCREENSHOTS } from './support/chromium';
import { signInAs } from './support/sign-in';

/** This file works on the demo installation, on a case it opens itself. */
const baseUrl = inject('demoBaseUrl');
const chromiumMissing = inject('chromiumMissing');

const ADMIN = 'admin@tonle.demo';
const SUPERVISOR = 'supervisor@tonle.demo';
const LAPTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

async function shot(target: Locator, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await target.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`) });
}

async function setLanguage(page: Page, language: 'en' | 'km'): Promise<void> {
  // On a phone the language switch sits in the menu.
  const menu = page.getByTestId('menu-button');
  if (await menu.isVisible()) await menu.click();
  await page.getByTestId(`language-${language}`).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
}

/**
 * Two people correct the same child at once, each in their own browser: the first correction is saved; the
 * second gets both values side by side, chooses, and saves from the current version. The timeline shows both.
 */
describe('correcting a case, with a conflict resolved on screen, in a real browser', () => {
  let browser: Browser;
  let first: BrowserContext;
  let second: BrowserContext;
  let admin: Page;
  let supervisor: Page;
  let caseUrl = '';

  beforeAll(async () => {
    if (chromiumMissing) return;
    browser = await launchChromium();
    first = await browser.newContext({ viewport: LAPTOP });
    second = await browser.newContext({ viewport: LAPTOP });
    admin = await first.newPage();
    supervisor = await second.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens the correction form prefilled with the current values, in both languages and sizes', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await signInAs(admin, baseUrl, ADMIN);
    const id = await admin.evaluate(async () => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const response = await fetch('/api/v1/cases', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({
          familyNameKm: 'ចាន់',
          givenNameKm: 'សុភា',
          familyNameLatin: 'Chan',
          givenNameLatin: 'Sophea',
          sex: 'female',
          dateOfBirth: '2013-05-01',
          caseTypes: ['TL'],
          referral: { source: 'police', referredOn: '2026-10-01' },
        }),
      });
      return ((await response.json()) as { id: string }).id;
    });
    caseUrl = `${baseUrl}/cases/${id}`;
    await admin.goto(caseUrl);
    await admin.getByTestId('correct-child').click();
    const form = admin.getByTestId('correction-form-child');
    await expect.poll(() => form.locator('#correction-givenNameLatin').inputValue()).toBe('Sophea');
    await expect.poll(() => form.locator('#correction-familyNameKm').inputValue()).toBe('ចាន់');
    const card = admin.locator('.case-page__child');
    await shot(card, 'correction-form-en');
    await setLanguage(admin, 'km');
    await shot(card, 'correction-form-km');
    await admin.setViewportSize(PHONE);
    await shot(card, 'correction-form-phone-km');
    await setLanguage(admin, 'en');
    await shot(card, 'correction-form-phone-en');
    await admin.setViewportSize(LAPTOP);
  });

  it('answers the second person with both values side by side, and saves the value chosen', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    // The supervisor opens the same form before the administrator saves.
    await signInAs(supervisor, baseUrl, SUPERVISOR);
    await supervisor.goto(caseUrl);
    await supervisor.getByTestId('correct-child').click();
    const theirForm = supervisor.getByTestId('correction-form-child');
    await expect.poll(() => theirForm.locator('#correction-givenNameLatin').inputValue()).toBe('Sophea');

    const form = admin.getByTestId('correction-form-child');
    await form.locator('#correction-givenNameLatin').fill('Sopheap');
    await form.getByRole('button', { name: 'Save the correction' }).click();
    await expect.poll(() => admin.getByTestId('profile-name-latin').innerText()).toContain('Sopheap');

    await theirForm.locator('#correction-givenNameLatin').fill('Sophia');
    await theirForm.locator('#correction-nationality').fill('Cambodian');
    await theirForm.getByRole('button', { name: 'Save the correction' }).click();
    const conflicts = supervisor.getByTestId('correction-conflicts');
    await expect.poll(() => conflicts.getByTestId('conflict').count()).toBe(1);
    const conflict = conflicts.getByTestId('conflict').first();
    expect(await conflict.getAttribute('data-field')).toBe('givenNameLatin');
    expect(await conflict.getByTestId('your-value').innerText()).toBe('Sophia');
    expect(await conflict.getByTestId('current-value').innerText()).toBe('Sopheap');
    expect(await conflict.innerText()).toContain('Sok Chenda');
    // Nothing was saved: the nationality waits with the conflict.
    const card = supervisor.locator('.case-page__child');
    await shot(card, 'correction-conflict-en');
    await setLanguage(supervisor, 'km');
    await shot(card, 'correction-conflict-km');
    await supervisor.setViewportSize(PHONE);
    await shot(card, 'correction-conflict-phone-km');
    await setLanguage(supervisor, 'en');
    await shot(card, 'correction-conflict-phone-en');
    await supervisor.setViewportSize(LAPTOP);

    await conflict.getByTestId('keep-mine').check();
    await conflicts.getByRole('button', { name: 'Save my choices' }).click();
    await expect.poll(() => supervisor.getByTestId('profile-name-latin').innerText()).toContain('Sophia');
    await expect.poll(() => card.innerText()).toContain('Cambodian');
  });

  it('shows both corrections on the timeline, field by field, old and new', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await admin.reload();
    const corrections = admin.locator('[data-testid="timeline-item"][data-type="profile_correction"]');
    await expect.poll(() => corrections.count()).toBe(2);
    const text = await admin.getByTestId('timeline').innerText();
    expect(text).toContain('Given name (Latin letters): Sophea → Sopheap');
    expect(text).toContain('Given name (Latin letters): Sopheap → Sophia');
    expect(text).toContain('Nationality: Not recorded → Cambodian');
    await setLanguage(admin, 'km');
    await expect.poll(() => admin.getByTestId('timeline').innerText()).toContain('សញ្ជាតិ');
    await setLanguage(admin, 'en');
  });
});
