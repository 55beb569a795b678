import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The browser's device store (packages/web/src/offline/device-db.ts), read raw as any script of the page could. */
export const DEVICE_DB = 'homeward-device';

/** Every row of every table of the device database; null when there is no store. */
export async function rawDeviceRows(page: Page): Promise<Record<string, unknown[]> | null> {
  return page.evaluate(async (name) => {
    const databases = await indexedDB.databases();
    if (!databases.some((database) => database.name === name)) return null;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const opening = indexedDB.open(name);
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(new Error(String(opening.error)));
    });
    const tables: Record<string, unknown[]> = {};
    for (const table of Array.from(db.objectStoreNames)) {
      tables[table] = await new Promise<unknown[]>((resolve, reject) => {
        const all = db.transaction(table).objectStore(table).getAll();
        all.onsuccess = () => resolve(all.result as unknown[]);
        all.onerror = () => reject(new Error(String(all.error)));
      });
    }
    db.close();
    return tables;
  }, DEVICE_DB);
}

/** Everything readable in the raw rows: strings as they are, and the bytes of every buffer decoded as text. */
export async function rawDeviceText(page: Page): Promise<string> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const opening = indexedDB.open(name);
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(new Error(String(opening.error)));
    });
    const decoder = new TextDecoder('utf-8', { fatal: false });
    const text = (value: unknown): string => {
      if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return decoder.decode(value);
      if (typeof value === 'string') return value;
      if (Array.isArray(value)) return value.map(text).join(' ');
      if (value && typeof value === 'object') return Object.values(value).map(text).join(' ');
      return String(value);
    };
    const parts: string[] = [];
    for (const table of Array.from(db.objectStoreNames)) {
      const rows = await new Promise<unknown[]>((resolve) => {
        const all = db.transaction(table).objectStore(table).getAll();
        all.onsuccess = () => resolve(all.result as unknown[]);
      });
      parts.push(...rows.map(text));
    }
    db.close();
    return parts.join('\n');
  }, DEVICE_DB);
}

export async function caseIdsOnDevice(page: Page): Promise<string[]> {
  const rows = await rawDeviceRows(page);
  return ((rows?.cases ?? []) as { caseId: string }[]).map((row) => row.caseId);
}

/** Online, with nothing left waiting on the screen. */
export async function waitForSync(page: Page): Promise<void> {
  const indicator = page.getByTestId('sync-indicator');
  await expect.poll(() => indicator.getAttribute('data-connection'), { timeout: 20_000 }).toBe('online');
  await expect.poll(() => page.getByTestId('sync-waiting').count(), { timeout: 20_000 }).toBe(0);
}
