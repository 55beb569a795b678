import { Suspense, type ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { LoadingState } from './states.component';

/**
 * A route whose page is its own chunk, fetched the first time it is opened (the router keeps the current page
 * on screen meanwhile), so the sign-in screen and the case list do not carry every other screen. The page can
 * still wait for the village list, which it does inside the app's frame. The page is named, not picked by a
 * function, because every route's line is in the sign-in screen's script: the shorter, the better.
 */
export function lazyPage<Name extends string>(
  path: string,
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
): RouteObject {
  return {
    path,
    lazy: async () => {
      const Page: ComponentType = (await load())[name];
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
