import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { rawDeviceRows, waitForSync } from './support/device-store';
import { LAPTOP, screenshotsBothSizes } from './support/screens';
import { DEMO_PASSWORD, signInAs } from './support/sign-in';

/**
 * The device store locks after the organisation's idle minutes (15 in the demo), online too (decision 0017). Online
 * with nothing waiting, the app goes on with the server and says the copy is locked; unlocking it syncs again. The
 * page's clock is Playwright's, moved on by hand: nothing here waits a quarter of an hour.
 */
const baseUrl = inject('demoBaseUrl');
const chromiumMissing = inject('chromiumMissing');

const WORKER = 'worker@tonle.demo';

async function lastSyncAt(page: Page): Promise<string | null> {
  const rows = await rawDeviceRows(page);
  return (rows?.device?.[0] as { lastSyncAt?: string | null } | undefined)?.lastSyncAt ?? null;
}

describe('a device store locked after idle minutes, online', () => {
  let browser: Browser;
  let context: BrowserContext;
  let worker: Page;

  beforeAll(async () => {
    if (chromiumMissing) return;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: LAPTOP });
    await context.clock.install();
    worker = await context.newPage();
    await signInAs(worker, baseUrl, WORKER);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('says the copy is locked, and unlocking it with the password syncs it again', async (test) => {
    if (chromiumMissing) test.skip(chromiumMissing);
    await expect.poll(() => lastSyncAt(worker), { timeout: 30_000 }).not.toBeNull();
    await waitForSync(worker);
    const notice = worker.getByTestId('device-locked-notice');
    expect(await notice.count()).toBe(0);

    await worker.clock.fastForward('16:00');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.innerText()).toContain('locked, so it is not kept up to date');
    // Online, the screens still work from the server: no password box over them.
    expect(await worker.getByTestId('unlock-screen').count()).toBe(0);
    await screenshotsBothSizes(worker, 'offline-locked-notice', { part: notice });

    const before = await lastSyncAt(worker);
    await notice.getByRole('button').click();
    await worker.locator('#unlock-password').fill(DEMO_PASSWORD);
    await worker.getByTestId('unlock-screen').getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => worker.getByTestId('unlock-screen').count(), { timeout: 20_000 }).toBe(0);
    expect(await notice.count()).toBe(0);
    await expect.poll(() => lastSyncAt(worker), { timeout: 20_000 }).not.toBe(before);
  });
});
