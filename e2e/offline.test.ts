import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { DEMO_PASSWORD, signInAs } from './support/sign-in';
import { pageApi } from './support/api';
import { caseIdsOnDevice, DEVICE_DB, rawDeviceRows, rawDeviceText, waitForSync } from './support/device-store';
import { LAPTOP, screenshotsBothSizes, today } from './support/screens';

/** This file works on the demo installation, on cases it opens itself. */
const baseUrl = inject('demoBaseUrl');
const chromiumMissing = inject('chromiumMissing');

const WORKER = 'worker@tonle.demo';
const SUPERVISOR = 'supervisor@tonle.demo';
const ADMIN = 'admin@tonle.demo';

/** A case of the worker's (she opens it), reintegrated by the supervisor, so a follow-up visit is due. */
async function caseInFollowUp(worker: Page, supervisor: Page, givenNameLatin: string): Promise<string> {
  const created = await pageApi<{ id: string }>(worker, 'POST', '/cases', {
    familyNameKm: 'ពៅ',
    givenNameKm: 'សុវណ្ណ',
    familyNameLatin: 'Pov',
    givenNameLatin,
    sex: 'female',
    dateOfBirth: '2012-03-04',
    caseTypes: ['TL'],
    referral: { source: 'police', referredOn: '2026-09-01' },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const caseId = created.body.id;
  const add = async (page: Page, type: string, payload: object) => {
    const id = randomUUID();
    const answer = await pageApi(page, 'POST', `/cases/${caseId}/events`, { id, type, occurredOn: today(), payload });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return id;
  };
  const requestId = await add(worker, 'approval_request', { subject: 'reintegration' });
  await add(supervisor, 'approval_decision', { requestId, decision: 'approved' });
  await add(worker, 'reintegration', { destination: 'birth_family', childConsents: true });
  return caseId;
}

/** The unlock screen has no header: the language is the one kept in the browser, read at load. */
async function setLanguageByReload(page: Page, language: 'en' | 'km'): Promise<void> {
  await page.evaluate((lang) => localStorage.setItem('homeward.lang', lang), language);
  await page.reload();
  await page.getByTestId('unlock-screen').waitFor({ timeout: 20_000 });
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
}

describe('offline work in a real browser', () => {
  let browser: Browser;
  let workerContext: BrowserContext;
  let worker: Page;
  let supervisor: Page;
  let followUpCase: string;
  let newCaseId = '';
  const childName = `Offline${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    if (chromiumMissing) return;
    browser = await launchChromium();
    const supervisorContext = await browser.newContext({ viewport: LAPTOP });
    supervisor = await supervisorContext.newPage();
    await signInAs(supervisor, baseUrl, SUPERVISOR);
    workerContext = await browser.newContext({ viewport: LAPTOP });
    worker = await workerContext.newPage();
    await signInAs(worker, baseUrl, WORKER);
    followUpCase = await caseInFollowUp(worker, supervisor, childName);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('keeps the caseload on the device after sign-in, and nothing readable without the key', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    // The service worker has the app by now, for the reload offline below.
    await worker.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // The case was opened after the sync at sign-in: the next sync (here on the `online` event) brings it.
    await expect
      .poll(
        async () => {
          await worker.evaluate(() => window.dispatchEvent(new Event('online')));
          return caseIdsOnDevice(worker);
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toContain(followUpCase);
    await waitForSync(worker);

    const text = await rawDeviceText(worker);
    expect(text).not.toContain(childName);
    expect(text).not.toContain('សុវណ្ណ');
    expect(text).not.toContain('birth_family');
    expect(text).not.toContain('follow_up');
    expect(text).not.toContain(WORKER);
    await screenshotsBothSizes(worker, 'offline-indicator-online');
  });

  it('opens offline after a reload, unlocks with the password, and records a follow-up visit and a new intake', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await workerContext.setOffline(true);
    await worker.reload();
    const unlock = worker.getByTestId('unlock-screen');
    await unlock.waitFor({ timeout: 20_000 });
    await screenshotsBothSizes(worker, 'offline-unlock', { switchLanguage: setLanguageByReload });

    await worker.locator('#unlock-password').fill('not-the-password');
    await worker.getByRole('button', { name: 'Unlock' }).click();
    await expect
      .poll(() => unlock.getByTestId('form-alert').innerText(), { timeout: 20_000 })
      .toContain('does not open the copy');
    await worker.locator('#unlock-password').fill(DEMO_PASSWORD);
    await worker.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => worker.getByTestId('offline-notice').count(), { timeout: 20_000 }).toBe(1);
    expect(await worker.getByTestId('sync-indicator').getAttribute('data-connection')).toBe('offline');

    // The caseload is searched on the device, in Latin and in Khmer.
    const search = worker.getByRole('searchbox');
    await search.fill(childName);
    const row = worker.getByTestId('case-row').filter({ hasText: childName });
    await expect.poll(() => row.count()).toBe(1);
    await search.fill('សុវណ្ណ');
    await expect.poll(() => row.count()).toBeGreaterThan(0);
    await row.getByRole('link').first().click();
    await worker.waitForURL(`**/cases/${followUpCase}`);
    await expect.poll(() => worker.getByTestId('case-title').innerText()).toContain(childName);

    const visit = await openStep(worker, 'follow_up_visit');
    await visit.locator('#follow_up_visit-mode-home_visit').check();
    await visit.locator('#follow_up_visit-livingInGoodConditions-yes').check();
    await visit.locator('#follow_up_visit-schoolOrWork').selectOption('in_school');
    await visit.locator('#follow_up_visit-wellbeing-care-score-4').check();
    await visit.locator('#follow_up_visit-wellbeing-emotional_health-score-3').check();
    await visit.locator('button[type="submit"]').click();
    const waiting = worker.locator('[data-testid="timeline-item"][data-waiting="true"][data-type="follow_up_visit"]');
    await expect.poll(() => waiting.count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => worker.getByTestId('sync-waiting').innerText()).toContain('1 waiting');
    await screenshotsBothSizes(worker, 'offline-case-waiting');

    await worker.locator('nav.app-nav').getByRole('link', { name: 'New case' }).click();
    await worker.waitForURL('**/cases/new');
    await worker.locator('#case-familyNameKm').fill('ពៅ');
    await worker.locator('#case-givenNameKm').fill('ស្រីនិច');
    await worker.locator('#case-familyNameLatin').fill('Pov');
    await worker.locator('#case-givenNameLatin').fill(`${childName}b`);
    await worker.getByRole('radio', { name: 'Female' }).check();
    await worker.locator('#case-birthMode-age').check();
    await worker.locator('#case-estimatedAge').fill('12');
    await worker.locator('#case-caseTypes-TL').check();
    await worker.locator('#case-referral-source').selectOption('police');
    await worker.getByRole('button', { name: 'Save case' }).click();
    await worker.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    newCaseId = worker.url().split('/').pop() ?? '';
    await expect.poll(() => worker.getByTestId('case-number').innerText()).toMatch(/^P-[0-9A-F]{8}$/);
    await expect.poll(() => worker.locator('[data-testid="timeline-item"][data-waiting="true"]').count()).toBe(1);
  });

  it('syncs both when the connection comes back, and the server shows them', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await workerContext.setOffline(false);
    await worker.evaluate(() => window.dispatchEvent(new Event('online')));
    await waitForSync(worker);
    const events = await pageApi<{ items: { type: string }[] }>(supervisor, 'GET', `/cases/${followUpCase}/events`);
    expect(events.body.items.map((event) => event.type)).toContain('follow_up_visit');
    const made = await pageApi<{ caseNumber: string; givenNameLatin: string }>(
      supervisor,
      'GET',
      `/cases/${newCaseId}`,
    );
    expect(made.status).toBe(200);
    expect(made.body.givenNameLatin).toBe(`${childName}b`);
    expect(made.body.caseNumber).not.toMatch(/^P-/);
  });

  it('keeps changes not yet sent locked on the device at sign-out, and sends them at the next sign-in', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const noteText = `Kept through sign-out ${randomUUID().slice(0, 8)}`;
    // Within the app, not by loading the page again: a page load locks the device store until the password opens it.
    await worker.locator('nav.app-nav').getByRole('link', { name: 'Cases', exact: true }).click();
    await worker.getByRole('searchbox').fill(childName);
    // The intake made offline is named after this child too: the link says which case.
    await worker.locator(`[data-testid="case-row"] a[href="/cases/${followUpCase}"]`).first().click();
    await worker.waitForURL(`**/cases/${followUpCase}`, { waitUntil: 'commit' });
    await worker.locator('#note-text').waitFor();
    await workerContext.setOffline(true);
    await worker.locator('#note-text').fill(noteText);
    await worker.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => worker.getByTestId('sync-waiting').innerText(), { timeout: 20_000 }).toContain('1 waiting');

    // Signing out asks first, and the change stays on the device, sealed, instead of being deleted with it.
    const asked: string[] = [];
    worker.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    await worker.getByRole('button', { name: 'Sign out' }).click();
    await worker.waitForURL('**/login');
    expect(asked.join()).toContain('has not reached the server');
    const kept = await rawDeviceRows(worker);
    expect(kept?.outbox?.length ?? 0).toBeGreaterThan(0);
    expect(await rawDeviceText(worker)).not.toContain(noteText);

    // Signed out offline, the server never heard of it: its session cookie goes as a browser's would expire.
    await workerContext.setOffline(false);
    await signInAs(worker, baseUrl, WORKER, { clearCookies: true });
    await expect
      .poll(
        async () => {
          const events = await pageApi<{ items: { type: string; payload: { text?: string } }[] }>(
            supervisor,
            'GET',
            `/cases/${followUpCase}/events`,
          );
          return events.body.items.filter((event) => event.payload.text === noteText).length;
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(1);
  });

  it('deletes the device database at sign-out', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    expect(await rawDeviceRows(worker)).not.toBeNull();
    await worker.getByRole('button', { name: 'Sign out' }).click();
    await worker.waitForURL('**/login');
    await expect.poll(() => rawDeviceRows(worker)).toBeNull();
  });

  it('wipes the device at its next sync after an administrator revokes it', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await signInAs(worker, baseUrl, WORKER);
    await expect.poll(() => caseIdsOnDevice(worker), { timeout: 20_000 }).toContain(followUpCase);
    const deviceId = await worker.evaluate(async (name) => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const opening = indexedDB.open(name);
        opening.onsuccess = () => resolve(opening.result);
      });
      const row = await new Promise<{ deviceId: string }>((resolve) => {
        const read = db.transaction('device').objectStore('device').get('device');
        read.onsuccess = () => resolve(read.result as { deviceId: string });
      });
      db.close();
      return row.deviceId;
    }, DEVICE_DB);

    const adminContext = await browser.newContext({ viewport: LAPTOP });
    const admin = await adminContext.newPage();
    await signInAs(admin, baseUrl, ADMIN);
    const revoked = await pageApi(admin, 'POST', `/devices/${deviceId}/revoke`, {});
    expect(revoked.status, JSON.stringify(revoked.body)).toBeLessThan(300);
    await adminContext.close();

    await worker.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => rawDeviceRows(worker), { timeout: 20_000 }).toBeNull();
  });
});

async function openStep(page: Page, type: string): Promise<Locator> {
  const button = page.getByTestId(`step-${type}`);
  await expect.poll(() => button.getAttribute('aria-disabled')).toBeNull();
  await button.click();
  const form = page.locator(`[data-testid="step-form"][data-step="${type}"]`);
  await form.waitFor();
  return form;
}
