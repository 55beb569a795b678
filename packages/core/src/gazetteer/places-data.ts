/**
 * The gazetteer's data where it is read synchronously: the server, the command line and the tests, which
 * validate village codes as they parse. The browser gets places-data.browser.ts instead (package.json
 * "imports", condition "browser"), which fetches the same file on first use.
 */
import data from './gazetteer.data.json';
import type { GazetteerData } from './gazetteer-data.types';

export function placesData(): GazetteerData {
  return data;
}

export function isGazetteerLoaded(): boolean {
  return true;
}

export async function loadGazetteer(): Promise<void> {}
