import { TIER_OF_FIELD, type CaseDetail, type CaseEvent, type CaseList } from '@homeward/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot } from './support/chromium';
import { DEMO_PASSWORD, signInAs } from './support/sign-in';
import { casesLedAlone } from './support/led-cases';
import { followNavLink } from './support/navigation';

/** This file works on the demo installation. It refers one Tonle case to the department, so it runs that last. */
const baseUrl = inject('demoBaseUrl');
const chromiumMissing = inject('chromiumMissing');

const WORKER = 'worker@tonle.demo';
const SUPERVISOR = 'supervisor@tonle.demo';
const CAREGIVER = 'caregiver@tonle.demo';
const ADMIN = 'admin@tonle.demo';
const OTHER_ADMIN = 'admin@svayrieng.demo';
const OFFICER = 'officer@dosvy-siemreap.demo';
const DEPARTMENT = 'Siem Reap Provincial Department of Social Affairs';
const NOT_FOUND = 'This case does not exist, or you do not have access to it.';

const tokens = new Map<string, string>();

/**
 * Signs in through the API, as a script would: the bearer token needs no CSRF header. Once per user, because
 * the server throttles sign-ins from one address; access is worked out again on every request all the same.
 */
async function tokenOf(email: string): Promise<string> {
  const known = tokens.get(email);
  if (known) return known;
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  expect(response.status).toBe(200);
  const { token } = (await response.json()) as { token: string };
  tokens.set(email, token);
  return token;
}

async function apiGet<T>(token: string, path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as T };
}

/** Every account of what happened in an event's payload, found by the same field tiers the server applies. */
function narrativesIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => narrativesIn(item, found));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (TIER_OF_FIELD[key] === 'narrative' && typeof item === 'string' && item.trim().length >= 12) {
        found.push(item.trim());
      } else narrativesIn(item, found);
    }
  }
  return found;
}

/**
 * Access control as people meet it: another organisation's case is not found, a caregiver reads a child's file
 * without the account of the abuse, a department officer reads only the cases referred to it and changes none,
 * and an administrator's change to a role takes effect. The steps share one browser page and run in order.
 */
