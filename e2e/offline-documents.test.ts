import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pageApi } from './support/api';
import { launchChromium, screenshot } from './support/chromium';
import { signInAs } from './support/sign-in';

/** This file works on the demo installation, on a case it opens itself. */
const baseUrl = inject('demoBaseUrl');
const chromiumMissing = inject('chromiumMissing');

const WORKER = 'worker@tonle.demo';
const LAPTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const DEVICE_DB = 'homeward-device';

/** Every row of every table of the device database, each value as text (buffers decoded), as any script reads it. */
async function rawDevice(page: Page): Promise<{ text: string; files: number }> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const opening = indexedDB.open(name);
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(new Error(String(opening.error)));
    });
    const decoder = new TextDecoder('utf-8', { fatal: false });
    const text = (value: unknown): string => {
      if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return decoder.decode(value);
      if (typeof value === 'string') return value;
      if (Array.isArray(value)) return value.map(text).join(' ');
      if (value && typeof value === 'object') return Object.values(value).map(text).join(' ');
      return String(value);
    };
    const parts: string[] = [];
    let files = 0;
    for (const table of Array.from(db.objectStoreNames)) {
      const rows = await new Promise<unknown[]>((resolve) => {
        const all = db.transaction(table).objectStore(table).getAll();
        all.onsuccess = () => resolve(all.result as unknown[]);
      });
      if (table === 'files') files = rows.length;
      parts.push(...rows.map(text));
    }
    db.close();
    return { text: parts.join('\n'), files };
  }, DEVICE_DB);
}

async function caseIdsOnDevice(page: Page): Promise<string[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const opening = indexedDB.open(name);
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(new Error(String(opening.error)));
    });
    if (!db.objectStoreNames.contains('cases')) return [];
    const keys = await new Promise<IDBValidKey[]>((resolve) => {
      const all = db.transaction('cases').objectStore('cases').getAllKeys();
      all.onsuccess = () => resolve(all.result);
    });
    db.close();
    return keys.map(String);
  }, DEVICE_DB);
}

async function setLanguage(page: Page, language: 'en' | 'km'): Promise<void> {
  const button = page.getByTestId(`language-${language}`).first();
  if (!(await button.isVisible())) await page.getByTestId('menu-button').click();
  await button.click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
  const menu = page.getByTestId('menu-button');
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) === 'true') await menu.click();
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
    expect((await rawDevice(worker)).files).toBe(0);

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

    const raw = await rawDevice(worker);
    expect(raw.files).toBe(1);
    expect(raw.text).not.toContain(marker);
    expect(raw.text).not.toContain(title);
    expect(raw.text).not.toContain('letter.pdf');

    for (const [size, viewport] of [
      ['1280', LAPTOP],
      ['390', PHONE],
    ] as const) {
      await worker.setViewportSize(viewport);
      for (const language of ['en', 'km'] as const) {
        await setLanguage(worker, language);
        await documents.scrollIntoViewIfNeeded();
        await screenshot(worker, `offline-documents-waiting-${language}-${size}`);
        if (size === '390') {
          expect(await worker.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        }
      }
    }
    await worker.setViewportSize(LAPTOP);
    await setLanguage(worker, 'en');
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
    await expect.poll(async () => (await rawDevice(worker)).files, { timeout: 20_000 }).toBe(0);
    await worker.reload();
    const documents = worker.getByTestId('case-documents');
    await expect.poll(() => documents.getByRole('link', { name: title }).count(), { timeout: 20_000 }).toBe(1);
    expect(await documents.getByTestId('attachment-waiting').count()).toBe(0);
  });
});
