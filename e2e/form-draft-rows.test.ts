import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot } from './support/chromium';
import { signInAs } from './support/sign-in';

/** This file works on the demo installation: two children of its own family name and one case it opens. */
const baseUrl = inject('demoBaseUrl');
const chromiumMissing = inject('chromiumMissing');

const SUPERVISOR = 'supervisor@tonle.demo';
const LAPTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
/** A family name no other test uses, so the case list finds exactly these children. */
const FAMILY = 'Draftrowan';

const drafts = (page: Page) =>
  page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('homeward.draft')));

async function setLanguage(page: Page, language: 'en' | 'km'): Promise<void> {
  const menu = page.getByTestId('menu-button');
  if (await menu.isVisible()) await menu.click();
  await page.getByTestId(`language-${language}`).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
  // Fold the phone's menu again, so the screen is seen as it is used.
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) === 'true') await menu.click();
}

/** Leaves by the menu, as a person does, accepting the "leave this page?" question. */
async function leaveToCases(page: Page): Promise<void> {
  await page.locator('nav.app-nav').getByRole('link', { name: 'Cases', exact: true }).click();
  await page.waitForURL('**/cases');
}

/**
 * A draft keeps the rows a form adds with a button, not only the fields it opens with: two more children of a
 * group intake, a second goal of a care plan and a second action of a goal come back after leaving the screen,
 * and the draft is gone once the form is saved.
 */
