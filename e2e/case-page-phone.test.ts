import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot } from './support/chromium';
import { signInAs } from './support/sign-in';

/** This file works on the demo installation and only reads, but for a task title it types and never saves. */
const baseUrl = inject('demoBaseUrl');
const chromiumMissing = inject('chromiumMissing');

const SUPERVISOR = 'supervisor@tonle.demo';
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 900 };
/**
 * The case page of the demo's longest case on a phone, history folded. It was 8,300 px when first measured,
 * 6,000 px once the history folded; with the side forms folded and details side by side it is under 4,000.
 */
const MOST_PAGE_HEIGHT = 4_600;

interface Focused {
  name: string;
  top: number;
  bottom: number;
  left: number;
}

/** What has the keyboard focus: its name and where it is on the page (not on the screen). */
const focused = (page: Page): Promise<Focused | null> =>
  page.evaluate(() => {
    const element = document.activeElement;
    if (!(element instanceof HTMLElement) || element === document.body) return null;
    const box = element.getBoundingClientRect();
    const label = 'labels' in element ? (element.labels as NodeListOf<HTMLLabelElement> | null)?.[0] : undefined;
    const name = element.getAttribute('aria-label') ?? label?.innerText ?? element.innerText;
    return {
      name: name.replace(/\s+/g, ' ').trim(),
      top: Math.round(box.top + window.scrollY),
      bottom: Math.round(box.bottom + window.scrollY),
      left: Math.round(box.left),
    };
  });

async function setLanguage(page: Page, language: 'en' | 'km'): Promise<void> {
  const menu = page.getByTestId('menu-button');
  if (await menu.isVisible()) await menu.click();
  await page.getByTestId(`language-${language}`).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) === 'true') await menu.click();
}

describe('the case page on a 390 px phone, in a real browser', () => {
  let browser: Browser;
  let page: Page;
  let caseUrl = '';

  beforeAll(async () => {
    if (chromiumMissing) return;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: PHONE });
    page.on('dialog', (dialog) => void dialog.accept());
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Opens the case page and waits until every part of it has arrived. */
  async function openCase(): Promise<void> {
    await page.goto(caseUrl);
    await page.getByTestId('now-panel').waitFor();
    await page.getByTestId('case-documents').waitFor();
    await page.getByTestId('case-history').waitFor();
    await page.waitForLoadState('networkidle');
  }

  it('finds the demo case with the longest history', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await signInAs(page, baseUrl, SUPERVISOR);
    const longest = await page.evaluate(async () => {
      const list = (await (await fetch('/api/v1/cases?limit=100')).json()) as { items: { id: string }[] };
      let best = { id: '', events: 0 };
      // A demo case as the demo made it: other browser tests add steps today, refer and transfer children.
      const today = new Date().toISOString().slice(0, 10);
      for (const { id } of list.items) {
        const detail = (await (await fetch(`/api/v1/cases/${id}`)).json()) as { reach: { kind: string } };
        const events = (await (await fetch(`/api/v1/cases/${id}/events`)).json()) as {
          items: { occurredOn: string }[];
        };
        const untouched = events.items.every((event) => event.occurredOn < today);
        if (detail.reach.kind === 'lead' && untouched && events.items.length > best.events) {
          best = { id, events: events.items.length };
        }
      }
      return best;
    });
    expect(longest.events).toBeGreaterThan(15);
    caseUrl = `${baseUrl}/cases/${longest.id}`;
  });

  it('is a few screens tall, with the steps on the first screen and a step’s form right there', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await openCase();
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(MOST_PAGE_HEIGHT);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    const steps = page.getByRole('button', { name: 'Show the steps' });
    expect((await steps.boundingBox())?.y).toBeLessThan(PHONE.height);
    await steps.click();
    await page.getByTestId('step-note').click();
    const form = page.locator('[data-testid="step-form"][data-step="note"]');
    await form.waitFor();
    // The form opens where the steps were, at the top of the page, not below the case's history.
    const formTop = await form.evaluate((element) => element.getBoundingClientRect().top + window.scrollY);
    expect(formTop).toBeLessThan(PHONE.height);
    await screenshot(page, 'case-phone-step-open-390-en');
  });

  it('moves the keyboard through the page in the order it is laid out', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await openCase();
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, 0);
    });
    const order: Focused[] = [];
    for (let press = 0; press < 80; press += 1) {
      await page.keyboard.press('Tab');
      const now = await focused(page);
      // Past the last control the focus leaves the page (or comes round to the first again).
      if (now === null || (order.length > 0 && now.top === order[0]?.top && now.left === order[0]?.left)) break;
      order.push(now);
    }
    expect(order.length).toBeGreaterThan(10);
    // Each control is below the one before, or beside it to the right on the same row.
    const outOfOrder = order.slice(1).flatMap((next, index) => {
      const before = order[index]!;
      const sameRow = next.top < before.bottom - 2;
      const ok = next.top >= before.top - 2 && (!sameRow || next.left >= before.left);
      return ok ? [] : [`${before.name} (${before.top}, ${before.left}) → ${next.name} (${next.top}, ${next.left})`];
    });
    expect(outOfOrder).toEqual([]);
    // The page's parts in the order a phone shows them: steps, now, the child, who works on it, files, history.
    const names = order.map((item) => item.name);
    const expected = [
      'Show the steps',
      'Give a task',
      'Correct the child’s details',
      'Check for duplicates',
      'Refer to a department',
      'Add a photo or document',
      'Show the access log',
      'Show the history',
    ];
    const positions = expected.map((label) => names.findIndex((name) => name.includes(label)));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('folds the side forms behind a button, and opens one by itself when a draft is put back into it', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await openCase();
    const giveTask = page.getByTestId('give-task');
    expect(await giveTask.isVisible()).toBe(false);
    const toggle = page.getByTestId('give-task-fold').getByRole('button', { name: 'Give a task' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    await expect.poll(() => giveTask.isVisible()).toBe(true);
    await giveTask.locator('#task-title').fill('Call the school about the uniform');
    await giveTask.locator('#task-title').blur();

    await openCase();
    await expect.poll(() => giveTask.isVisible()).toBe(true);
    await expect.poll(() => giveTask.locator('#task-title').inputValue()).toBe('Call the school about the uniform');
    // Forget it, so the page is seen as anyone opens it.
    await giveTask.getByTestId('draft-notice').getByRole('button').click();
    await page.getByTestId('now-panel').waitFor();
    await expect.poll(() => giveTask.isVisible()).toBe(false);

    // On a laptop nothing is folded.
    await page.setViewportSize(LAPTOP);
    await expect.poll(() => giveTask.isVisible()).toBe(true);
    expect(await page.locator('.phone-fold__toggle').count()).toBe(0);
    await page.setViewportSize(PHONE);
  });

  it('looks right in English and Khmer, on a phone and a laptop', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await openCase();
    for (const language of ['en', 'km'] as const) {
      await setLanguage(page, language);
      await page.setViewportSize(PHONE);
      await screenshot(page, `case-phone-390-${language}`);
      await page.setViewportSize(LAPTOP);
      await screenshot(page, `case-phone-1280-${language}`);
    }
    await setLanguage(page, 'en');
    await page.setViewportSize(PHONE);
  });
});
