/**
 * Takes the README's screenshots: the setup screen, then the demo data's case list, a case page and the new
 * case form, in English and Khmer, on a laptop and a phone.   npx tsx scripts/screenshots.ts
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromium } from '../e2e/support/chromium';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(ROOT, 'docs/screenshots');
const PORT = 3987;
const BASE = `http://127.0.0.1:${PORT}`;

mkdirSync(OUT, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'homeward-shots-'));
const server = spawn(
  process.execPath,
  [resolve(ROOT, 'packages/server/bin/homeward.js'), 'serve', '--port', String(PORT)],
  {
    env: { ...process.env, HOMEWARD_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn', HOST: '127.0.0.1' },
    stdio: 'inherit',
  },
);
try {
  for (let tries = 0; ; tries += 1) {
    try {
      if ((await fetch(`${BASE}/api/v1/health`)).ok) break;
    } catch {
      if (tries > 240) throw new Error('The server did not start.');
      await new Promise((done) => setTimeout(done, 500));
    }
  }
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const shoot = async (name: string, fullPage = false) => {
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: resolve(OUT, `${name}.png`), fullPage });
  };
  const language = async (lang: 'en' | 'km') => {
    await page.getByTestId(`language-${lang}`).click();
    await page.waitForFunction((wanted) => document.documentElement.lang === wanted, lang);
  };
  const bothLanguages = async (name: string, fullPage = false) => {
    await language('en');
    await shoot(`${name}-en`, fullPage);
    await language('km');
    await shoot(`${name}-km`, fullPage);
  };

  await page.goto(BASE);
  await page.waitForURL('**/setup');
  await bothLanguages('setup');
  await language('en');
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.waitForURL('**/login');
  await page.getByLabel('Email').fill('supervisor@tonle.demo');
  await page.getByLabel('Password').fill('homeward-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/cases');
  await bothLanguages('case-list');
  await page.getByTestId('case-row').first().getByRole('link').first().click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  await bothLanguages('case', true);
  const caseUrl = page.url();
  await page.goto(`${caseUrl}/forms/assessment`);
  await bothLanguages('mosvy-form', true);
  await page.goto(`${BASE}/cases/new`);
  await bothLanguages('new-case');
  await page.goto(`${BASE}/supervision`);
  await bothLanguages('supervision', true);
  await page.goto(`${BASE}/facilities`);
  await bothLanguages('facilities');
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`${BASE}/cases`);
  await shoot('case-list-phone-km', false);
  await browser.close();
} finally {
  server.kill('SIGTERM');
  await new Promise((done) => server.once('exit', done));
  rmSync(dataDir, { recursive: true, force: true });
}
