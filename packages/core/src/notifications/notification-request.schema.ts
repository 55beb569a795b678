import { z } from 'zod';
import type { NotificationKind } from './notification.schema';

/*
 * What the server takes: a notice as a writer raises it, and the list's query. Kept apart from the answers'
 * shapes, which the browser imports, so these schemas' parts of zod stay out of the browser's framework chunk.
 */

const caseNotice = <K extends NotificationKind>(kind: K) =>
  z.object({ kind: z.literal(kind), caseId: z.uuid(), subjectId: z.uuid() });
const planNotice = <K extends NotificationKind>(kind: K) =>
  z.object({ kind: z.literal(kind), caseId: z.null().optional(), subjectId: z.uuid() });

/**
 * A notice as a writer raises it: the kind, the case it is about (required for the kinds about one case, absent
 * for a handover plan) and the subject (the referral, transfer, plan, share, case or task).
 */
export const notificationPayloadSchema = z.discriminatedUnion('kind', [
  caseNotice('referral.received'),
  caseNotice('referral.accepted'),
  caseNotice('referral.declined'),
  caseNotice('referral.withdrawn'),
  caseNotice('referral.done'),
  caseNotice('referral.waiting'),
  caseNotice('transfer.offered'),
  caseNotice('transfer.accepted'),
  caseNotice('transfer.declined'),
  planNotice('handover.waiting'),
  planNotice('handover.approved'),
  caseNotice('case.shared'),
  caseNotice('case.assigned'),
  caseNotice('task.assigned'),
]);
export type NotificationPayload = z.input<typeof notificationPayloadSchema>;

export const NOTIFICATION_PAGE_MAX = 100;

/** `limit=0` asks for the counts alone: the navigation polls it. */
export const notificationListQuerySchema = z.object({
  limit: z.coerce.number().int().min(0).max(NOTIFICATION_PAGE_MAX).default(30),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  unread: z.enum(['true', 'false']).optional(),
});
export type NotificationListQuery = z.input<typeof notificationListQuerySchema>;
