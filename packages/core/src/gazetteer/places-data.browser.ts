/**
 * The gazetteer's data in the browser: every village in both scripts is most of the web app's weight, and the
 * sign-in screen and the case list need none of it, so it is its own chunk, fetched the first time a screen
 * that shows or picks a place asks for it (the service worker keeps it for offline use).
 */
import type { GazetteerData } from './gazetteer-data.types';

let data: GazetteerData | undefined;
let loading: Promise<void> | undefined;

export function placesData(): GazetteerData {
  // A screen that reads places before they are loaded would otherwise call every village code unknown.
  if (!data) throw new Error('The gazetteer is not loaded yet: wait for loadGazetteer() first.');
  return data;
}

export function isGazetteerLoaded(): boolean {
  return data !== undefined;
}

export function loadGazetteer(): Promise<void> {
  loading ??= import('./gazetteer.data.json').then(
    (module) => {
      data = module.default;
    },
    (error: unknown) => {
      // Offline before the file was ever kept: the next screen that asks tries again.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
