import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BUDGETS, WEB_DIST, formatSizes, measureFirstLoad } from '../scripts/bundle-size';
import { launchChromium, screenshot } from './support/chromium';
import { DEMO_PASSWORD } from './support/sign-in';

const baseUrl = inject('demoBaseUrl');
const chromiumMissing = inject('chromiumMissing');
const WORKER = 'worker@tonle.demo';

// A shelter's shared connection as measured: 1.6 Mbit/s down, 150 ms each way.
const SLOW_LINK = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 100_000 };

const VILLAGE_SEARCH = { en: 'Poipet', km: 'ប៉ោយប៉ែត' } as const;
const CHOSEN_PLACE = { en: 'Paoy Paet', km: 'ប៉ោយប៉ែត' } as const;

function builtFile(source: string): string {
  const manifest = JSON.parse(readFileSync(join(WEB_DIST, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    { file: string }
  >;
  const chunk = manifest[source];
  if (!chunk) throw new Error(`The build has no ${source}.`);
  return `/${chunk.file}`;
}

/** What the browser fetched: each URL with its encoding, its body's bytes and its bytes on the wire (headers too). */
async function recordTransfers(session: CDPSession) {
  const responses = new Map<string, { url: string; type: string; encoding: string; body: number }>();
  const transfers: { url: string; type: string; encoding: string; body: number; bytes: number }[] = [];
  session.on('Network.responseReceived', ({ requestId, type, response }) => {
    const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    responses.set(requestId, {
      url: response.url,
      type,
      encoding: String(headers['content-encoding'] ?? ''),
      body: Number(headers['content-length'] ?? 0),
    });
  });
  session.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const response = responses.get(requestId);
    if (response) transfers.push({ ...response, bytes: encodedDataLength });
  });
  await session.send('Network.enable');
  return transfers;
}

function get(url: string, acceptEncoding: string): Promise<{ headers: Record<string, unknown>; bytes: number }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => resolve({ headers: response.headers, bytes }));
    })
      .on('error', reject)
      .end();
  });
}

/**
 * The first load on a shelter's connection: what each screen downloads, how it is sent and cached, and the
 * village list arriving only with the first place picker, in both languages.
 */
