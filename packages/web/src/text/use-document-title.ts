import { useEffect } from 'react';

/** Each screen names itself in the tab and window list, which is also what a screen reader announces first. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Homeward` : 'Homeward';
  }, [title]);
}
