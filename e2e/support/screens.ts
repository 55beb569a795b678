import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { SCREENSHOTS, screenshot } from './chromium';

export const LAPTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** Today in Phnom Penh, as the server dates what is recorded. */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Phnom_Penh' }).format(new Date());
}

/** Through the header's switch (opening the phone's menu when the switch is folded in it). */
export async function setLanguage(page: Page, language: 'en' | 'km'): Promise<void> {
  const button = page.getByTestId(`language-${language}`).first();
  if (!(await button.isVisible())) await page.getByTestId('menu-button').click();
  await button.click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
  const menu = page.getByTestId('menu-button');
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) === 'true') await menu.click();
}

interface ScreenshotOptions {
  /** How the language is changed (the unlock screen has no header switch). */
  switchLanguage?: (page: Page, language: 'en' | 'km') => Promise<void>;
  /** Only this part of the page, when the whole would hide what is looked at. */
  part?: Locator;
}

/**
 * The page (or one part of it) in English and Khmer at 1280 and 390 px, for a person to look at; back in English
 * at laptop width. Nothing may scroll sideways on a phone.
 */
export async function screenshotsBothSizes(
  page: Page,
  name: string,
  { switchLanguage = setLanguage, part }: ScreenshotOptions = {},
): Promise<void> {
  for (const [size, viewport] of [
    ['1280', LAPTOP],
    ['390', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    for (const language of ['en', 'km'] as const) {
      await switchLanguage(page, language);
      const path = `${name}-${language}-${size}`;
      if (part) {
        mkdirSync(SCREENSHOTS, { recursive: true });
        await part.screenshot({ path: resolve(SCREENSHOTS, `${path}.png`) });
      } else await screenshot(page, path);
      if (size === '390') {
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      }
    }
  }
  await page.setViewportSize(LAPTOP);
  await switchLanguage(page, 'en');
}
