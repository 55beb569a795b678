import { request } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot } from './support/chromium';
import { signInAs } from './support/sign-in';

/** This file works on the demo installation, on a user it adds itself (so no demo account is locked). */
const baseUrl = inject('demoBaseUrl');
const chromiumMissing = inject('chromiumMissing');

const ADMIN = 'admin@tonle.demo';
const LAPTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const PASSWORD = 'river-mango-lantern-42';
const NAME = 'Sam Lockwell';
const EMAIL = `lockwell.${Date.now()}@tonle.demo`;

/**
 * A sign-in sent from another loopback address (127.0.0.x): one address is throttled after a few failures,
 * before any account locks, so the guessing that locks an account comes from several addresses, as a spread
 * attack would. It also keeps 127.0.0.1, which the browsers of every test use, out of the throttle.
 */
function loginFrom(address: string, email: string, password: string): Promise<number> {
  const url = new URL('/api/v1/auth/login', baseUrl);
  const body = JSON.stringify({ email, password });
  return new Promise((done, fail) => {
    const sent = request(
      url,
      {
        method: 'POST',
        localAddress: address,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on('end', () => done(response.statusCode ?? 0));
      },
    );
    sent.on('error', fail);
    sent.end(body);
  });
}

async function setLanguage(page: Page, language: 'en' | 'km'): Promise<void> {
  const menu = page.getByTestId('menu-button');
  if (await menu.isVisible()) await menu.click();
  await page.getByTestId(`language-${language}`).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
  // Fold the phone's menu again, so the screen is seen as it is used.
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) === 'true') await menu.click();
}

/** The screen at both sizes and in both languages, back to English on a laptop. */
async function screenshots(page: Page, name: string): Promise<void> {
  for (const language of ['en', 'km'] as const) {
    await setLanguage(page, language);
    await page.setViewportSize(LAPTOP);
    await screenshot(page, `${name}-1280-${language}`);
    await page.setViewportSize(PHONE);
    await screenshot(page, `${name}-390-${language}`);
  }
  await page.setViewportSize(LAPTOP);
  await setLanguage(page, 'en');
}

describe('an administrator unlocks a user locked by wrong passwords, in a real browser', () => {
  let browser: Browser;
  let admin: Page;

  beforeAll(async () => {
    if (chromiumMissing) return;
    browser = await launchChromium();
    admin = await browser.newPage({ viewport: LAPTOP });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('locks a new user with wrong passwords sent to the API', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await signInAs(admin, baseUrl, ADMIN, { landing: /\/(cases|dashboard)/ });
    const created = await admin.evaluate(
      async (user) => {
        const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
        const response = await fetch('/api/v1/users', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify({ ...user, roles: ['caseworker'] }),
        });
        return response.status;
      },
      { email: EMAIL, displayName: NAME, password: PASSWORD },
    );
    expect(created).toBe(201);

    // Five wrong passwords, each from its own address: the fifth locks the account (423).
    const answers: number[] = [];
    for (let n = 0; n < 5; n += 1) answers.push(await loginFrom(`127.0.0.${21 + n}`, EMAIL, 'not the password'));
    expect(answers).toEqual([401, 401, 401, 401, 423]);
    // Locked: even the right password is refused.
    expect(await loginFrom('127.0.0.31', EMAIL, PASSWORD)).toBe(423);
  });

  it('shows the user as locked on the users screen, and unlocks from the user’s page', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await admin.goto(`${baseUrl}/users`);
    const row = admin.getByTestId('user-row').filter({ hasText: EMAIL });
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.getByTestId('user-locked-badge').innerText()).toBe('Locked');
    // Only this user is marked: the demo accounts beside it are not locked.
    expect(await admin.getByTestId('user-locked-badge').count()).toBe(1);
    await row.locator('th').scrollIntoViewIfNeeded();
    await screenshots(admin, 'unlock-users-list');
    await setLanguage(admin, 'km');
    await expect.poll(() => row.getByTestId('user-locked-badge').innerText()).toBe('បានចាក់សោ');
    await setLanguage(admin, 'en');

    await row.getByRole('link', { name: NAME }).click();
    await admin.waitForURL(/\/users\/[0-9a-f-]{36}$/);
    const locked = admin.getByTestId('user-locked');
    await expect.poll(() => locked.isVisible()).toBe(true);
    await screenshots(admin, 'unlock-user-page');
    await locked.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => admin.getByTestId('user-action-done').innerText()).toBe('The account is unlocked.');
    await expect.poll(() => locked.count()).toBe(0);

    await admin.goto(`${baseUrl}/users`);
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getByTestId('user-locked-badge').count()).toBe(0);
  });

  it('lets the unlocked user sign in with the right password', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const own = await browser.newPage({ viewport: LAPTOP });
    try {
      await signInAs(own, baseUrl, EMAIL, { password: PASSWORD });
      await expect.poll(() => own.locator('.app-header').innerText()).toContain(NAME);
    } finally {
      await own.close();
    }
  });
});
