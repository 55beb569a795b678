import type { Notification } from '@homeward/core';

/**
 * Where a notice leads: the case it is about. Kinds whose subject gets its own screen (a referral, a handover
 * plan) point there once that screen exists; a handover plan, about many cases, has none yet.
 */
export function notificationLink(notification: Pick<Notification, 'kind' | 'caseId' | 'subjectId'>): string | null {
  if (notification.caseId) return `/cases/${notification.caseId}`;
  return null;
}
