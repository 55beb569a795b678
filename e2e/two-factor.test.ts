import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot } from './support/chromium';
import { followNavLink } from './support/navigation';

const baseUrl = inject('demoBaseUrl');
const chromiumMissing = inject('chromiumMissing');

const ADMIN = { email: 'admin@tonle.demo', password: 'homeward-demo' };
const NEW_USER = {
  name: 'Keo Sophea',
  email: `sophea-${Date.now().toString(36)}@tonle.demo`,
  password: 'mekong-lotus-lantern',
};

/** The code the phone would show, for the step after the current one: enrolment spends the current one. */
function nextCode(secret: string): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: Date.now() + 30_000,
  });
}

function codeNow(secret: string): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate();
}

/**
 * Two-step sign-in end to end: an administrator adds a colleague, who enrols an authenticator app from her
 * account page (the test reads the key from the page as a person would type it), signs out, and signs in
 * again with a code. The steps share one browser page and run in order.
 */
describe('two-step sign-in, in a real browser', () => {
  let browser: Browser;
  let page: Page;
  let secret = '';

  beforeAll(async () => {
    if (chromiumMissing) return;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function passwordStep(email: string, password: string): Promise<void> {
    await page.goto(`${baseUrl}/login`);
    await page.locator('#login-email').fill(email);
    await page.locator('#login-password').fill(password);
    await page.locator('form button[type="submit"]').click();
  }

  async function signOut(): Promise<void> {
    await page.locator('.app-header__end button.button--quiet').click();
    await page.waitForURL('**/login');
  }

  it('lets an administrator add a user from the Users page', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await passwordStep(ADMIN.email, ADMIN.password);
    await page.waitForURL('**/cases');
    await followNavLink(page.locator('nav.app-nav').getByRole('link', { name: 'Users', includeHidden: true }));
    await page.waitForURL('**/users');
    await expect.poll(() => page.getByTestId('user-row').count()).toBeGreaterThan(3);
    await screenshot(page, 'users-en');
    await page.getByTestId('user-add').click();
    await page.waitForURL('**/users/new');
    await page.getByLabel('Name').fill(NEW_USER.name);
    await page.getByLabel('Email').fill(NEW_USER.email);
    await page.getByLabel('First password').fill('password1234');
    await page.getByRole('button', { name: 'Create the user' }).click();
    await expect
      .poll(() => page.locator('[data-field="password"] .field__error').innerText())
      .toMatch(/well-known passwords/);
    await page.getByLabel('First password').fill(NEW_USER.password);
    await page.getByRole('button', { name: 'Create the user' }).click();
    await page.waitForURL(/\/users\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('h1').innerText()).toBe(NEW_USER.name);
    await screenshot(page, 'user-en');
    await signOut();
  });

  it('lets the new user enrol an authenticator app from her account page', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await passwordStep(NEW_USER.email, NEW_USER.password);
    await page.waitForURL('**/cases');
    await page.getByTestId('current-user').click();
    await page.waitForURL('**/account');
    await page.locator('#enrol-password').fill(NEW_USER.password);
    await page.getByRole('button', { name: 'Begin' }).click();
    const key = page.getByTestId('totp-secret');
    await expect.poll(() => key.count()).toBe(1);
    await expect.poll(() => page.getByRole('img', { name: /QR code/ }).count()).toBe(1);
    await screenshot(page, 'two-factor-enrol-en');
    secret = (await key.innerText()).replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.getByLabel('Code from the app').fill(codeNow(secret));
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await expect.poll(() => page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    await screenshot(page, 'two-factor-recovery-codes-en');
    await page.getByRole('button', { name: 'I have saved my recovery codes' }).click();
    await page.waitForURL('**/cases');
    await signOut();
  });

  it('signs her in again with the password and then a code; a wrong code is refused', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await passwordStep(NEW_USER.email, NEW_USER.password);
    const codeField = page.getByLabel('Code', { exact: true });
    await expect.poll(() => codeField.count()).toBe(1);
    expect(page.url()).toMatch(/\/login$/);
    await screenshot(page, 'two-factor-code-step-en');
    const right = nextCode(secret);
    await codeField.fill(right === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('#login-code-error').innerText()).toMatch(/not right/);
    await codeField.fill(right);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/cases');
    await expect.poll(() => page.getByTestId('current-user').innerText()).toContain(NEW_USER.name);
    await page.getByTestId('current-user').click();
    await expect.poll(() => page.getByTestId('two-factor-on').count()).toBe(1);
  });

  it('makes her new recovery codes after her password', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const form = page.getByTestId('recovery-renew');
    await form.locator('#recovery-password').fill('not-my-password');
    await form.getByRole('button', { name: 'Make new recovery codes' }).click();
    await expect.poll(() => page.locator('#recovery-password-error').innerText()).toMatch(/not right/);
    await form.locator('#recovery-password').fill(NEW_USER.password);
    await form.getByRole('button', { name: 'Make new recovery codes' }).click();
    await expect.poll(() => page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    await screenshot(page, 'recovery-codes-renewed-en');
    await page.getByTestId('language-km').click();
    await expect.poll(() => page.getByTestId('recovery-codes').locator('h3').innerText()).toBe('លេខកូដសង្គ្រោះរបស់អ្នក');
    await screenshot(page, 'recovery-codes-renewed-km');
    await page.getByTestId('language-en').click();
  });

  it('lets her change her own password on her account page, the current one first', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const form = page.getByTestId('password-change');
    const changed = 'lantern-river-mekong-dawn';
    await form.locator('#current-password').fill('not-my-password');
    await form.locator('#new-password').fill(changed);
    await form.getByRole('button', { name: 'Change the password' }).click();
    await expect.poll(() => page.locator('#current-password-error').innerText()).toMatch(/not right/);
    await form.locator('#current-password').fill(NEW_USER.password);
    await form.getByRole('button', { name: 'Change the password' }).click();
    await expect.poll(() => page.getByTestId('password-changed').count()).toBe(1);
    await screenshot(page, 'account-password-en');
    NEW_USER.password = changed;
  });

  it('shows the users page, the enrolment and the code step in Khmer', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await page.getByTestId('language-km').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('km');
    await signOut();
    await passwordStep(NEW_USER.email, NEW_USER.password);
    await expect.poll(() => page.locator('#login-code').count()).toBe(1);
    await expect.poll(() => page.locator('#second-factor-title').innerText()).toContain('លេខកូដ');
    await screenshot(page, 'two-factor-code-step-km');

    await passwordStep(ADMIN.email, ADMIN.password);
    await page.waitForURL('**/cases');
    await page.goto(`${baseUrl}/users`);
    await expect.poll(() => page.locator('h1').innerText()).toBe('អ្នកប្រើប្រាស់');
    await expect.poll(() => page.getByTestId('user-row').count()).toBeGreaterThan(3);
    await screenshot(page, 'users-km');
    await page.getByTestId('current-user').click();
    await page.waitForURL('**/account');
    await page.locator('#enrol-password').fill(ADMIN.password);
    await page.locator('form:has(#enrol-password) button[type="submit"]').click();
    await expect.poll(() => page.getByTestId('totp-secret').count()).toBe(1);
    await screenshot(page, 'two-factor-enrol-km');
  });
});