describe('the first load on a slow connection, in a real browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    if (chromiumMissing) return;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('keeps the scripts of the sign-in screen and the case list within their budgets', (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const sizes = measureFirstLoad();
    console.log(formatSizes(sizes));
    expect(sizes.signIn.brotli).toBeLessThanOrEqual(BUDGETS.signIn);
    expect(sizes.caseList.brotli).toBeLessThanOrEqual(BUDGETS.caseList);
    // The village list is most of the app; it must be its own file, in neither screen's share.
    expect(sizes.gazetteer.raw).toBeGreaterThan(500_000);
    expect(sizes.caseList.raw + sizes.gazetteer.raw).toBeLessThanOrEqual(sizes.allScripts.raw);
  });

  it('sends a script brotli-compressed to `curl -H "accept-encoding: br"`, kept for a year', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const script = builtFile('index.html');
    const compressed = await get(`${baseUrl}${script}`, 'br');
    const plain = await get(`${baseUrl}${script}`, 'identity');
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(compressed.headers.vary).toMatch(/accept-encoding/i);
    expect(compressed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(compressed.bytes).toBeLessThan(plain.bytes / 3);
    expect((await get(`${baseUrl}/login`, 'br')).headers['cache-control']).toBe('no-cache');
    expect((await get(`${baseUrl}/sw.js`, 'br')).headers['cache-control']).toBe('no-cache');
  });

  it('the first load after install on an emulated slow link (1.6 Mbit/s, 150 ms) is under 3 s', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const browserContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page: Page = await browserContext.newPage();
    // Installed: the first visit, at full speed, leaves the service worker with every file of the app.
    await page.goto(`${baseUrl}/login`);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const index = builtFile('index.html');
    await expect
      .poll(() => page.evaluate((url) => caches.match(url, { ignoreSearch: true }).then(Boolean), index), {
        timeout: 60_000,
      })
      .toBe(true);

    const session = await browserContext.newCDPSession(page);
    const transfers = await recordTransfers(session);
    await session.send('Network.emulateNetworkConditions', SLOW_LINK);
    const started = Date.now();
    await page.reload();
    await page.locator('#login-email').waitFor();
    const elapsed = Date.now() - started;
    const fromNetwork = transfers.filter((transfer) => transfer.bytes > 0);
    console.log(
      `first load after install on 1.6 Mbit/s, 150 ms: ${(elapsed / 1000).toFixed(2)} s; ` +
        `${fromNetwork.length} responses over the network, ` +
        `${(fromNetwork.reduce((sum, transfer) => sum + transfer.bytes, 0) / 1024).toFixed(1)} KB`,
    );
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    expect(elapsed).toBeLessThan(3000);
    await browserContext.close();
  });

  for (const language of ['en', 'km'] as const) {
    it(`signs in on a 1.6 Mbit/s link and picks a village, the list loaded on first use (${language})`, async (context) => {
      if (chromiumMissing) context.skip(chromiumMissing);
      const gazetteer = builtFile('../core/src/gazetteer/gazetteer.data.json');
      const browserContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await browserContext.addInitScript((lang) => localStorage.setItem('homeward.lang', lang), language);
      const page: Page = await browserContext.newPage();
      const session = await browserContext.newCDPSession(page);
      const transfers = await recordTransfers(session);
      await session.send('Network.emulateNetworkConditions', SLOW_LINK);
      const fetchedGazetteer = () => transfers.some((transfer) => transfer.url.endsWith(gazetteer));
      const scripts = () => transfers.filter((transfer) => transfer.type === 'Script');
      const kilobytes = (field: 'body' | 'bytes') =>
        (scripts().reduce((sum, transfer) => sum + transfer[field], 0) / 1024).toFixed(1);

      const started = Date.now();
      await page.goto(`${baseUrl}/login`);
      await page.locator('#login-email').waitFor();
      const signInMs = Date.now() - started;
      console.log(
        `sign-in screen (${language}) on 1.6 Mbit/s, 150 ms: ${(signInMs / 1000).toFixed(1)} s; ` +
          `${scripts().length} scripts, ${kilobytes('body')} KB compressed (${kilobytes('bytes')} KB with headers)`,
      );
      expect(await page.locator('html').getAttribute('lang')).toBe(language);
      // The build leaves files under 1 KB as they are: compressing them gains less than the headers cost.
      for (const script of scripts()) {
        expect(['br', 'gzip'].includes(script.encoding) || script.body < 1024, script.url).toBe(true);
      }
      expect(fetchedGazetteer()).toBe(false);
      await screenshot(page, `first-load-sign-in-${language}`);

      await page.locator('#login-email').fill(WORKER);
      await page.locator('#login-password').fill(DEMO_PASSWORD);
      const signingIn = Date.now();
      await page.locator('form button[type="submit"]').click();
      await page.waitForURL('**/cases');
      await page.locator('table').first().waitFor();
      console.log(
        `case list (${language}) after signing in: ${((Date.now() - signingIn) / 1000).toFixed(1)} s, ` +
          `${scripts().length} scripts, ${kilobytes('body')} KB compressed in all`,
      );
      expect(fetchedGazetteer()).toBe(false);
      await screenshot(page, `first-load-case-list-${language}`);

      await page.goto(`${baseUrl}/cases/new`);
      const picker = page.locator('#case-villageCode');
      await picker.waitFor();
      expect(fetchedGazetteer()).toBe(true);
      await picker.fill(VILLAGE_SEARCH[language]);
      await expect.poll(() => page.locator('.location-picker__option').count()).toBeGreaterThan(0);
      await picker.press('ArrowDown');
      await picker.press('Enter');
      await page.locator('#case-villageCode-commune').selectOption({ index: 1 });
      await page.locator('#case-villageCode-village').selectOption({ index: 1 });
      await expect
        .poll(() => page.locator('.location-picker__selected-path').innerText())
        .toContain(CHOSEN_PLACE[language]);
      await screenshot(page, `first-load-place-picker-${language}`);

      // Kept by the service worker, so that intake works offline.
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await expect
        .poll(() => page.evaluate((url) => caches.match(url, { ignoreSearch: true }).then(Boolean), gazetteer), {
          timeout: 60_000,
        })
        .toBe(true);
      await browserContext.close();
    });
  }
});