describe('who sees what, in a real browser', () => {
  let browser: Browser;
  let page: Page;

  // Department officers land on their dashboard, everyone else on the case list.
  const signIn = (email: string) =>
    signInAs(page, baseUrl, email, { clearCookies: true, landing: /\/(cases|dashboard)$/ });

  async function setLanguage(language: 'en' | 'km'): Promise<void> {
    await page.getByTestId(`language-${language}`).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
  }

  const mainText = () => page.locator('main').innerText();

  beforeAll(async () => {
    if (chromiumMissing) return;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('answers another organisation’s case URL with "not found", never the child’s name', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const child = (await casesLedAlone(baseUrl, await tokenOf(OTHER_ADMIN), 'limit=20'))[0];
    if (!child) throw new Error('The Svay Rieng demo organisation has no case.');
    const names = [child.givenNameLatin, child.familyNameLatin, child.givenNameKm].filter(
      (name): name is string => !!name,
    );
    expect(names.length).toBeGreaterThan(0);

    await page.goto(`${baseUrl}/login`);
    await page.evaluate(() => localStorage.setItem('homeward.lang', 'en'));
    await signIn(WORKER);
    await page.goto(`${baseUrl}/cases/${child.id}`);
    await page.locator('main h1').waitFor();
    await expect.poll(mainText).toContain(NOT_FOUND);
    const shown = await page.content();
    for (const name of names) expect(shown).not.toContain(name);
    expect(shown).not.toContain(child.caseNumber);
  });

  it('shows a caregiver the shelter’s child without the notes and accounts the supervisor reads', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const caregiverToken = await tokenOf(CAREGIVER);
    const supervisorToken = await tokenOf(SUPERVISOR);
    const inShelter = (await apiGet<CaseList>(caregiverToken, '/cases?limit=200')).body.items;
    expect(inShelter.length).toBeGreaterThan(0);
    let chosen: { id: string; narratives: string[] } | undefined;
    for (const item of inShelter) {
      const events = await apiGet<{ items: CaseEvent[] }>(supervisorToken, `/cases/${item.id}/events`);
      const narratives = events.body.items.flatMap((event) => narrativesIn(event.payload));
      if (narratives.length > 0) {
        chosen = { id: item.id, narratives };
        break;
      }
    }
    if (!chosen) throw new Error('No child of the shelter has a note or an account to hide.');
    // The same case as the caregiver's API sees it: the child's name stays, so the page is the right one.
    const asCaregiver = await apiGet<CaseDetail>(caregiverToken, `/cases/${chosen.id}`);
    expect(asCaregiver.body.givenNameLatin).toBeTruthy();

    await signIn(CAREGIVER);
    await page.goto(`${baseUrl}/cases/${chosen.id}`);
    await page.getByTestId('case-title').waitFor();
    await expect.poll(() => page.getByTestId('case-title').innerText()).toContain(asCaregiver.body.givenNameLatin!);
    await expect.poll(() => page.locator('[data-testid="timeline-item"]').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('withheld-note').first().innerText()).toContain('Hidden for your role');
    const shown = await page.content();
    for (const narrative of chosen.narratives) expect(shown).not.toContain(narrative);
    // A caregiver sees no files, records no steps and refers no case.
    expect(await page.getByTestId('documents-hidden').count()).toBe(1);
    expect(await page.getByTestId('case-documents').count()).toBe(0);
    expect(await page.getByTestId('record-step').count()).toBe(0);
    expect(await page.getByTestId('share-form').count()).toBe(0);
    expect(await page.getByTestId('case-assignment').count()).toBe(0);
    await screenshot(page, 'access-caregiver-en');
    await setLanguage('km');
    await expect.poll(() => page.getByTestId('withheld-note').first().innerText()).toContain('លាក់សម្រាប់តួនាទីរបស់អ្នក');
    await screenshot(page, 'access-caregiver-km');
    await setLanguage('en');
  });

  it('shows a department officer only the cases referred to the department, read-only', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const officerToken = await tokenOf(OFFICER);
    const referred = await apiGet<CaseList>(officerToken, '/cases?limit=200');
    expect(referred.body.total).toBe(4);
    for (const item of referred.body.items) {
      const shares = await apiGet<{ items: { organisationName: string }[] }>(officerToken, `/cases/${item.id}/shares`);
      expect(shares.body.items.map((share) => share.organisationName)).toContain(DEPARTMENT);
    }

    await signIn(OFFICER);
    await expect.poll(() => page.url()).toMatch(/\/dashboard$/);
    await page.goto(`${baseUrl}/cases`);
    await expect.poll(() => page.getByTestId('case-row').count()).toBe(4);
    await expect.poll(() => page.locator('.app-nav').innerText()).not.toContain('New case');
    await page.getByTestId('case-row').first().locator('a').first().click();
    await expect.poll(() => page.url()).toMatch(/\/cases\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('case-share').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('case-shares').innerText()).toContain(DEPARTMENT);
    await expect.poll(() => page.locator('[data-testid="timeline-item"]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('record-step').count()).toBe(0);
    expect(await page.locator('[data-testid^="step-"]').count()).toBe(0);
    expect(await page.getByTestId('give-task').count()).toBe(0);
    expect(await page.getByTestId('share-form').count()).toBe(0);
    expect(await page.getByTestId('case-assignment').count()).toBe(0);
    expect(await page.locator('#note-text').count()).toBe(0);
    await screenshot(page, 'access-officer-en');
  });

  it('takes a permission from caseworkers on the Roles and permissions page, and gives it back', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const someCase = (await apiGet<CaseList>(await tokenOf(WORKER), '/cases?limit=1')).body.items[0];
    if (!someCase) throw new Error('The worker has no case.');
    const workerFiles = async () => (await apiGet(await tokenOf(WORKER), `/cases/${someCase.id}/attachments`)).status;
    expect(await workerFiles()).toBe(200);

    await signIn(ADMIN);
    await followNavLink(
      page.locator('.app-nav').getByRole('link', { name: 'Roles', exact: true, includeHidden: true }),
    );
    await page.waitForURL('**/settings/roles');
    const cell = page.locator('[id="policy-caseworker-attachment.read"]');
    await expect.poll(() => cell.isChecked()).toBe(true);

    // The administrators keep the page itself: refused, and said why, before anything is saved.
    await page.locator('[id="policy-org_admin-policy.manage"]').uncheck();
    await page.getByRole('button', { name: 'Save the roles' }).click();
    await expect
      .poll(() => page.getByTestId('policy-problems').innerText())
      .toContain('keeps “Change roles and permissions”');
    await screenshot(page, 'access-roles-refused-en');
    await page.getByTestId('reset-org_admin').click();
    await expect.poll(() => page.getByTestId('policy-problems').innerText()).toBe('');

    await cell.uncheck();
    await expect.poll(() => page.locator('th[data-role="caseworker"]').innerText()).toContain('Changed');
    await page.getByRole('button', { name: 'Save the roles' }).click();
    await expect.poll(() => page.getByTestId('policy-saved').innerText()).toContain('Saved');
    expect(await workerFiles()).toBe(403);
    await screenshot(page, 'access-roles-en');
    await setLanguage('km');
    await expect.poll(() => page.locator('h1').innerText()).toBe('តួនាទី និងសិទ្ធិ');
    await screenshot(page, 'access-roles-km');
    await setLanguage('en');

    // A fresh page starts from what was saved, then goes back to Homeward's default.
    await page.reload();
    await expect.poll(() => cell.isChecked()).toBe(false);
    await page.getByTestId('reset-caseworker').click();
    await expect.poll(() => cell.isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Save the roles' }).click();
    await expect.poll(() => page.getByTestId('policy-saved').innerText()).toContain('Saved');
    expect(await workerFiles()).toBe(200);
  });

  it('assigns a case to a caseworker and refers it to the department, which may then read it', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const officerToken = await tokenOf(OFFICER);
    const before = (await apiGet<CaseList>(officerToken, '/cases?limit=200')).body.items.map((item) => item.id);
    const cases = await casesLedAlone(baseUrl, await tokenOf(ADMIN), 'limit=60');
    const target = cases.find((item) => item.status !== 'closed' && !before.includes(item.id));
    if (!target) throw new Error('No open Tonle case is left to refer.');

    await page.goto(`${baseUrl}/cases/${target.id}`);
    const assignment = page.getByTestId('case-assignment');
    // Playwright's wait (not a poll) while the app loads: the page was opened afresh.
    await assignment.locator('#assignment-worker option').nth(1).waitFor({ state: 'attached' });
    await assignment.locator('#assignment-worker').selectOption({ label: 'Keo Sothea — Caseworker' });
    await assignment.getByRole('button', { name: 'Assign' }).click();
    await expect.poll(() => page.getByTestId('assignment-status').innerText()).toContain('Keo Sothea');
    await expect.poll(() => page.locator('.case-page__details').innerText()).toContain('Keo Sothea');

    const form = page.getByTestId('share-form');
    await form.locator('#share-department option').nth(1).waitFor({ state: 'attached' });
    await form.locator('#share-department').selectOption({ label: DEPARTMENT });
    await form.locator('#share-kind-referral').check();
    await form.locator('#share-note').fill('For the family assessment in Siem Reap');
    await form.getByRole('button', { name: 'Refer the case' }).click();
    await expect.poll(() => page.getByTestId('share-status').innerText()).toContain(DEPARTMENT);
    await expect.poll(() => page.getByTestId('case-share').count()).toBe(1);
    await expect.poll(() => page.getByTestId('case-share').innerText()).toContain('Referred');
    await screenshot(page, 'access-case-en');
    await setLanguage('km');
    await expect.poll(() => page.locator('#shares-title').innerText()).toBe('បានបញ្ជូនទៅមន្ទីរ');
    await screenshot(page, 'access-case-km');
    await setLanguage('en');

    const after = await apiGet<CaseDetail>(officerToken, `/cases/${target.id}`);
    expect(after.status).toBe(200);
    expect(after.body.assignedWorkerName).toBe('Keo Sothea');
  });
});
