import { Suspense, type ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { LoadingState } from './states.component';

/**
 * A route whose page is its own chunk, fetched the first time it is opened (the router keeps the current page
 * on screen meanwhile), so the sign-in screen and the case list do not carry every other screen. The page can
 * still wait for the village list, which it does inside the app's frame.
 */
export function lazyPage(load: () => Promise<ComponentType>): Pick<RouteObject, 'lazy'> {
  return {
    lazy: async () => {
      const Page = await load();
      return {
        Component: () => (
          <Suspense fallback={<LoadingState />}>
            <Page />
          </Suspense>
        ),
      };
    },
  };
}
