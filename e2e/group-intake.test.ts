import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot } from './support/chromium';

const baseUrl = inject('demoBaseUrl');
const chromiumMissing = inject('chromiumMissing');

const SUPERVISOR = { email: 'supervisor@tonle.demo', password: 'homeward-demo' };

/** Fifteen labour-trafficking returnees from Malaysia, all of the (made-up) family Yusofy, so one search finds them. */
const FAMILY = 'Yusofy';
const CHILDREN = [
  'Ahmad',
  'Fatimah',
  'Hassan',
  'Mariam',
  'Osman',
  'Safiyah',
  'Idris',
  'Aminah',
  'Karim',
  'Zainab',
  'Salleh',
  'Rohani',
  'Musa',
  'Halimah',
  'Yunus',
].map((given, index) => ({ given, sex: index % 2 === 0 ? 'male' : 'female', age: String(13 + (index % 5)) }));

/**
 * A group of children referred together: the referral and the case types once, then one row per child. The
 * form refuses a row with a missing answer beside that row's field; once corrected, all fifteen cases open
 * at once and the case list finds them by their family name.
 */
describe('group intake of fifteen returnees, in a real browser', () => {
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

  it('signs in and opens the group intake from the case list', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const user = SUPERVISOR;
    await page.goto(`${baseUrl}/login`);
    await page.evaluate(() => localStorage.setItem('homeward.lang', 'en'));
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/cases');
    await page.getByRole('link', { name: 'Group intake' }).click();
    await page.waitForURL('**/cases/group');
    await expect.poll(() => page.getByTestId('group-row').count()).toBe(3);
  });

  it('enters the shared referral and fifteen rows, and refuses a row without its sex', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await page.locator('#case-referral-source').selectOption('other');
    await page.locator('#case-referral-sourceName').fill('IOM: returnees from Malaysia');
    await page.locator('#case-referral-reason').fill('Labour trafficking; detained in Malaysia, repatriated by IOM.');
    await page.locator('#case-caseTypes-TL').check();
    await page.locator('#case-caseTypes-RC').check();
    for (let row = 3; row < CHILDREN.length; row++) await page.getByTestId('group-add-row').click();
    await expect.poll(() => page.getByTestId('group-row').count()).toBe(CHILDREN.length);

    for (const [row, child] of CHILDREN.entries()) {
      await page.locator(`#group-child-${row}-familyNameLatin`).fill(FAMILY);
      await page.locator(`#group-child-${row}-givenNameLatin`).fill(child.given);
      // The fourth child's sex is left out, to see the error on that row.
      if (row !== 3) await page.locator(`#group-child-${row}-sex`).selectOption(child.sex);
      await page.locator(`#group-child-${row}-estimatedAge`).fill(child.age);
    }
    await page.locator('#group-child-0-familyNameKm').fill('យូសុហ្វី');
    await page.locator('#group-child-0-givenNameKm').fill('អាហ្មាត់');
    await expect.poll(() => page.getByTestId('group-count').innerText()).toBe('15 children entered');

    await page.getByRole('button', { name: 'Open 15 cases' }).click();
    await expect.poll(() => page.getByTestId('form-alert').innerText()).toMatch(/need correcting/);
    const fourth = page.getByTestId('group-row').nth(3);
    await expect.poll(() => fourth.locator('[aria-invalid=true]').count()).toBe(1);
    await expect.poll(() => fourth.innerText()).toContain('Choose the sex.');
    // Focus goes to the field at fault, so the keyboard user is where the error is.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('group-child-3-sex');
    await screenshot(page, 'group-intake-errors-en');
  });

  it('opens all fifteen cases at once, then finds them in the case list', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await page.locator('#group-child-3-sex').selectOption(CHILDREN[3]?.sex ?? 'female');
    await expect.poll(() => page.locator('[aria-invalid=true]').count()).toBe(0);
    await page.getByRole('button', { name: 'Open 15 cases' }).click();
    await page.getByTestId('group-result').waitFor();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('15 cases opened');
    await expect.poll(() => page.getByTestId('group-result-row').count()).toBe(CHILDREN.length);
    await expect.poll(() => page.getByTestId('group-result').innerText()).toContain('IOM: returnees from Malaysia');
    await screenshot(page, 'group-intake-done-en');

    await page.locator('nav.app-nav').getByRole('link', { name: 'Cases', exact: true }).click();
    await page.waitForURL('**/cases');
    await page.getByRole('searchbox', { name: 'Search cases' }).fill(FAMILY);
    await expect.poll(() => page.getByTestId('case-count').innerText()).toBe(`15 cases match “${FAMILY}”`);
    await expect.poll(() => page.getByTestId('case-row').count()).toBe(CHILDREN.length);
    for (const child of CHILDREN) {
      await expect.poll(() => page.getByTestId('case-table').innerText()).toContain(`${FAMILY} ${child.given}`);
    }
    // The one child with a Khmer name is found by it as well.
    await page.getByRole('searchbox', { name: 'Search cases' }).fill('អាហ្មាត់');
    await expect.poll(() => page.getByTestId('case-row').count()).toBe(1);
  });
});
