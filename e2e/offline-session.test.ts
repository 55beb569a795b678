import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { signInAs } from './support/sign-in';
import { pageApi } from './support/api';
import { DEVICE_DB } from './support/device-store';
import { today } from './support/screens';

/**
 * The device store's life around the session (decision 0017): a reload online opens it with the session's key,
 * a sign-out offline ends the session when the server answers again, and offline the case's "now" panel follows
 * the organisation's own case settings. On the demo's second organisation, whose follow-up rule this file changes
 * (and puts back), on a case it opens itself.
 */
const baseUrl = inject('demoBaseUrl');
const chromiumMissing = inject('chromiumMissing');

const WORKER = 'worker@svayrieng.demo';
const ADMIN = 'admin@svayrieng.demo';
/** Every two months, instead of the default monthly visits of the first half year. */
const RULE = [{ everyMonths: 2, untilMonth: 24 }];

interface RawDeviceRow {
  deviceId: string;
  lastSyncAt: string | null;
  sessionKey?: unknown;
}

/** The device store's clear row, as any script of the page can read it; null when there is no store. */
async function deviceRow(page: Page): Promise<RawDeviceRow | null> {
  return page.evaluate(async (name) => {
    const databases = await indexedDB.databases();
    if (!databases.some((database) => database.name === name)) return null;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const opening = indexedDB.open(name);
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(new Error(String(opening.error)));
    });
    const row = await new Promise<RawDeviceRow | null>((resolve) => {
      const read = db.transaction('device').objectStore('device').get('device');
      read.onsuccess = () => resolve((read.result as RawDeviceRow | undefined) ?? null);
    });
    db.close();
    return row;
  }, DEVICE_DB);
}

/** The date `months` calendar months after `date`, as the follow-up schedule counts them. */
function monthsAfter(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return target.toISOString().slice(0, 10);
}

/** A date as the English screens write it: 6 Feb 2027. */
function inWords(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${day} ${months[month - 1]} ${year}`;
}

describe('the device store and the session', () => {
  let browser: Browser;
  let workerContext: BrowserContext;
  let worker: Page;
  let admin: Page;
  let caseId = '';
  let settingsBefore: unknown = null;
  const childName = `Session${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    if (chromiumMissing) return;
    browser = await launchChromium();
    admin = await (await browser.newContext()).newPage();
    await signInAs(admin, baseUrl, ADMIN);
    settingsBefore = (await pageApi(admin, 'GET', '/settings/cases')).body;
    const saved = await pageApi(admin, 'PUT', '/settings/cases', { ...(settingsBefore as object), followUpRule: RULE });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);

    workerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    worker = await workerContext.newPage();
    await signInAs(worker, baseUrl, WORKER);
    const created = await pageApi<{ id: string }>(worker, 'POST', '/cases', {
      familyNameKm: 'ជា',
      givenNameKm: 'សុភា',
      familyNameLatin: 'Chea',
      givenNameLatin: childName,
      sex: 'female',
      dateOfBirth: '2013-05-06',
      caseTypes: ['DV'],
      referral: { source: 'police', referredOn: '2026-09-01' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    caseId = created.body.id;
    const add = async (page: Page, type: string, payload: object) => {
      const id = randomUUID();
      const answer = await pageApi(page, 'POST', `/cases/${caseId}/events`, { id, type, occurredOn: today(), payload });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      return id;
    };
    const requestId = await add(worker, 'approval_request', { subject: 'reintegration' });
    await add(admin, 'approval_decision', { requestId, decision: 'approved' });
    await add(worker, 'reintegration', { destination: 'birth_family', childConsents: true });
  });
  afterAll(async () => {
    if (settingsBefore) await pageApi(admin, 'PUT', '/settings/cases', settingsBefore);
    await browser?.close();
  });

  it('opens the store after a reload online without the password, syncs, and shows offline what the server added', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await worker.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // Made at sign-in: the data key's second copy, under the key the server keeps for this session.
    await expect.poll(async () => (await deviceRow(worker))?.sessionKey ?? null, { timeout: 20_000 }).not.toBeNull();

    await worker.reload();
    await worker.getByTestId('sync-indicator').waitFor();
    const noteText = `Added on the server ${randomUUID().slice(0, 8)}`;
    const noted = await pageApi(admin, 'POST', `/cases/${caseId}/events`, {
      id: randomUUID(),
      type: 'note',
      occurredOn: today(),
      payload: { text: noteText, confidential: false },
    });
    expect(noted.status, JSON.stringify(noted.body)).toBe(201);
    const notedAt = new Date().toISOString();
    // Unlocked by the session, the store syncs (here on the `online` event): no password was typed.
    await expect
      .poll(
        async () => {
          await worker.evaluate(() => window.dispatchEvent(new Event('online')));
          return (await deviceRow(worker))?.lastSyncAt ?? '';
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toSatisfy((lastSyncAt: string) => lastSyncAt > notedAt);
    expect(await worker.getByTestId('unlock-screen').count()).toBe(0);

    // Offline, the case comes from the device: the server's note is there, and what is due follows the rule.
    const state = await pageApi<{ followUp: { next: string | null } }>(worker, 'GET', `/cases/${caseId}/state`);
    expect(state.body.followUp.next).toBe(monthsAfter(today(), 2));
    await workerContext.setOffline(true);
    await worker.locator('nav.app-nav').getByRole('link', { name: 'Cases', exact: true }).click();
    await worker.getByRole('searchbox').fill(childName);
    await worker.locator(`[data-testid="case-row"] a[href="/cases/${caseId}"]`).first().click();
    await worker.waitForURL(`**/cases/${caseId}`);
    await expect.poll(() => worker.getByTestId('offline-notice').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => worker.getByText(noteText).count(), { timeout: 20_000 }).toBe(1);
    // Never opened online since the reload, so nothing of it is in the page's cache: the panel is the device's.
    const due = worker.getByTestId('now-follow-up');
    await expect.poll(() => due.innerText(), { timeout: 20_000 }).toContain(inWords(monthsAfter(today(), 2)));
    expect(await due.innerText()).not.toContain(inWords(monthsAfter(today(), 1)));
  });

  it('ends a session signed out of offline as soon as the server answers again, and keeps no key for it', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const cookie = (await workerContext.cookies()).find((item) => item.name === 'homeward_session');
    expect(cookie).toBeDefined();
    const asOldSession = () =>
      fetch(`${baseUrl}/api/v1/auth/me`, { headers: { cookie: `homeward_session=${cookie!.value}` } });

    await worker.getByRole('button', { name: 'Sign out' }).click();
    await worker.waitForURL('**/login');
    // The reads made offline wait to reach the audit log: the store stays, locked, as at any sign-out, and only
    // the password opens it now (its copy under the session's key is gone).
    const kept = await deviceRow(worker);
    expect(kept).not.toBeNull();
    expect(kept?.sessionKey ?? null).toBeNull();
    expect(await worker.evaluate(() => localStorage.getItem('homeward.endSession'))).not.toBeNull();
    // The server did not hear it: the session still works, for anyone holding its cookie.
    expect((await asOldSession()).status).toBe(200);

    await workerContext.setOffline(false);
    await worker.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(async () => (await asOldSession()).status, { timeout: 20_000 }).toBe(401);
    expect(await worker.evaluate(() => localStorage.getItem('homeward.endSession'))).toBeNull();
  });
});