describe('drafts keep the rows added with a button, in a real browser', () => {
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    if (chromiumMissing) return;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: LAPTOP });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.accept();
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('brings back two children added to a group intake, and forgets them once the cases are opened', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await signInAs(page, baseUrl, SUPERVISOR);
    await page.goto(`${baseUrl}/cases/group`);
    await expect.poll(() => page.getByTestId('group-row').count()).toBe(3);
    await page.locator('#case-referral-source').selectOption('police');
    await page.locator('#case-caseTypes-TL').check();
    await page.getByTestId('group-add-row').click();
    await page.getByTestId('group-add-row').click();
    await expect.poll(() => page.getByTestId('group-row').count()).toBe(5);
    // The added rows, and only them: the first three stay blank.
    for (const [row, given, sex] of [
      [3, 'Sokha', 'female'],
      [4, 'Vibol', 'male'],
    ] as const) {
      await page.locator(`#group-child-${row}-familyNameLatin`).fill(FAMILY);
      await page.locator(`#group-child-${row}-givenNameLatin`).fill(given);
      await page.locator(`#group-child-${row}-sex`).selectOption(sex);
      await page.locator(`#group-child-${row}-estimatedAge`).fill('12');
    }

    await leaveToCases(page);
    expect(dialogs).toContain('confirm');
    await page.goto(`${baseUrl}/cases/group`);
    await expect.poll(() => page.getByTestId('group-row').count()).toBe(5);
    const row = (n: number) => page.getByTestId('group-row').nth(n);
    await expect.poll(() => row(3).locator('input[name$="givenNameLatin"]').inputValue()).toBe('Sokha');
    await expect.poll(() => row(4).locator('input[name$="givenNameLatin"]').inputValue()).toBe('Vibol');
    expect(await row(4).locator('input[name$="familyNameLatin"]').inputValue()).toBe(FAMILY);
    expect(await row(3).locator('select').inputValue()).toBe('female');
    expect(await row(4).locator('select').inputValue()).toBe('male');
    expect(await row(0).locator('input[name$="givenNameLatin"]').inputValue()).toBe('');
    expect(await page.locator('#case-caseTypes-TL').isChecked()).toBe(true);
    await expect.poll(() => page.getByTestId('draft-notice').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('group-count').innerText()).toBe('2 children entered');
    // Putting the rows back does not move the page down to the last one.
    expect(await page.evaluate(() => window.scrollY)).toBe(0);

    await screenshot(page, 'draft-rows-group-1280-en');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'draft-rows-group-390-en');
    await setLanguage(page, 'km');
    await screenshot(page, 'draft-rows-group-390-km');
    await page.setViewportSize(LAPTOP);
    await screenshot(page, 'draft-rows-group-1280-km');
    await setLanguage(page, 'en');

    await page.getByRole('button', { name: 'Open 2 cases' }).click();
    await page.getByTestId('group-result').waitFor();
    expect(await drafts(page)).toEqual([]);
    await page.goto(`${baseUrl}/cases/group`);
    await expect.poll(() => page.getByTestId('group-row').count()).toBe(3);
    await page.waitForTimeout(300);
    expect(await page.getByTestId('group-row').count()).toBe(3);
    expect(await page.getByTestId('draft-notice').count()).toBe(0);
  });

  it('brings back a second goal and a second action of a care plan, and forgets them once saved', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const caseId = await page.evaluate(async () => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const response = await fetch('/api/v1/cases', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({
          givenNameKm: 'ស្រីពៅ',
          givenNameLatin: 'Sreypov',
          familyNameLatin: 'Draftrowan',
          sex: 'female',
          dateOfBirth: '2014-02-01',
          caseTypes: ['TL'],
          referral: { source: 'police', referredOn: '2026-10-01' },
        }),
      });
      return ((await response.json()) as { id: string }).id;
    });
    const caseUrl = `${baseUrl}/cases/${caseId}`;
    const plan = page.locator('[data-testid="step-form"][data-step="care_plan"]');
    const goals = plan.getByTestId('care-plan-goal');
    const openPlan = async () => {
      const button = page.getByTestId('step-care_plan');
      await expect.poll(() => button.getAttribute('aria-disabled')).toBeNull();
      await button.click();
      await plan.waitFor();
    };

    await page.goto(caseUrl);
    await openPlan();
    await plan.getByRole('button', { name: 'Add an action' }).click();
    await plan.getByRole('button', { name: 'Add a goal' }).click();
    await expect.poll(() => goals.count()).toBe(2);
    await plan.locator('#care_plan-goals-0-domain').selectOption('education_work');
    await plan.locator('#care_plan-goals-0-goal').fill('Back in school by the new term');
    await plan.locator('#care_plan-goals-0-actions-0-action').fill('Enrol in the catch-up class');
    await plan.locator('#care_plan-goals-0-actions-0-who').fill('Caseworker');
    await plan.locator('#care_plan-goals-0-actions-0-by').fill('01/02/2027');
    await plan.locator('#care_plan-goals-0-actions-1-action').fill('Buy the uniform and books');
    await plan.locator('#care_plan-goals-0-actions-1-who').fill('Mother');
    await plan.locator('#care_plan-goals-0-actions-1-by').fill('15/01/2027');
    await plan.locator('#care_plan-goals-1-domain').selectOption('food_security');
    await plan.locator('#care_plan-goals-1-goal').fill('Three meals a day at home');
    await plan.locator('#care_plan-goals-1-actions-0-action').fill('Refer the family to the rice support');
    await plan.locator('#care_plan-goals-1-actions-0-who').fill('Commune council');
    await plan.locator('#care_plan-goals-1-actions-0-by').fill('01/03/2027');

    await leaveToCases(page);
    await page.goto(caseUrl);
    await openPlan();
    await expect.poll(() => goals.count()).toBe(2);
    await expect.poll(() => goals.nth(0).locator('.plan-action').count()).toBe(2);
    await expect
      .poll(() => plan.locator('#care_plan-goals-0-actions-1-action').inputValue())
      .toBe('Buy the uniform and books');
    expect(await plan.locator('#care_plan-goals-0-actions-1-by').inputValue()).toBe('15/01/2027');
    expect(await plan.locator('#care_plan-goals-1-goal').inputValue()).toBe('Three meals a day at home');
    expect(await plan.locator('#care_plan-goals-1-domain').inputValue()).toBe('food_security');
    expect(await plan.locator('#care_plan-goals-1-actions-0-who').inputValue()).toBe('Commune council');
    expect(await goals.nth(1).locator('.plan-action').count()).toBe(1);
    // Putting the rows back leaves the focus where opening a step puts it: on the form's title.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('care_plan-title');

    await plan.locator('button[type="submit"]').click();
    await expect.poll(() => plan.count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid="timeline-item"][data-type="care_plan"]').count()).toBe(1);
    expect(await drafts(page)).toEqual([]);
    // Opened again, the care plan starts from one empty goal.
    await openPlan();
    await page.waitForTimeout(300);
    expect(await goals.count()).toBe(1);
    expect(await plan.locator('#care_plan-goals-0-goal').inputValue()).toBe('');
  });
});
