import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notificationListSchema, notificationsReadSchema } from '@homeward/core';
import { request } from '../api/http';

export const notificationKeys = {
  /** Everything under `notifications`: marking read refreshes the count and the list alike. */
  all: ['notifications'] as const,
  count: ['notifications', 'count'] as const,
  page: (offset: number) => ['notifications', 'list', offset] as const,
};

/** Once a minute: the count is one small query (`limit=0`), so polling it costs the server little. */
export const NOTIFICATION_POLL_MS = 60_000;
export const NOTIFICATION_PAGE = 30;

/** The unread count for the navigation, polled, and shared by the bell and the phone's menu button. */
export function useUnreadNotifications() {
  return useQuery({
    queryKey: notificationKeys.count,
    // A poll: it must not keep a session alive on a screen nobody is using.
    queryFn: ({ signal }) => request('/notifications?limit=0', notificationListSchema, { signal, background: true }),
    refetchInterval: NOTIFICATION_POLL_MS,
    select: (data) => data.unread,
  });
}

/**
 * One page of the user's notices, newest first. Pages are plain queries, one per offset, rather than an infinite
 * query: that observer would join the framework chunk every screen loads, the sign-in screen included.
 */
export function useNotificationPage(offset: number) {
  return useQuery({
    queryKey: notificationKeys.page(offset),
    queryFn: ({ signal }) =>
      request(`/notifications?limit=${NOTIFICATION_PAGE}&offset=${offset}`, notificationListSchema, { signal }),
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
