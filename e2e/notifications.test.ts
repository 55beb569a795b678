import type { CaseList } from '@homeward/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot } from './support/chromium';
import { DEMO_PASSWORD, signInAs } from './support/sign-in';
import { followNavLink } from './support/navigation';
import { apiCall } from './support/api';

/** Works on the demo installation, with a caseworker of its own so that other files' work does not reach it. */
const baseUrl = inject('demoBaseUrl');
const chromiumMissing = inject('chromiumMissing');

const ADMIN = 'admin@tonle.demo';
const SUPERVISOR = 'supervisor@tonle.demo';
const PASSWORD = 'river-lantern-orchard-42';

function call<T>(method: string, path: string, token: string, body?: unknown) {
  return apiCall<T>(baseUrl, token, method, path, body);
}

async function tokenOf(email: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

describe('what waits for me, in a real browser', () => {
  let browser: Browser;
  let page: Page;
  let email: string;
  let caseNumbers: string[];

  const count = () => page.getByTestId('nav-waiting-count');

  async function setLanguage(language: 'en' | 'km'): Promise<void> {
    await page.getByTestId(`language-${language}`).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
  }

  beforeAll(async () => {
    if (chromiumMissing) return;
    email = `waiting-${Math.random().toString(36).slice(2, 8)}@tonle.demo`;
    const created = await call<{ id: string }>('POST', '/users', await tokenOf(ADMIN), {
      email,
      displayName: 'Sophea Chan',
      roles: ['caseworker'],
      password: PASSWORD,
    });
    expect(created.status).toBe(201);
    // A supervisor gives the new caseworker two tasks, each a notice for them.
    const supervisor = await tokenOf(SUPERVISOR);
    const cases = await call<CaseList>('GET', '/cases?limit=2', supervisor);
    caseNumbers = cases.body.items.map((item) => item.caseNumber);
    expect(caseNumbers).toHaveLength(2);
    for (const [index, item] of cases.body.items.entries()) {
      const task = await call('POST', '/tasks', supervisor, {
        caseId: item.id,
        assignedTo: created.body.id,
        title: index === 0 ? 'Visit the family before Pchum Ben' : 'Call the school about enrolment',
        dueOn: '2026-12-20',
      });
      expect(task.status).toBe(201);
    }
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the count on the navigation, lists the notices, and marking one read lowers the count', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await signInAs(page, baseUrl, email, { password: PASSWORD });
    await expect.poll(() => count().innerText()).toBe('2');

    await followNavLink(page.getByTestId('nav-waiting'));
    await page.waitForURL('**/waiting');
    const notices = page.getByTestId('notification');
    await expect.poll(() => notices.count()).toBe(2);
    const texts = await notices.allInnerTexts();
    for (const number of caseNumbers)
      expect(texts.some((text) => text.includes(`New task about case ${number}`))).toBe(true);
    await expect.poll(() => page.getByTestId('waiting-task').count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'waiting-en-1280');

    await notices.first().getByTestId('mark-read').click();
    await expect.poll(() => count().innerText()).toBe('1');
    await expect.poll(() => page.getByTestId('mark-read').count()).toBe(1);

    await setLanguage('km');
    await expect.poll(() => page.locator('h1').innerText()).toBe('កំពុងរង់ចាំខ្ញុំ');
    await expect.poll(() => notices.first().innerText()).toContain('ភារកិច្ចថ្មីអំពីករណី');
    await screenshot(page, 'waiting-km-1280');

    // On a phone the menu folds; a dot on its button says something waits, and the bell is inside.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => page.getByTestId('menu-unread').count()).toBe(1);
    await screenshot(page, 'waiting-km-390');
    await page.getByTestId('menu-button').click();
    await expect.poll(() => count().isVisible()).toBe(true);
    await screenshot(page, 'waiting-km-390-menu');
    await setLanguage('en');
    await screenshot(page, 'waiting-en-390-menu');
    await page.getByTestId('menu-button').click();

    await page.getByTestId('read-all').click();
    await expect.poll(() => count().count()).toBe(0);
    await expect.poll(() => page.getByTestId('menu-unread').count()).toBe(0);
    await screenshot(page, 'waiting-en-390');
  });
});
