import { translations, type ReportResult } from '@homeward/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot } from './support/chromium';

/**
 * Reports on the demo installation: the quarterly report on screen against its API answer, the cases behind a
 * number, the spreadsheet, a pivot table saved and listed, and the report in Khmer. Other files add cases to the
 * same installation today, so the period ends before today and no count is assumed, only compared.
 */
const baseUrl = inject('demoBaseUrl');
const chromiumMissing = inject('chromiumMissing');

const PASSWORD = 'homeward-demo';
const SUPERVISOR = 'supervisor@tonle.demo';
const REPORT_TABLE = 'referrals-by-case-type';

/** Three years up to the end of the last full quarter: the demo's referrals, none of today's test cases. */
function period(): { from: string; to: string } {
  const today = new Date();
  const year = today.getUTCFullYear();
  const quarterStart = Math.floor(today.getUTCMonth() / 3) * 3;
  const end = new Date(Date.UTC(year, quarterStart, 0));
  return { from: `${year - 3}-01-01`, to: end.toISOString().slice(0, 10) };
}

/** A date as the date fields take it, day first: `2026-03-31` → `31/03/2026`. */
const dayFirst = (isoDate: string) => isoDate.split('-').reverse().join('/');

describe('reports, in a real browser', () => {
  let browser: Browser;
  let page: Page;
  let reportUrl = '';
  const { from, to } = period();
  const table = () => page.locator(`[data-testid="report-table"][data-table="${REPORT_TABLE}"]`);
  const numberIn = async (cell: ReturnType<Page['locator']>) =>
    Number((await cell.locator('.report-count').innerText()).trim());

  beforeAll(async () => {
    if (chromiumMissing) return;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function apiReport(search: string): Promise<ReportResult> {
    return page.evaluate(async (query) => {
      const response = await fetch(`/api/v1/reports/shelter-quarterly?${query}`);
      return (await response.json()) as ReportResult;
    }, search);
  }

  it('runs the quarterly report for a period, and its totals are those the API counts', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await page.goto(`${baseUrl}/login`);
    await page.evaluate(() => localStorage.setItem('homeward.lang', 'en'));
    await page.locator('#login-email').fill(SUPERVISOR);
    await page.locator('#login-password').fill(PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.waitForURL('**/cases');

    await page.getByRole('link', { name: 'Reports', exact: true }).click();
    await page.waitForURL('**/reports');
    await page.locator('#report-from').fill(dayFirst(from));
    await page.locator('#report-to').fill(dayFirst(to));
    await page.locator('#report-planned').fill('12');
    await screenshot(page, 'reports-list-en');
    await page.locator('[data-report="shelter-quarterly"] a').click();
    await page.waitForURL('**/reports/shelter-quarterly?*');
    await table().waitFor();
    reportUrl = page.url();
    const search = new URL(reportUrl).searchParams;
    expect(search.get('from')).toBe(from);
    expect(search.get('to')).toBe(to);
    expect(search.get('planned')).toBe('12');

    const api = await apiReport(search.toString());
    const referrals = api.tables.find((candidate) => candidate.id === REPORT_TABLE);
    expect(referrals?.grandTotal).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('report-title').innerText()).toBe('Shelter quarterly report');
    expect(await numberIn(table().getByTestId('grand-total'))).toBe(referrals?.grandTotal);

    // A child referred once sits in one month: a case type's total is the sum of its months.
    const busiest = referrals?.rows.findIndex((_, r) => (referrals.rowTotals[r] ?? 0) > 0) ?? -1;
    const row = referrals?.rows[busiest];
    const cells = referrals?.cells[busiest] ?? [];
    expect(row).toBeDefined();
    const onScreen = await numberIn(table().locator(`tr[data-row="${row?.key}"] td[data-column="total"]`));
    expect(onScreen).toBe(cells.reduce<number>((sum, count) => sum + (count ?? 0), 0));
    expect(onScreen).toBeGreaterThan(0);
    // The planned number is shown beside it, and compared.
    await expect
      .poll(() => table().locator(`tr[data-row="${row?.key}"] [data-testid="target-achieved"]`).innerText())
      .toBe(`${Math.round((onScreen / 12) * 100)} %`);
    await screenshot(page, 'reports-quarterly-en');
  });

  it('opens the cases behind a number, and one of them', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const total = await numberIn(table().getByTestId('grand-total'));
    await table().getByTestId('grand-total').getByRole('link').click();
    await page.waitForURL('**/reports/shelter-quarterly/cases?*');
    const rows = page.getByTestId('drilldown-row');
    await expect.poll(() => rows.count()).toBe(total);
    await expect
      .poll(() => page.getByTestId('drilldown-chosen').innerText())
      .toContain('Children referred, by case type and month');
    await screenshot(page, 'reports-drilldown-en');
    const caseNumber = (await rows.first().locator('th a').innerText()).trim();
    await rows.first().locator('th a').click();
    await expect.poll(() => page.url()).toMatch(/\/cases\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('case-number').innerText()).toContain(caseNumber);
  });

  it('downloads the report as a spreadsheet through its link', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await page.goto(reportUrl);
    const link = page.getByTestId('download-xlsx');
    const href = await link.getAttribute('href');
    expect(href).toContain('format=xlsx');
    const head = await page.evaluate(async (url) => {
      const response = await fetch(url);
      const bytes = new Uint8Array(await response.arrayBuffer());
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        magic: String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0),
      };
    }, href ?? '');
    expect(head.status).toBe(200);
    expect(head.type).toContain('spreadsheetml');
    expect(head.magic).toBe('PK');
  });

  it('says on screen that the quarter has not ended, and sets the clients in the shelter beside the children referred by age', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const today = new Date();
    const start = Math.floor(today.getUTCMonth() / 3) * 3;
    const current = {
      from: new Date(Date.UTC(today.getUTCFullYear(), start, 1)).toISOString().slice(0, 10),
      to: new Date(Date.UTC(today.getUTCFullYear(), start + 3, 0)).toISOString().slice(0, 10),
    };
    await page.goto(`${baseUrl}/reports/shelter-quarterly?${new URLSearchParams({ ...current, lang: 'en' })}`);
    const ages = page.locator('[data-testid="report-table"][data-table="referrals-by-age-and-sex"]');
    await ages.waitFor();
    await expect.poll(() => page.getByTestId('report-notice').innerText()).toContain('This period has not ended yet');
    const api = await apiReport(new URLSearchParams({ ...current, lang: 'en' }).toString());
    const expected = api.tables.find((candidate) => candidate.id === 'referrals-by-age-and-sex');
    const inShelter = expected?.besides.find((beside) => beside.key === 'in-shelter');
    expect(await ages.locator('thead th').nth(1).innerText()).toBe('Clients in the shelter');
    expect(await numberIn(ages.locator('tr[data-row="total"] td[data-column="in-shelter"]'))).toBe(inShelter?.total);
    await screenshot(page, 'reports-quarterly-current-en');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'reports-quarterly-current-phone-en');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('builds a pivot table of children by sex and case type, saves it and finds it among the reports', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const name = `Children by sex and case type ${Date.now()}`;
    await page.goto(`${baseUrl}/reports`);
    await page.getByTestId('new-pivot').click();
    await page.waitForURL('**/reports/new');
    await page.locator('#pivot-source').selectOption('referral');
    await page.locator('#pivot-measure').selectOption('children');
    await page.locator('#pivot-rows-0').selectOption('sex');
    await page.locator('#pivot-columns-0').selectOption('case_type');
    await page.locator('#pivot-from').fill(dayFirst(from));
    await page.locator('#pivot-to').fill(dayFirst(to));
    await page.getByTestId('pivot-run').click();
    const result = page.getByTestId('pivot-result');
    await result.waitFor();
    const headings = await result.locator('tbody th').allInnerTexts();
    expect(headings).toEqual(['Female', 'Male', 'Other']);
    // Every referral has a sex, so the pivot counts as many children as the quarterly report's referrals.
    const api = await apiReport(new URLSearchParams({ from, to, lang: 'en' }).toString());
    const referrals = api.tables.find((candidate) => candidate.id === 'referral-sources');
    expect(await numberIn(result.getByTestId('grand-total'))).toBe(referrals?.grandTotal);
    await screenshot(page, 'reports-pivot-en');
    // Not saved yet, its numbers list their cases on the same page.
    await result.getByTestId('grand-total').getByRole('button').click();
    const drilled = page.getByTestId('pivot-drilldown').getByTestId('drilldown-row');
    await expect.poll(() => drilled.count()).toBe(referrals?.grandTotal);

    await page.locator('#pivot-name').fill(name);
    await page.getByTestId('pivot-save-button').click();
    await expect.poll(() => page.url()).toMatch(/\/reports\/[0-9a-f-]{36}\?/);
    await expect.poll(() => page.getByTestId('report-title').innerText()).toBe(name);
    // Saved, its numbers lead to their cases.
    await expect.poll(() => page.getByTestId('report-count').count()).toBeGreaterThan(0);

    await page.getByRole('link', { name: 'Reports', exact: true }).first().click();
    const saved = page.getByTestId('saved-report').filter({ hasText: name });
    await expect.poll(() => saved.count()).toBe(1);
    await saved.getByTestId('delete-report').click();
    await saved.getByTestId('confirm-delete-report').click();
    await expect.poll(() => saved.count()).toBe(0);
  });

  it('shows the report headings in Khmer when the screen is in Khmer', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await page.goto(`${baseUrl}/reports`);
    await page.getByTestId('language-km').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('km');
    await page.locator('#report-from').fill(dayFirst(from));
    await page.locator('#report-to').fill(dayFirst(to));
    await page.locator('[data-report="shelter-quarterly"] a').click();
    await page.waitForURL('**/reports/shelter-quarterly?*');
    await expect
      .poll(() => page.getByTestId('report-title').innerText())
      .toBe(translations.km.reports.report['shelter-quarterly'].title);
    await expect.poll(() => table().locator('h2').innerText()).toBe(translations.km.reports.table.referralsByCaseType);
    await screenshot(page, 'reports-quarterly-km');

    await page.goto(`${baseUrl}/reports/new`);
    await page.locator('#pivot-rows-0').selectOption('sex');
    await page.locator('#pivot-columns-0').selectOption('case_type');
    await page.locator('#pivot-from').fill(dayFirst(from));
    await page.locator('#pivot-to').fill(dayFirst(to));
    await page.getByTestId('pivot-run').click();
    await page.getByTestId('pivot-result').locator('tbody').getByTestId('report-count').first().click();
    await expect
      .poll(() => page.getByTestId('pivot-drilldown').locator('h2').innerText())
      .toBe(translations.km.reports.screen.drilldown.title);
    await expect
      .poll(() => page.getByTestId('pivot-drilldown').getByTestId('drilldown-row').count())
      .toBeGreaterThan(0);
    await screenshot(page, 'reports-pivot-km');
    await page.getByTestId('language-en').click();
  });
});
