import type { CaseDetail, Facility } from '@homeward/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot, SCREENSHOTS } from './support/chromium';
import { DEMO_PASSWORD, signInAs } from './support/sign-in';
import { followNavLink } from './support/navigation';

/**
 * This file works on the demo installation, on a child it registers itself: Tonle's supervisor offers the case
 * to Svay Rieng Family Care, whose manager accepts it and chooses its caseworker; then each sees the case page
 * as it now stands (Svay Rieng leads with "transferred from Tonle, their number …"; Tonle reads its own writing
 * without the child's name). The steps share one browser page and run in order.
 */
const baseUrl = inject('demoBaseUrl');
const chromiumMissing = inject('chromiumMissing');

const SENDER = 'supervisor@tonle.demo';
const RECEIVER = 'admin@svayrieng.demo';
const RECEIVER_ORG = 'Svay Rieng Family Care';
const SENDER_ORG = 'Tonle Children’s Shelter';
const WORKER_NAME = 'Chea Kunthea';
const CHILD = 'Sovannarith';
const WIDE = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

describe('a transfer between two organisations, in a real browser', () => {
  let browser: Browser;
  let page: Page;
  let child: CaseDetail;
  let shelter: Facility;

  async function setLanguage(language: 'en' | 'km'): Promise<void> {
    // On a phone the language switch sits in the menu: switch at laptop width.
    await page.setViewportSize(WIDE);
    await page.getByTestId(`language-${language}`).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
  }

  /**
   * The screen in English and Khmer, at laptop and phone width; back to English on a laptop after. With parts,
   * those parts of the page too, so a long case page's transfer card can be looked at closely.
   */
  async function screenshots(name: string, parts: string[] = []): Promise<void> {
    for (const language of ['en', 'km'] as const) {
      await setLanguage(language);
      for (const [width, viewport] of [
        ['1280', WIDE],
        ['390', PHONE],
      ] as const) {
        await page.setViewportSize(viewport);
        await screenshot(page, `transfer-${name}-${language}-${width}`);
        for (const part of parts) {
          await page
            .locator(part)
            .first()
            .screenshot({ path: `${SCREENSHOTS}/transfer-${name}-part-${language}-${width}.png` });
        }
      }
    }
    await setLanguage('en');
  }

  beforeAll(async () => {
    if (chromiumMissing) return;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: WIDE });
    // A child of Tonle's, registered through the API with the consent to share, so no demo case changes hands.
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'worker@tonle.demo', password: DEMO_PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${baseUrl}/api/v1${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      const answer = (await response.json()) as CaseDetail;
      expect([path, response.status, answer]).toEqual([path, 201, expect.anything()]);
      return answer;
    };
    const today = new Date().toISOString().slice(0, 10);
    child = await post('/cases', {
      givenNameLatin: CHILD,
      familyNameLatin: 'Chan',
      givenNameKm: 'សុវណ្ណារិទ្ធ',
      familyNameKm: 'ចាន់',
      alias: 'Boy TR-1',
      sex: 'male',
      dateOfBirth: '2013-05-02',
      caseTypes: ['TL'],
      referral: { source: 'transit_centre', sourceName: 'Poipet Transit Centre', referredOn: today },
    });
    await post(`/cases/${child.id}/events`, {
      type: 'note',
      occurredOn: today,
      payload: { text: 'Met the boy at the transit centre with his aunt.' },
    });
    // He lives in one of Tonle's facilities, so Svay Rieng says where he lives on accepting.
    const facilities = await fetch(`${baseUrl}/api/v1/facilities`, { headers: { Authorization: `Bearer ${token}` } });
    const { items } = (await facilities.json()) as { items: Facility[] };
    shelter = items.find((facility) => facility.status !== 'closed' && facility.occupancy < facility.capacity)!;
    await post(`/cases/${child.id}/events`, {
      type: 'placement',
      occurredOn: today,
      payload: { careType: shelter.careType, facilityId: shelter.id },
    });
    await post(`/cases/${child.id}/events`, {
      type: 'consent',
      occurredOn: today,
      payload: { scope: 'sharing', action: 'given', givenBy: 'child_and_guardian' },
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets the sender’s supervisor offer the case, keeping the notes with the child’s consent', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await signInAs(page, baseUrl, SENDER);
    await page.goto(`${baseUrl}/cases/${child.id}`);
    const card = page.getByTestId('case-transfer');
    await card.getByTestId('transfer-form').waitFor();
    await expect.poll(() => card.innerText()).toContain('consent to share with partners is recorded');
    await card.locator('#transfer-receiver').selectOption({ label: RECEIVER_ORG });
    await card.getByRole('radio', { name: 'The child or family moved' }).check();
    await card.locator('#transfer-note').fill('The aunt who cares for him moved to Svay Rieng town.');
    await card.getByRole('checkbox', { name: 'Notes' }).check();
    await card.scrollIntoViewIfNeeded();
    await screenshots('offer-form', ['[data-testid="case-transfer"]']);
    await card.getByRole('button', { name: 'Offer the transfer' }).click();
    await card.getByTestId('transfer-open').waitFor();
    await expect.poll(() => card.getByTestId('transfer-open').innerText()).toContain(`Offered to ${RECEIVER_ORG}`);
    await expect.poll(() => page.getByTestId('timeline').innerText()).toContain('offered the case to');
  });

  it('shows the receiver the offer without the child’s name, and lets it accept with its worker', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await signInAs(page, baseUrl, RECEIVER, { clearCookies: true, landing: /\/(cases|dashboard)$/ });
    await expect.poll(() => page.getByTestId('nav-transfers-count').innerText()).toMatch(/^[1-9]/);
    await followNavLink(page.getByTestId('nav-transfers'));
    await page.waitForURL('**/transfers/incoming');
    const offer = page.getByTestId('incoming-transfer').filter({ hasText: child.caseNumber });
    await offer.waitFor();
    const text = await offer.innerText();
    expect(text).toContain('Boy TR-1');
    expect(text).toContain(SENDER_ORG);
    expect(text).not.toContain(CHILD);
    await offer.getByLabel('Who will work the case').selectOption({ label: WORKER_NAME });
    // Accepting without saying where he lives is refused in the form; he now lives with his aunt.
    await offer.getByRole('button', { name: 'Accept and lead the case' }).click();
    await expect.poll(() => offer.innerText()).toContain('Choose where the child lives now.');
    await offer.getByLabel('Where the child lives now').selectOption({ label: 'Kinship care' });
    await screenshots('incoming', ['[data-testid="transfer-accept-form"]']);
    await offer.getByRole('button', { name: 'Accept and lead the case' }).click();
    await page.getByTestId('transfer-done').waitFor();
    await page.getByRole('link', { name: 'Open the case' }).click();
    await page.waitForURL(`**/cases/${child.id}`);
    await expect.poll(() => page.getByTestId('case-title').innerText()).toContain(CHILD);
    const reference = page.getByTestId('transfer-reference');
    await expect.poll(() => reference.innerText()).toContain(`Transferred from ${SENDER_ORG}`);
    expect(await reference.innerText()).toContain(`their number ${child.caseNumber}`);
    expect(await page.getByTestId('case-number').innerText()).not.toBe(child.caseNumber);
    await expect.poll(() => page.getByTestId('timeline').innerText()).toContain('Met the boy at the transit centre');
    await expect.poll(() => page.getByTestId('now-panel').innerText()).toContain('Kinship care');
    await screenshots('receiver-case', ['.case-page__header']);
  });

  it('leaves the sender its own writing, without the child’s name and without the means to write', async (context) => {
    if (chromiumMissing) context.skip(chromiumMissing);
    await signInAs(page, baseUrl, SENDER, { clearCookies: true });
    await page.goto(`${baseUrl}/cases/${child.id}`);
    await expect.poll(() => page.getByTestId('timeline').innerText()).toContain('accepted the case from');
    expect(await page.getByTestId('case-title').innerText()).not.toContain(CHILD);
    expect(await page.getByTestId('timeline').innerText()).toContain('Met the boy at the transit centre');
    // Nothing to write with: no step, note, upload, share or transfer form.
    for (const form of ['transfer-form', 'record-step', 'note-form', 'upload-form', 'share-form']) {
      expect([form, await page.getByTestId(form).count()]).toEqual([form, 0]);
    }
    await screenshots('sender-case', ['[data-testid="case-transfer"]']);
  });
});
