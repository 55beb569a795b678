import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pageApi } from './support/api';
import { launchChromium } from './support/chromium';
import { followNavLink } from './support/navigation';
import { DEMO_PASSWORD, signInAs } from './support/sign-in';
import { caseIdsOnDevice, waitForSync } from './support/device-store';
import { LAPTOP, screenshotsBothSizes, today } from './support/screens';

/**
 * A group session recorded offline (issue 11 point 3, decision 0021). This file works on two cases it opens
 * itself, so no other browser test's cases change under it, nor its under them.
 */
const baseUrl = inject('demoBaseUrl');
const chromiumMissing = inject('chromiumMissing');

const WORKER = 'worker@tonle.demo';

describe('a group session recorded offline in a real browser', () => {
  let browser: Browser;
  let context: BrowserContext;
  let worker: Page;
  const tag = randomUUID().slice(0, 6);
  // Two children of this file's own: one found by her Khmer name, the other by his Latin one.
  const children = [
    { familyNameKm: 'ចាន់', givenNameKm: 'ស្រីពៅ', givenNameLatin: `Sophaatt${tag}`, sex: 'female', id: '' },
    { familyNameKm: 'កែវ', givenNameKm: 'វិចិត្រ', givenNameLatin: `Vannakatt${tag}`, sex: 'male', id: '' },
  ];

  beforeAll(async () => {
    if (chromiumMissing) return;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: LAPTOP });
    worker = await context.newPage();
    await signInAs(worker, baseUrl, WORKER);
    for (const child of children) {
      const created = await pageApi<{ id: string }>(worker, 'POST', '/cases', {
        familyNameKm: child.familyNameKm,
        givenNameKm: child.givenNameKm,
        familyNameLatin: 'Att',
        givenNameLatin: child.givenNameLatin,
        sex: child.sex,
        dateOfBirth: '2013-05-06',
        caseTypes: ['TL'],
        referral: { source: 'police', referredOn: '2026-09-01' },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      child.id = created.body.id;
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('records a session for two children offline, each timeline showing it waiting to sync', async (test) => {
    if (chromiumMissing) test.skip(chromiumMissing);
    await worker.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // The cases were opened after the sync at sign-in: the next sync (on the `online` event) brings them.
    await expect
      .poll(
        async () => {
          await worker.evaluate(() => window.dispatchEvent(new Event('online')));
          return caseIdsOnDevice(worker);
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toEqual(expect.arrayContaining(children.map((child) => child.id)));
    await waitForSync(worker);

    await followNavLink(worker.locator('nav.app-nav').getByRole('link', { name: 'Group session' }));
    await worker.waitForURL('**/sessions/new');
    await context.setOffline(true);
    await worker.reload();
    await worker.getByTestId('unlock-screen').waitFor({ timeout: 20_000 });
    await worker.locator('#unlock-password').fill(DEMO_PASSWORD);
    await worker.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => worker.getByTestId('offline-notice').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => worker.getByTestId('session-offline-hint').count()).toBe(1);

    await worker.locator('#session-topic').selectOption('hygiene');
    const filter = worker.locator('#session-filter');
    const [sophea, vannak] = children;
    await filter.fill(sophea!.givenNameKm);
    await worker.locator(`#session-case-${sophea!.id}`).check();
    await filter.fill(vannak!.givenNameLatin.toLowerCase());
    await expect.poll(() => worker.getByTestId('attendance-list').locator('li').count()).toBe(1);
    await worker.locator(`#session-case-${vannak!.id}`).check();
    await filter.fill(tag);
    await expect.poll(() => worker.getByTestId('session-count').innerText()).toContain('2 present');
    await screenshotsBothSizes(worker, 'offline-group-session');

    await worker.getByRole('button', { name: 'Record the session: 2 children' }).click();
    await worker.getByTestId('session-result').waitFor({ timeout: 20_000 });
    await expect.poll(() => worker.getByTestId('session-waiting').count()).toBe(1);
    await expect.poll(() => worker.getByTestId('sync-waiting').innerText()).toContain('2 waiting');
    await screenshotsBothSizes(worker, 'offline-group-session-recorded');

    for (const child of children) {
      await worker.locator('nav.app-nav').getByRole('link', { name: 'Cases', exact: true }).click();
      await worker.getByRole('searchbox').fill(child.givenNameLatin);
      await worker.locator(`[data-testid="case-row"] a[href="/cases/${child.id}"]`).first().click();
      await worker.waitForURL(`**/cases/${child.id}`);
      const waiting = worker.locator('[data-testid="timeline-item"][data-waiting="true"][data-type="group_session"]');
      await expect.poll(() => waiting.count(), { timeout: 20_000 }).toBe(1);
    }
    await screenshotsBothSizes(worker, 'offline-group-session-timeline');
  });

  it('syncs when the connection comes back, and the server shows one session on each child', async (test) => {
    if (chromiumMissing) test.skip(chromiumMissing);
    await context.setOffline(false);
    await worker.evaluate(() => window.dispatchEvent(new Event('online')));
    await waitForSync(worker);
    const sessions = [];
    for (const child of children) {
      const events = await pageApi<{ items: { type: string; occurredOn: string; payload: { activityId: string } }[] }>(
        worker,
        'GET',
        `/cases/${child.id}/events`,
      );
      const found = events.body.items.filter((event) => event.type === 'group_session');
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ occurredOn: today(), payload: { topic: 'hygiene' } });
      sessions.push(found[0]!.payload.activityId);
    }
    expect(new Set(sessions).size).toBe(1);
    // Synced, the timeline no longer says it waits.
    const waiting = worker.locator('[data-testid="timeline-item"][data-waiting="true"]');
    await expect.poll(() => waiting.count(), { timeout: 20_000 }).toBe(0);
  });
});
