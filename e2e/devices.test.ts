import { randomUUID } from 'node:crypto';
import type { Device, PullResponse } from '@homeward/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot } from './support/chromium';
import { DEMO_PASSWORD, signInAs } from './support/sign-in';

/** This file registers a device of its own for the demo's caseworker, and revokes only that one. */
const baseUrl = inject('demoBaseUrl');
const chromiumMissing = inject('chromiumMissing');

const LAPTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const DEVICE_NAME = `Field phone ${Date.now().toString(36)}`;

async function api<T>(method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function tokenOf(email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

async function setLanguage(page: Page, language: 'en' | 'km'): Promise<void> {
  const menu = page.getByTestId('menu-button');
  if (await menu.isVisible()) await menu.click();
  await page.getByTestId(`language-${language}`).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) === 'true') await menu.click();
}

/** The screen at both sizes and in both languages, back to English on a laptop; no sideways scroll on a phone. */
async function screenshots(page: Page, name: string): Promise<void> {
  for (const language of ['en', 'km'] as const) {
    await setLanguage(page, language);
    await page.setViewportSize(LAPTOP);
    await screenshot(page, `${name}-1280-${language}`);
    await page.setViewportSize(PHONE);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, `${name}-390-${language}`);
  }
  await page.setViewportSize(LAPTOP);
  await setLanguage(page, 'en');
}

describe('an administrator revokes a device that keeps cases offline, in a real browser', () => {
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

  it('lists the caseworker’s device with the cases it synced, and revokes it after confirmation', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    const worker = await tokenOf('worker@tonle.demo');
    const deviceId = randomUUID();
    const registered = await api<Device>('POST', '/devices', worker, { id: deviceId, name: DEVICE_NAME });
    expect(registered.status).toBe(201);
    const pulled = await api<PullResponse>('POST', '/sync/pull', worker, { deviceId, known: [] });
    expect(pulled.status).toBe(200);
    const held = pulled.body.cases.map((item) => item.caseNumber);
    expect(held.length).toBeGreaterThan(0);

    await signInAs(admin, baseUrl, 'admin@tonle.demo');
    await admin.goto(`${baseUrl}/devices`);
    const row = admin.getByTestId('device-row').filter({ hasText: DEVICE_NAME });
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.textContent()).toContain(held[0]);
    await screenshots(admin, 'devices');

    admin.once('dialog', (dialog) => void dialog.accept());
    await row.getByTestId('device-revoke').click();
    await expect.poll(() => row.getByTestId('device-revoked').count()).toBe(1);
    await screenshot(admin, 'devices-revoked-1280-en');

    const refused = await api<{ code: string }>('POST', '/sync/pull', worker, { deviceId, known: [] });
    expect([refused.status, refused.body.code]).toEqual([403, 'device_revoked']);
  });
});
