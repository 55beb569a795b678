import type { Page } from 'playwright-core';

/** Every demo user's password (`homeward demo`). */
export const DEMO_PASSWORD = 'homeward-demo';

interface SignInOptions {
  password?: string;
  /** Where the user lands: the case list unless said otherwise (officers land on their dashboard). */
  landing?: string | RegExp;
  /** Forget the previous user's session first. */
  clearCookies?: boolean;
}

/** Signs in on the login screen, as a person does, and waits for the page the user lands on. */
export async function signInAs(page: Page, baseUrl: string, email: string, options: SignInOptions = {}): Promise<void> {
  if (options.clearCookies) await page.context().clearCookies();
  await page.goto(`${baseUrl}/login`);
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(options.password ?? DEMO_PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL(options.landing ?? '**/cases');
}
