import { DEFAULT_TIME_ZONE, todayIn } from '@homeward/core';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot } from './support/chromium';
import { signInAs } from './support/sign-in';

/** This file works on the demo installation, with cases of its own (family "Testfile"), so it assumes no counts. */
const baseUrl = inject('demoBaseUrl');
const chromiumMissing = inject('chromiumMissing');

const SUPERVISOR = 'supervisor@tonle.demo';
const WORKER = 'worker@tonle.demo';
const WORKER_NAME = 'Keo Sothea';
const CAREGIVER = 'caregiver@tonle.demo';
const FAMILY = 'Testfile';
const TASK_TITLE = 'Testfile: visit the family before Pchum Ben';
const PHOTO_TITLE = 'Testfile photo on arrival';

/** Today as the browser (same machine) sees it, yyyy-mm-dd. */
/** Today as the app counts it: the organisation's day in Cambodia, not this machine's. */
function today(): string {
  return todayIn(DEFAULT_TIME_ZONE);
}

/**
 * Oversight and files: a duplicate case found and merged, photo consent and a photo, a task given to a colleague
 * and done by her, a group session's attendance, the supervision page, and a caregiver who may not see files.
 * Part of it in Khmer. The steps share one browser page and run in order.
 */
describe('duplicates, files, tasks and group sessions, in a real browser', () => {
  let browser: Browser;
  let page: Page;
  let firstUrl = '';
  let firstNumber = '';
  let firstId = '';

  const form = (type: string): Locator => page.locator(`[data-testid="step-form"][data-step="${type}"]`);
  const timelineItems = (type: string): Locator => page.locator(`[data-testid="timeline-item"][data-type="${type}"]`);

  const signIn = (email: string) => signInAs(page, baseUrl, email);

  async function signOut(): Promise<void> {
    await page.locator('.app-header__end button.button--quiet').click();
    await page.waitForURL('**/login');
  }

  async function setLanguage(language: 'en' | 'km'): Promise<void> {
    await page.getByTestId(`language-${language}`).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
  }

  async function openCase(given: string): Promise<string> {
    await page.goto(`${baseUrl}/cases/new`);
    await page.locator('#case-familyNameKm').fill('តេស្ត');
    await page.locator('#case-givenNameKm').fill('ស្រីណា');
    await page.locator('#case-familyNameLatin').fill(FAMILY);
    await page.locator('#case-givenNameLatin').fill(given);
    await page.getByRole('radio', { name: 'Female' }).check();
    await page.locator('#case-birthMode-age').check();
    await page.locator('#case-estimatedAge').fill('14');
    await page.locator('#case-caseTypes-TL').check();
    await page.locator('#case-referral-source').selectOption('transit_centre');
    await page.getByRole('button', { name: 'Save case' }).click();
    await expect.poll(() => page.url()).toMatch(/\/cases\/[0-9a-f-]{36}$/);
    await expect.poll(() => timelineItems('intake').count()).toBe(1);
    return page.url();
  }

  beforeAll(async () => {
    if (chromiumMissing) return;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens two cases for one child, finds the second a likely duplicate and merges it into the first', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await page.goto(`${baseUrl}/login`);
    await page.evaluate(() => localStorage.setItem('homeward.lang', 'en'));
    await signIn(SUPERVISOR);

    firstUrl = await openCase('Sreyna');
    firstId = firstUrl.split('/').pop() ?? '';
    firstNumber = (await page.getByTestId('case-number').innerText()).trim();
    expect(firstNumber).not.toBe('');
    await openCase('Sreynea');
    expect(page.url()).not.toBe(firstUrl);

    const duplicates = page.getByTestId('case-duplicates');
    await duplicates.getByTestId('check-duplicates').click();
    const match = duplicates.getByTestId('case-duplicate-match').filter({ hasText: firstNumber });
    await expect.poll(() => match.count()).toBe(1);
    await expect.poll(() => match.getAttribute('class')).toContain('match--likely');
    await expect.poll(() => match.innerText()).toContain('Likely the same child');
    await screenshot(page, 'duplicate-likely-en');

    await match.getByTestId('duplicate-merge').click();
    await match.getByTestId('confirm-merge').waitFor();
    await match.getByTestId('confirm-merge-button').click();
    await expect.poll(() => match.getByTestId('duplicate-resolved').count()).toBe(1);
    await expect.poll(() => page.getByTestId('case-status').innerText()).toContain('Closed');
    await expect.poll(() => page.getByTestId('now-status').innerText()).toContain('Closed');
    await expect.poll(() => timelineItems('duplicate_resolution').count()).toBe(1);
    const merged = timelineItems('duplicate_resolution');
    await expect.poll(() => merged.innerText()).toContain('Merged into another case');
    await expect.poll(() => merged.locator(`a[href$="/cases/${firstId}"]`).count()).toBe(1);
    await screenshot(page, 'duplicate-merged-en');

    // The first case is still open and tells of the merge too.
    await page.goto(firstUrl);
    await expect.poll(() => page.getByTestId('now-status').innerText()).toContain('Active');
    await expect.poll(() => timelineItems('duplicate_resolution').count()).toBe(1);
  });

  it('records photo consent, then uploads a photo that shows as a thumbnail', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await page.getByTestId('step-consent').click();
    const consent = form('consent');
    await consent.waitFor();
    await consent.locator('#consent-scope-photos').check();
    await consent.locator('#consent-action-given').check();
    await consent.locator('#consent-givenBy-child_and_guardian').check();
    await consent.locator('#consent-guardianName').fill('Testfile Sokha');
    await consent.locator('button[type="submit"]').click();
    await expect.poll(() => timelineItems('consent').count()).toBe(1);
    await expect.poll(() => form('consent').count()).toBe(0);

    const photo = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#446688' } })
      .jpeg()
      .toBuffer();
    const upload = page.getByTestId('upload-form');
    await upload.locator('#upload-kind-photo').check();
    await upload.locator('#upload-title').fill(PHOTO_TITLE);
    await upload.locator('#upload-file').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: photo });
    await upload.locator('button[type="submit"]').click();
    await expect.poll(() => upload.getByTestId('upload-status').innerText()).toContain(PHOTO_TITLE);

    const thumbnail = page.getByTestId('attachments-photos').locator('img.photo__image');
    await expect.poll(() => thumbnail.count()).toBe(1);
    await expect.poll(() => thumbnail.getAttribute('alt')).toBe(PHOTO_TITLE);
    // The image really loads (the server serves the file to this role).
    await thumbnail.scrollIntoViewIfNeeded();
    await expect
      .poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth))
      .toBe(32);
    await expect.poll(() => timelineItems('document').count()).toBe(1);
    await screenshot(page, 'photo-uploaded-en');
    await setLanguage('km');
  });

  it('gives a task to a colleague, who sees it in her tasks and marks it done, in Khmer', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const give = page.getByTestId('give-task');
    const assignee = give.locator('#task-assignee');
    const option = assignee.locator('option', { hasText: WORKER_NAME });
    await expect.poll(() => option.count()).toBe(1);
    await assignee.selectOption((await option.getAttribute('value')) ?? '');
    await give.locator('#task-title').fill(TASK_TITLE);
    await give.locator('#task-due').fill(today());
    await give.locator('button[type="submit"]').click();
    await expect.poll(() => give.getByTestId('give-task-status').innerText()).toContain(WORKER_NAME);
    await expect.poll(() => give.getByTestId('give-task-status').innerText()).toContain('បានប្រគល់ភារកិច្ច');
    await signOut();

    await signIn(WORKER);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('km');
    await page.getByTestId('nav-tasks').click();
    await page.waitForURL('**/tasks');
    const task = page.getByTestId('task').filter({ hasText: TASK_TITLE });
    await expect.poll(() => task.count()).toBe(1);
    await expect.poll(() => task.innerText()).toContain(firstNumber);
    await screenshot(page, 'worker-tasks-km');
    await task.getByTestId('task-done').click();
    await expect.poll(() => task.count()).toBe(0);
    await signOut();
    await signIn(SUPERVISOR);
  });

  it('records a group session that reaches the case timeline, in Khmer', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await page.goto(`${baseUrl}/sessions/new`);
    const topic = page.locator('#session-topic');
    await topic.waitFor();
    await topic.selectOption({ index: 1 });
    await page.locator('#session-title').fill('Testfile safe migration class');
    await page.locator('#session-filter').fill(FAMILY);
    const present = page.locator(`#session-case-${firstId}`);
    await present.waitFor();
    // The merged case is closed and so not on the attendance list.
    await expect.poll(() => page.getByTestId('attendance-list').locator('li').count()).toBe(1);
    await present.check();
    await expect.poll(() => page.getByTestId('session-count').innerText()).toContain('1');
    await screenshot(page, 'group-session-km');
    await page.locator('form button[type="submit"]').click();
    await page.getByTestId('session-result').waitFor();

    await page.goto(firstUrl);
    await expect.poll(() => timelineItems('group_session').count()).toBe(1);
  });

  it('shows the supervision page with its sections, in Khmer', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await page.locator('nav.app-nav a[href="/supervision"]').click();
    await page.waitForURL('**/supervision');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).not.toBe('');
    await expect.poll(() => page.getByTestId('supervision-summary').count()).toBe(1);
    await expect
      .poll(
        async () => (await page.getByTestId('approval-row').count()) + (await page.getByTestId('overdue-row').count()),
      )
      .toBeGreaterThan(0);
    await screenshot(page, 'supervision-km');
  });

  it('keeps the photos from a caregiver who opens a child of her shelter', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await signOut();
    await signIn(CAREGIVER);
    // The case opened above is not placed in her shelter, so she finds her shelter's children in her list.
    await page.goto(`${baseUrl}/cases`);
    await page.getByTestId('case-row').first().locator('a').first().click();
    await expect.poll(() => page.getByTestId('documents-hidden').count()).toBe(1);
    await expect.poll(() => page.getByTestId('documents-hidden').innerText()).toContain('តួនាទីរបស់អ្នក');
    expect(await page.locator('img.photo__image').count()).toBe(0);
    expect(await page.getByTestId('case-documents').count()).toBe(0);
    await screenshot(page, 'caregiver-case-km');
  });
});
