import { use } from 'react';
import { isGazetteerLoaded, loadGazetteer } from '@homeward/core';

/**
 * Every component that names or picks a place calls this before core's place functions: the village list is
 * its own asset, loaded on first use, and the component waits (suspends) for it the first time only.
 */
export function useGazetteer(): void {
  if (!isGazetteerLoaded()) use(loadGazetteer());
}
