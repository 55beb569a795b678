import { TextWriter, Uint8ArrayReader, ZipReader, type FileEntry } from '@zip.js/zip.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot } from './support/chromium';
import { signInAs } from './support/sign-in';

/** This file works on the demo installation and deletes only a case it opens itself. */
const baseUrl = inject('demoBaseUrl');
const chromiumMissing = inject('chromiumMissing');

const ADMIN = 'admin@tonle.demo';
const WORKER = 'worker@tonle.demo';
const PASSPHRASE = 'river-mango-lantern-42';

/**
 * The records of a case, as an administrator and a caseworker see them: a print recorded and shown in the access
 * log, the whole file downloaded as an encrypted ZIP, a case deleted with a reason and found again in the audit log.
 */
describe('access log, export, deletion and the audit log, in a real browser', () => {
  let browser: Browser;
  let page: Page;
  let caseUrl = '';

  const signIn = (email: string) => signInAs(page, baseUrl, email);

  beforeAll(async () => {
    if (chromiumMissing) return;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('records a print of a MoSVY form and shows it in the case’s access log', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await signIn(ADMIN);
    await page.getByTestId('case-row').first().getByRole('link').first().click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    caseUrl = page.url();
    await page.goto(`${caseUrl}/forms/assessment`);
    // The print dialog itself is the browser's; only that Homeward recorded the print is tested.
    await page.evaluate(() => {
      window.print = () => undefined;
    });
    const recorded = page.waitForResponse((response) => response.url().endsWith('/prints'));
    await page.getByTestId('form-print').click();
    expect((await recorded).status()).toBe(204);

    await page.goto(caseUrl);
    const log = page.getByTestId('case-access-log');
    await log.getByRole('button', { name: 'Show the access log' }).click();
    await expect.poll(() => log.getByTestId('audit-table').innerText()).toContain('Printed a form (Assessment)');
    await screenshot(page, 'access-log-en');
  });

  it('downloads the whole file as a ZIP locked with the passphrase', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const exporter = page.getByTestId('case-file-export');
    await exporter.getByTestId('export-passphrase').fill(PASSPHRASE);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      exporter.getByTestId('export-download').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const reader = new ZipReader(new Uint8ArrayReader(new Uint8Array(Buffer.concat(chunks))), { password: PASSPHRASE });
    const entries = (await reader.getEntries()).filter((entry): entry is FileEntry => !entry.directory);
    expect(entries.every((entry) => entry.encrypted)).toBe(true);
    const summary = entries.find((entry) => entry.filename === 'summary.html');
    expect(await summary!.getData(new TextWriter())).toContain('Case file');
  });

  it('deletes a case only with a reason and its number, and finds the deletion in the audit log', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const created = await page.evaluate(async () => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const response = await fetch('/api/v1/cases', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({
          givenNameLatin: 'Entered Twice',
          sex: 'female',
          estimatedAge: 12,
          caseTypes: ['TL'],
          referral: { source: 'police', referredOn: '2026-11-01' },
        }),
      });
      return (await response.json()) as { id: string; caseNumber: string };
    });
    await page.goto(`${baseUrl}/cases/${created.id}`);
    const deletion = page.getByTestId('case-deletion');
    await deletion.getByRole('button', { name: 'Delete this case…' }).click();
    await deletion.getByTestId('deletion-reason').fill('Entered twice by mistake');
    const submit = deletion.getByTestId('deletion-submit');
    expect(await submit.isDisabled()).toBe(true);
    await deletion.getByTestId('deletion-confirm').fill(created.caseNumber);
    await submit.click();
    await page.waitForURL('**/cases');

    await page.goto(`${baseUrl}/audit`);
    await page.getByLabel('Case number').fill(created.caseNumber);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.getByTestId('audit-table').innerText()).toContain('Deleted the case');
    await page.getByTestId('language-km').click();
    await expect.poll(() => page.getByTestId('audit-table').innerText()).toContain('បានលុបករណី');
    await screenshot(page, 'audit-km');
    await page.getByTestId('language-en').click();
  });

  it('shows a caseworker neither the access log, the export nor the deletion', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await signIn(WORKER);
    await page.getByTestId('case-row').first().getByRole('link').first().click();
    await page.getByTestId('case-title').waitFor();
    for (const id of ['case-access-log', 'case-file-export', 'case-deletion']) {
      expect(await page.getByTestId(id).count(), id).toBe(0);
    }
    expect(await page.getByRole('link', { name: 'Audit log', includeHidden: true }).count()).toBe(0);
  });
});
