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
      queries: {
        staleTime: 30_000,
        retry: (failures, error) => !isClientError(error) && failures < 2,
      },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
