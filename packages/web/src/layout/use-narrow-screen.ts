import { useSyncExternalStore } from 'react';

const NARROW = '(max-width: 40rem)';

/** Whether the screen is a phone's, following rotation and resizing. */
export function useNarrowScreen(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const query = window.matchMedia(NARROW);
      query.addEventListener('change', onChange);
      return () => query.removeEventListener('change', onChange);
    },
    () => window.matchMedia(NARROW).matches,
  );
}
