import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pageApi } from './support/api';
import { launchChromium } from './support/chromium';
import { signInAs } from './support/sign-in';
import { caseIdsOnDevice, rawDeviceRows, rawDeviceText } from './support/device-store';
import { LAPTOP, screenshotsBothSizes, setLanguage } from './support/screens';

/** This file works on the demo installation, on a case it opens itself. */
const baseUrl = inject('demoBaseUrl');
const chromiumMissing = inject('chromiumMissing');

const WORKER = 'worker@tonle.demo';

/** The sealed files waiting on the device (the store's `files` table). */
async function filesOnDevice(page: Page): Promise<number> {
  return (await rawDeviceRows(page))?.files?.length ?? 0;
}

describe('photos and documents added offline, in a real browser', () => {
  let browser: Browser;
  let context: BrowserContext;
  let worker: Page;
  let caseId = '';
  const childName = `Offdoc${randomUUID().slice(0, 6)}`;
  const title = `School letter ${randomUUID().slice(0, 6)}`;
  const marker = `SCAN-CONTENT-${randomUUID()}`;
  const scan = Buffer.from(`%PDF-1.4\n1 0 obj <<>> endobj\n% ${marker}\ntrailer <<>>\n%%EOF\n`);

  beforeAll(async () => {
    if (chromiumMissing) return;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: LAPTOP });
    worker = await context.newPage();
    await signInAs(worker, baseUrl, WORKER);
    const created = await pageApi<{ id: string }>(worker, 'POST', '/cases', {
      familyNameKm: 'ពៅ',
      givenNameKm: 'សុភា',
      familyNameLatin: 'Pov',
      givenNameLatin: childName,
      sex: 'female',
      dateOfBirth: '2013-05-06',
      caseTypes: ['TL'],
      referral: { source: 'police', referredOn: '2026-09-01' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    caseId = created.body.id;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('adds a document offline, sealed on the device and shown waiting to sync; a photo without consent is refused', async (test) => {
    if (chromiumMissing) test.skip(chromiumMissing);
    await expect
      .poll(
        async () => {
          await worker.evaluate(() => window.dispatchEvent(new Event('online')));
          return caseIdsOnDevice(worker);
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toContain(caseId);
    // In the app, not by loading the page again: a reload locks the device store (its key lived in the page).
    await worker.evaluate((path) => {
      history.pushState({}, '', path);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, `/cases/${caseId}`);
    await worker.getByTestId('case-documents').waitFor({ timeout: 20_000 });
    // Both languages' words loaded while the server answers: the screenshots below switch language offline.
    await worker.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await setLanguage(worker, 'km');
    await expect.poll(() => worker.getByTestId('case-documents').innerText()).toContain('រូបថត');
    await setLanguage(worker, 'en');
    await context.setOffline(true);

    const upload = worker.getByTestId('upload-form');
    await upload.locator('#upload-kind-photo').check();
    await upload.locator('#upload-title').fill('At the shelter');
    await upload.locator('#upload-file').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: scan });
    await upload.locator('button[type="submit"]').click();
    await expect.poll(() => upload.innerText(), { timeout: 20_000 }).toContain('record it first, in the Consent step');
    expect(await filesOnDevice(worker)).toBe(0);

    await upload.locator('#upload-kind-document').check();
    await upload.locator('#upload-title').fill(title);
    await upload
      .locator('#upload-file')
      .setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: scan });
    await upload.locator('button[type="submit"]').click();
    await expect
      .poll(() => upload.getByTestId('upload-status').innerText(), { timeout: 20_000 })
      .toContain('Kept on this device');
    const documents = worker.getByTestId('case-documents');
    await expect.poll(() => documents.getByTestId('attachment-waiting').count()).toBe(1);
    await expect.poll(() => documents.innerText()).toContain(title);
    const entry = worker.locator('[data-testid="timeline-item"][data-waiting="true"][data-type="document"]');
    await expect.poll(() => entry.count()).toBe(1);

    expect(await filesOnDevice(worker)).toBe(1);
    const raw = await rawDeviceText(worker);
    expect(raw).not.toContain(marker);
    expect(raw).not.toContain(title);
    expect(raw).not.toContain('letter.pdf');

    await screenshotsBothSizes(worker, 'offline-documents-waiting', {
      switchLanguage: async (page, language) => {
        await setLanguage(page, language);
        await documents.scrollIntoViewIfNeeded();
      },
    });
  });

  it('sends it when the connection comes back: the server lists it, and the device lets go of the bytes', async (test) => {
    if (chromiumMissing) test.skip(chromiumMissing);
    await context.setOffline(false);
    await worker.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect
      .poll(
        async () => {
          const listed = await pageApi<{ items: { title: string; mediaType: string }[] }>(
            worker,
            'GET',
            `/cases/${caseId}/attachments`,
          );
          return listed.body.items.map((item) => [item.title, item.mediaType]);
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toEqual([[title, 'application/pdf']]);
    await expect.poll(() => filesOnDevice(worker), { timeout: 20_000 }).toBe(0);
    await worker.reload();
    const documents = worker.getByTestId('case-documents');
    await expect.poll(() => documents.getByRole('link', { name: title }).count(), { timeout: 20_000 }).toBe(1);
    expect(await documents.getByTestId('attachment-waiting').count()).toBe(0);
  });
});
