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

export const NOTIFICATION_PAGE_MAX = 100;

/** `limit=0` asks for the counts alone: the navigation polls it. */
export const notificationListQuerySchema = z.object({
  limit: z.coerce.number().int().min(0).max(NOTIFICATION_PAGE_MAX).default(30),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  unread: z.enum(['true', 'false']).optional(),
});
export type NotificationListQuery = z.input<typeof notificationListQuerySchema>;

export const notificationListSchema = z.object({
  items: z.array(notificationSchema),
  total: z.number().int(),
  unread: z.number().int(),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

export const notificationsReadSchema = z.object({ unread: z.number().int() });
