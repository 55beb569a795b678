import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './http';
import { currentUserKey } from './query-keys';

function isClientError(error: unknown): boolean {
  return isApiError(error) && error.status >= 400 && error.status < 500;
}

export function createQueryClient(): QueryClient {
  // A 401 anywhere means the session ended (timeout, logout in another tab): forget the user, and the route
  // guard sends them to the login screen.
  const onError = (error: unknown): void => {
    if (isApiError(error, 401)) queryClient.setQueryData(currentUserKey, null);
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      // Requests are sent even when the browser says it is offline: the case resources then answer from the
      // device store (api/offline-fallback.ts), which a paused request would never reach.
      queries: {
        staleTime: 30_000,
        networkMode: 'always',
        retry: (failures, error) =>
          !isClientError(error) && !(isApiError(error, 0) && !navigator.onLine) && failures < 2,
      },
      mutations: { retry: false, networkMode: 'always' },
    },
  });
  return queryClient;
}
