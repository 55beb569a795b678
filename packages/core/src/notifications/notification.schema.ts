import { z } from 'zod';

/**
 * What can wait for a person, and what each notice points at. A notice names the case by its number only: its
 * title is shown on shared screens and sent by e-mail, so it never carries a child's name (a test in core
 * checks every title's placeholders).
 */
export const NOTIFICATION_SUBJECTS = ['referral', 'transfer', 'handover_plan', 'case_share', 'case', 'task'] as const;
export type NotificationSubject = (typeof NOTIFICATION_SUBJECTS)[number];

/** Each kind, what its subject id names, and whether it is about one case (a handover plan covers many). */
export const NOTIFICATION_KINDS = {
  'referral.received': { subject: 'referral', case: true },
  'referral.accepted': { subject: 'referral', case: true },
  'referral.declined': { subject: 'referral', case: true },
  'referral.withdrawn': { subject: 'referral', case: true },
  'referral.done': { subject: 'referral', case: true },
  /** A reminder: a referral has waited for an answer longer than the organisation's setting. */
  'referral.waiting': { subject: 'referral', case: true },
  'transfer.offered': { subject: 'transfer', case: true },
  'transfer.accepted': { subject: 'transfer', case: true },
  'transfer.declined': { subject: 'transfer', case: true },
  /** A handover plan waits for the manager's approval, or for a receiver's acceptance. */
  'handover.waiting': { subject: 'handover_plan', case: false },
  'handover.approved': { subject: 'handover_plan', case: false },
  'case.shared': { subject: 'case_share', case: true },
  'case.assigned': { subject: 'case', case: true },
  'task.assigned': { subject: 'task', case: true },
} as const satisfies Record<string, { subject: NotificationSubject; case: boolean }>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export const NOTIFICATION_KIND_NAMES = Object.keys(NOTIFICATION_KINDS) as [NotificationKind, ...NotificationKind[]];
export const notificationKindSchema = z.enum(NOTIFICATION_KIND_NAMES);

/** One notice in the recipient's list. */
export const notificationSchema = z.object({
  id: z.uuid(),
  kind: notificationKindSchema,
  caseId: z.uuid().nullable(),
  /** The case's number, never the child's name. */
  caseNumber: z.string().nullable(),
  subjectId: z.uuid().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListSchema = z.object({
  items: z.array(notificationSchema),
  total: z.number().int(),
  unread: z.number().int(),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

export const notificationsReadSchema = z.object({ unread: z.number().int() });
