import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { setOrganisationTimeZone } from '../text/dates';
import {
  currentUserSchema,
  loginAnswerSchema,
  loginResultSchema,
  type CurrentUser,
  type LoginCodeInput,
  type LoginInput,
} from '@homeward/core';
import { isApiError, request, setCsrfToken } from './http';
import { currentUserKey } from './query-keys';

/** The signed-in user, or null when there is no session (a 401 is an answer here, not an error). */
export const currentUserQuery = queryOptions({
  queryKey: currentUserKey,
  queryFn: async ({ signal }): Promise<CurrentUser | null> => {
    try {
      const user = await request('/auth/me', currentUserSchema, { signal });
      setCsrfToken(user.csrfToken);
      setOrganisationTimeZone(user.timeZone);
      return user;
    } catch (error) {
      if (isApiError(error, 401)) return null;
      throw error;
    }
  },
  staleTime: 5 * 60_000,
});

export function useCurrentUser() {
  return useQuery(currentUserQuery);
}

export function useRefreshCurrentUser() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.fetchQuery({ ...currentUserQuery, staleTime: 0 });
  };
}

/** Either signs in, or answers with a challenge for the second step (`useLoginCode`). */
export function useLogin() {
  const refreshUser = useRefreshCurrentUser();
  return useMutation({
    mutationFn: (input: LoginInput) => request('/auth/login', loginAnswerSchema, { method: 'POST', body: input }),
    onSuccess: async (answer) => {
      if (!('token' in answer)) return;
      setCsrfToken(answer.csrfToken);
      // Fetch the user before the caller navigates, or the route guard would see the old "no user".
      await refreshUser();
    },
  });
}

export function useLoginCode() {
  const refreshUser = useRefreshCurrentUser();
  return useMutation({
    mutationFn: (input: LoginCodeInput) =>
      request('/auth/login/code', loginResultSchema, { method: 'POST', body: input }),
    onSuccess: async (result) => {
      setCsrfToken(result.csrfToken);
      await refreshUser();
    },
  });
}
