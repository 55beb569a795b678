import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { HeldOperation, PushResponse, SyncOperationInput } from '@homeward/core';
import { launchChromium } from './support/chromium';
import { signInAs } from './support/sign-in';
import { pageApi } from './support/api';
import { LAPTOP, screenshotsBothSizes, setLanguage, today } from './support/screens';

/** This file works on the demo installation, on cases it opens itself. */
const baseUrl = inject('demoBaseUrl');
const chromiumMissing = inject('chromiumMissing');

const ADMIN = 'admin@tonle.demo';
const SUPERVISOR = 'supervisor@tonle.demo';

/**
 * Opens a screen the way following a link does, without loading the page again: a reload drops the device
 * store's key from memory, and the app then asks for the password before it syncs.
 */
async function openInApp(page: Page, path: string): Promise<void> {
  await page.evaluate((target) => {
    history.pushState(null, '', target);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await page.waitForURL(`**${path}`);
}

async function newCase(page: Page, givenNameLatin: string): Promise<string> {
  const created = await pageApi<{ id: string }>(page, 'POST', '/cases', {
    familyNameKm: 'ចាន់',
    givenNameKm: 'សុភា',
    familyNameLatin: 'Chan',
    givenNameLatin,
    sex: 'female',
    dateOfBirth: '2013-05-01',
    caseTypes: ['TL'],
    referral: { source: 'police', referredOn: '2026-10-01' },
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

async function addEvent(page: Page, caseId: string, type: string, payload: object): Promise<string> {
  const id = randomUUID();
  const answer = await pageApi<unknown>(page, 'POST', `/cases/${caseId}/events`, {
    id,
    type,
    occurredOn: today(),
    payload,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return id;
}

/** A supervisor's approval of a step, asked and given. */
async function approve(page: Page, caseId: string, subject: string): Promise<void> {
  const requestId = await addEvent(page, caseId, 'approval_request', { subject });
  await addEvent(page, caseId, 'approval_decision', { requestId, decision: 'approved' });
}

/** Closed the way a supervisor closes a case, after a reintegration when the child is to be followed up. */
async function closeCase(page: Page, caseId: string, reintegrated: boolean): Promise<void> {
  if (reintegrated) {
    await approve(page, caseId, 'reintegration');
    await addEvent(page, caseId, 'reintegration', { destination: 'birth_family', childConsents: true });
  }
  await approve(page, caseId, 'closure');
  await addEvent(page, caseId, 'closure', { reason: 'stable_and_safe', summary: 'Safe at home, in school.' });
}

async function registerDevice(page: Page): Promise<string> {
  const id = randomUUID();
  const answer = await pageApi<unknown>(page, 'POST', '/devices', { id, name: 'Field phone' });
  expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
  return id;
}

async function push(page: Page, deviceId: string, operation: SyncOperationInput): Promise<PushResponse['results'][0]> {
  const answer = await pageApi<PushResponse>(page, 'POST', '/sync/push', { deviceId, operations: [operation] });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  const [result] = answer.body.results;
  if (!result) throw new Error('The push answered no result.');
  return result;
}

function heldId(result: PushResponse['results'][0]): string {
  if (!result.held) throw new Error(`Not held: ${JSON.stringify(result)}`);
  return result.held.id;
}

describe('the sync screens, in a real browser', () => {
  let browser: Browser;
  let fieldContext: BrowserContext;
  let officeContext: BrowserContext;
  /** The administrator's phone in the field, offline for a while. */
  let field: Page;
  /** The supervisor at the office, online. */
  let office: Page;
  let deviceId = '';

  beforeAll(async () => {
    if (chromiumMissing) return;
    browser = await launchChromium();
    fieldContext = await browser.newContext({ viewport: LAPTOP });
    officeContext = await browser.newContext({ viewport: LAPTOP });
    field = await fieldContext.newPage();
    office = await officeContext.newPage();
    await signInAs(field, baseUrl, ADMIN);
    await signInAs(office, baseUrl, SUPERVISOR);
    deviceId = await registerDevice(field);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows a same-field conflict from two browsers side by side, with who set the value, and resolves it with a value typed', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const caseId = await newCase(field, 'Sophea');
    const detail = await pageApi<{ fieldVersions: Record<string, number> }>(field, 'GET', `/cases/${caseId}`);
    const base = detail.body.fieldVersions.givenNameLatin ?? 0;

    // The phone loses its signal; its correction is made from the version it holds.
    await fieldContext.setOffline(true);
    const madeAt = new Date().toISOString();
    const opId = randomUUID();

    // Meanwhile the supervisor corrects the same name online, through the correction form.
    await office.goto(`${baseUrl}/cases/${caseId}`);
    await office.getByTestId('correct-child').click();
    const form = office.getByTestId('correction-form-child');
    await expect.poll(() => form.locator('#correction-givenNameLatin').inputValue()).toBe('Sophea');
    await form.locator('#correction-givenNameLatin').fill('Sopheap');
    await form.getByRole('button', { name: 'Save the correction' }).click();
    await expect.poll(() => office.getByTestId('profile-name-latin').innerText()).toContain('Sopheap');

    // Back online, the phone syncs: the server keeps its correction as a conflict with both values.
    await fieldContext.setOffline(false);
    const result = await push(field, deviceId, {
      kind: 'correction',
      opId,
      madeAt,
      caseId,
      body: { id: opId, changes: { givenNameLatin: 'Sophia' }, baseVersions: { givenNameLatin: base } },
    });
    expect(result.status).toBe('conflict');
    const id = heldId(result);

    // A sync brings the conflict to the device too: the header's indicator counts it, on every screen.
    await field.getByTestId('sync-indicator').click();
    await field.waitForURL('**/sync');
    await field.getByTestId('sync-now').click();
    await expect.poll(() => field.getByTestId('sync-to-decide').innerText()).toMatch(/^\d+ to decide$/);
    const item = field.locator(`[data-testid="held-item"][data-id="${id}"]`);
    await expect
      .poll(() => item.getByTestId('held-what').innerText())
      .toBe('A correction of Given name (Latin letters)');
    expect(await item.getAttribute('data-kind')).toBe('conflict');
    expect(await item.getByTestId('held-case').innerText()).toMatch(/^Case \S+/);
    const conflicts = Number(
      await field.getByTestId('sync-count-conflicts').getByTestId('sync-count-number').innerText(),
    );
    expect(conflicts).toBeGreaterThanOrEqual(1);
    await screenshotsBothSizes(field, 'sync-page');

    await item.getByTestId('held-open').click();
    const screen = field.getByTestId('held-conflict');
    const conflict = screen.locator('[data-testid="conflict"][data-field="givenNameLatin"]');
    await expect.poll(() => conflict.getByTestId('yours-value').innerText()).toBe('Sophia');
    expect(await conflict.getByTestId('current-value').innerText()).toBe('Sopheap');
    // Who set the value there now, and when: the supervisor, a moment ago.
    const supervisor = await pageApi<{ displayName: string }>(office, 'GET', '/auth/me');
    expect(await conflict.getByTestId('current-who').innerText()).toMatch(
      new RegExp(`^changed by ${supervisor.body.displayName} on .+`),
    );
    await screenshotsBothSizes(field, 'sync-conflict');

    // A third choice: neither value, but one typed here, checked as the correction form checks it.
    await conflict.getByTestId('keep-other').check();
    const typed = conflict.getByTestId('other-value').locator('#correction-givenNameLatin');
    expect(await typed.inputValue()).toBe('Sophia');
    await typed.fill('S'.repeat(81));
    const eventsBefore = await pageApi<{ items: unknown[] }>(field, 'GET', `/cases/${caseId}/events`);
    await screen.getByTestId('held-resolve').click();
    await expect.poll(() => conflict.locator('.field__error').innerText()).toContain('At most 80 characters');
    expect(await screen.getByTestId('form-alert').innerText()).toContain('nothing was saved');
    const eventsAfter = await pageApi<{ items: unknown[] }>(field, 'GET', `/cases/${caseId}/events`);
    expect(eventsAfter.body.items.length).toBe(eventsBefore.body.items.length);
    await screenshotsBothSizes(field, 'sync-conflict-other', { part: screen });
    await typed.fill('Sophie');
    expect(await screen.getByTestId('form-alert').innerText()).toBe('');
    await screen.getByTestId('held-resolve').click();
    await expect.poll(() => field.getByTestId('held-outcome').getAttribute('data-status')).toBe('resolved');

    const after = await pageApi<{ givenNameLatin: string }>(field, 'GET', `/cases/${caseId}`);
    expect(after.body.givenNameLatin).toBe('Sophie');
    // The history keeps both: the supervisor's correction and the one chosen on the phone.
    const events = await pageApi<{ items: { type: string; payload: { changes: Record<string, { to: unknown }> } }[] }>(
      field,
      'GET',
      `/cases/${caseId}/events`,
    );
    const names = events.body.items
      .filter((event) => event.type === 'profile_correction')
      .map((event) => event.payload.changes.givenNameLatin?.to);
    expect(names).toEqual(expect.arrayContaining(['Sopheap', 'Sophie']));
  });

  it('shows a follow-up visit refused on arrival as needing attention, with the reason, and discards it with a reason', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const caseId = await newCase(office, 'Dara');
    await closeCase(office, caseId, true);

    // Recorded on the phone before it heard of the closure, pushed once it syncs.
    const opId = randomUUID();
    const result = await push(field, deviceId, {
      kind: 'event',
      opId,
      madeAt: new Date().toISOString(),
      caseId,
      body: {
        id: opId,
        type: 'follow_up_visit',
        occurredOn: today(),
        payload: { mode: 'home_visit', livingInGoodConditions: true, schoolOrWork: 'in_school' },
      },
    });
    expect(result.status).toBe('attention');
    expect(result.held?.reason).toBe('case_closed');
    const id = heldId(result);

    // The case page says so, and leads to the sync page.
    await openInApp(field, `/cases/${caseId}`);
    const banner = field.getByTestId('case-sync-banner');
    await expect.poll(() => banner.innerText()).toContain('1 change to this case needs attention');
    await screenshotsBothSizes(field, 'sync-case-banner', { part: field.locator('.case-page__header') });
    await banner.getByRole('link').click();
    await field.waitForURL('**/sync');

    const item = field.locator(`[data-testid="held-item"][data-id="${id}"]`);
    await expect.poll(() => item.getByTestId('held-what').innerText()).toMatch(/^Follow-up visit of \d+ \w+ \d{4}$/);
    expect(await item.getByTestId('held-reason').innerText()).toContain('The case was closed before this arrived');
    await setLanguage(field, 'km');
    await expect.poll(() => item.getByTestId('held-reason').innerText()).toContain('ករណីត្រូវបានបិទ');
    await setLanguage(field, 'en');

    await item.getByTestId('held-open').click();
    const attention = field.getByTestId('held-attention');
    await expect.poll(() => attention.isVisible()).toBe(true);
    await screenshotsBothSizes(field, 'sync-attention');

    await attention.getByTestId('held-discard').click();
    const discard = attention.getByTestId('held-discard-form');
    // A reason is required.
    await discard.getByTestId('held-confirm').click();
    await expect.poll(() => discard.locator('.field__error').innerText()).toContain('Say why');
    await discard.locator('#held-discard-reason').fill('Recorded twice: the visit is in the closure summary.');
    await discard.getByTestId('held-confirm').click();
    await expect.poll(() => field.getByTestId('held-outcome').getAttribute('data-status')).toBe('discarded');

    const held = await pageApi<{ items: HeldOperation[] }>(field, 'GET', `/sync/held?caseId=${caseId}`);
    expect(held.body.items.filter((item) => item.status === 'open')).toEqual([]);
    const events = await pageApi<{ items: { id: string }[] }>(field, 'GET', `/cases/${caseId}/events`);
    expect(events.body.items.map((event) => event.id)).not.toContain(opId);
  });

  it('re-applies a change refused on arrival once its case is reopened', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const caseId = await newCase(office, 'Vanna');
    await closeCase(office, caseId, false);

    const opId = randomUUID();
    const result = await push(field, deviceId, {
      kind: 'event',
      opId,
      madeAt: new Date().toISOString(),
      caseId,
      body: { id: opId, type: 'service', occurredOn: today(), payload: { kind: 'counselling', provider: 'in_house' } },
    });
    expect(result.status).toBe('attention');
    const id = heldId(result);

    // Re-applied while the case is still closed: refused again, and still held.
    await openInApp(field, `/sync/${id}`);
    const attention = field.getByTestId('held-attention');
    await attention.getByTestId('held-reapply').click();
    await attention.getByTestId('held-confirm').click();
    await expect.poll(() => attention.getByTestId('form-alert').innerText()).toContain('Still refused');

    await addEvent(office, caseId, 'reopening', { reason: 'The family asked for help again.' });
    await attention.getByTestId('held-reapply').click();
    await attention.getByTestId('held-reapply-confirm').getByTestId('held-confirm').click();
    await expect.poll(() => field.getByTestId('held-outcome').getAttribute('data-status')).toBe('reapplied');

    const events = await pageApi<{ items: { id: string; type: string }[] }>(field, 'GET', `/cases/${caseId}/events`);
    expect(events.body.items.map((event) => event.id)).toContain(opId);
  });
});
