/**
 * Signing out, loaded with the signed-in app only (the sign-in screen's script carries none of it). A sign-out
 * the server did not hear (offline, or the server down) is remembered with the session's CSRF token, and the
 * session is ended at the next moment the server answers: before the next request of any kind (http.ts), or
 * when the browser comes back online, so nothing more is done with that session.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CurrentUser } from '@homeward/core';
import { removeDrafts } from '../forms/draft-store';
import { END_SESSION, endRememberedSession, isApiError, noContent, request, setCsrfToken } from './http';
import { currentUserKey, setupStatusKey } from './query-keys';

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const token = queryClient.getQueryData<CurrentUser | null>(currentUserKey)?.csrfToken;
      try {
        await request('/auth/logout', noContent, { method: 'POST' });
      } catch (error) {
        if (isApiError(error, 0) && token) localStorage.setItem(END_SESSION, token);
        throw error;
      }
    },
    // Forget everything the session saw even when the server cannot be reached: this may be a shared tablet.
    onSettled: () => {
      setCsrfToken(null);
      removeDrafts();
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== setupStatusKey[0] });
      queryClient.setQueryData(currentUserKey, null);
    },
  });
}

// Back online on any screen (the sign-in screen sends nothing by itself): the remembered session ends now.
addEventListener('online', () => void endRememberedSession().catch(() => undefined));
