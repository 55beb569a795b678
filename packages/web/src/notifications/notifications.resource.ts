import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notificationListSchema, notificationsReadSchema } from '@homeward/core';
import { request } from '../api/http';

export const notificationKeys = {
  /** Everything under `notifications`: marking read refreshes the count and the list alike. */
  all: ['notifications'] as const,
  count: ['notifications', 'count'] as const,
  list: ['notifications', 'list'] as const,
};

/** Once a minute: the count is one small query (`limit=0`), so polling it costs the server little. */
export const NOTIFICATION_POLL_MS = 60_000;
const PAGE = 30;

/** The unread count for the navigation, polled, and shared by the bell and the phone's menu button. */
export function useUnreadNotifications() {
  return useQuery({
    queryKey: notificationKeys.count,
    queryFn: ({ signal }) => request('/notifications?limit=0', notificationListSchema, { signal }),
    refetchInterval: NOTIFICATION_POLL_MS,
    select: (data) => data.unread,
  });
}

/** The user's notices, newest first, a page at a time. */
export function useNotifications() {
  return useInfiniteQuery({
    queryKey: notificationKeys.list,
    initialPageParam: 0,
    queryFn: ({ pageParam, signal }) =>
      request(`/notifications?limit=${PAGE}&offset=${pageParam}`, notificationListSchema, { signal }),
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((sum, page) => sum + page.items.length, 0);
      return loaded < last.total ? loaded : undefined;
    },
  });
}

export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      request(`/notifications/${encodeURIComponent(id)}/read`, notificationsReadSchema, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => request('/notifications/read-all', notificationsReadSchema, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
