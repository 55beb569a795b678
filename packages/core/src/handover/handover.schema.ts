import { z } from 'zod';
import { CASE_SECTIONS, caseSectionsSchema } from '../access/case-sections';
import { CASE_TYPES, RISK_LEVELS, SEXES } from '../codes/case-codes';
import { CASE_STATUS_FILTERS, UNASSIGNED } from '../cases/case.schema';

/**
 * A caseload handover (issue 10 point 4): when an office or project closes, its cases are planned one by one
 * (who receives each and how), the plan is approved by the office's manager, and each receiver accepts or
 * declines its items. See docs/decisions/0010 and docs/users/handover.md.
 */
export const HANDOVER_PLAN_STATUSES = ['draft', 'submitted', 'approved', 'in_progress', 'completed'] as const;
export type HandoverPlanStatus = (typeof HANDOVER_PLAN_STATUSES)[number];

/** `direct`: the office leads the case; `remote`: another provider leads it and the office only took part. */
export const HANDOVER_ITEM_KINDS = ['direct', 'remote'] as const;
export type HandoverItemKind = (typeof HANDOVER_ITEM_KINDS)[number];

export const HANDOVER_ITEM_TYPES = ['transfer', 'referral', 'close_as_stable', 'to_authorities'] as const;
export type HandoverItemType = (typeof HANDOVER_ITEM_TYPES)[number];

/**
 * `waiting` for the receiver (or, in a draft, not yet sent); `accepted` by the receiver, the case handed over at
 * that moment; `declined` with a reason (the office chooses another receiver); `done` by the office itself
 * (closed as stable, handed to the authorities) when the plan is approved.
 */
export const HANDOVER_ITEM_STATUSES = ['waiting', 'accepted', 'declined', 'done'] as const;
export type HandoverItemStatus = (typeof HANDOVER_ITEM_STATUSES)[number];

/** The steps an item leaves on the case's timeline, on both sides (a `handover` event of the case's course). */
export const HANDOVER_STEPS = ['offered', 'accepted', 'declined', 'closed_as_stable', 'to_authorities'] as const;
export type HandoverStep = (typeof HANDOVER_STEPS)[number];

/** Which types fit which kind: a remote case is not the office's to transfer or close. */
export const TYPES_OF_KIND: Readonly<Record<HandoverItemKind, readonly HandoverItemType[]>> = {
  direct: ['transfer', 'referral', 'close_as_stable', 'to_authorities'],
  remote: ['referral', 'to_authorities'],
};

/** Types that need no receiver: the office closes the case itself. */
export const TYPES_WITHOUT_RECEIVER: readonly HandoverItemType[] = ['close_as_stable'];

const ids = z.array(z.uuid()).max(500);
const text = (max: number) => z.string().trim().max(max);

/** The case list's filters (the same words as `GET /cases`), to choose the cases of a plan. */
export const handoverCaseFilterSchema = z.object({
  status: z.enum(CASE_STATUS_FILTERS).optional(),
  worker: z.union([z.uuid(), z.literal(UNASSIGNED)]).optional(),
  caseType: z.enum(CASE_TYPES).optional(),
  riskLevel: z.enum(RISK_LEVELS).optional(),
  facility: z.uuid().optional(),
});
export type HandoverCaseFilter = z.infer<typeof handoverCaseFilterSchema>;

export const newHandoverPlanSchema = z.object({
  /** Client-generated: the same request twice makes one plan. */
  id: z.uuid(),
  name: text(200).min(1, { message: 'Name the office or project that closes.' }),
  reason: text(2000).min(1, { message: 'Say why the cases are handed over.' }),
  caseIds: ids.default([]),
  /** Every case the filters reach, led by the organisation or taken part in, is added to the plan. */
  filter: handoverCaseFilterSchema.optional(),
});
export type NewHandoverPlan = z.output<typeof newHandoverPlanSchema>;
export type NewHandoverPlanInput = z.input<typeof newHandoverPlanSchema>;

export const handoverPlanChangeSchema = z.object({
  name: text(200).min(1).optional(),
  reason: text(2000).min(1).optional(),
  /** The office's users disabled when the plan is completed. */
  usersToDisable: ids.optional(),
});
export type HandoverPlanChange = z.output<typeof handoverPlanChangeSchema>;

export const handoverItemsAddSchema = z.object({
  caseIds: ids.default([]),
  filter: handoverCaseFilterSchema.optional(),
});
export type HandoverItemsAdd = z.output<typeof handoverItemsAddSchema>;

/** One change for one item or many at once: the receiver, the type, the note, the sections of a referral. */
export const handoverItemsChangeSchema = z.object({
  itemIds: ids.min(1),
  receiverId: z.uuid().nullable().optional(),
  type: z.enum(HANDOVER_ITEM_TYPES).nullable().optional(),
  note: text(2000).nullable().optional(),
  sections: caseSectionsSchema.optional(),
});
export type HandoverItemsChange = z.output<typeof handoverItemsChangeSchema>;

export const handoverItemsRemoveSchema = z.object({ itemIds: ids.min(1) });

export const handoverAcceptSchema = z.object({
  itemIds: ids.min(1),
  /** The receiver's worker who takes the cases; none leaves them for the receiver's manager to assign. */
  workerId: z.uuid().nullable().optional(),
});
export type HandoverAccept = z.output<typeof handoverAcceptSchema>;

export const handoverDeclineSchema = z.object({
  itemIds: ids.min(1),
  reason: text(2000).min(1, { message: 'Say why you decline.' }),
});
export type HandoverDecline = z.output<typeof handoverDeclineSchema>;

export const handoverProgressSchema = z.object({
  total: z.number().int(),
  waiting: z.number().int(),
  accepted: z.number().int(),
  declined: z.number().int(),
  done: z.number().int(),
});
export type HandoverProgress = z.infer<typeof handoverProgressSchema>;

export const handoverItemSchema = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  caseId: z.uuid(),
  caseNumber: z.string(),
  caseTypes: z.array(z.string()),
  caseStatus: z.string(),
  workerName: z.string().nullable(),
  leadOrganisationName: z.string(),
  kind: z.enum(HANDOVER_ITEM_KINDS),
  receiverId: z.uuid().nullable(),
  receiverName: z.string().nullable(),
  type: z.enum(HANDOVER_ITEM_TYPES).nullable(),
  note: z.string().nullable(),
  sections: z.array(z.enum(CASE_SECTIONS)),
  status: z.enum(HANDOVER_ITEM_STATUSES),
  declineReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
});
export type HandoverItem = z.infer<typeof handoverItemSchema>;

export const handoverPlanSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  reason: z.string(),
  status: z.enum(HANDOVER_PLAN_STATUSES),
  organisationName: z.string(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  approvedByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  usersToDisable: z.array(z.uuid()),
  progress: handoverProgressSchema,
});
export type HandoverPlan = z.infer<typeof handoverPlanSchema>;
export const handoverPlanListSchema = z.object({ items: z.array(handoverPlanSchema) });
export const handoverPlanDetailSchema = handoverPlanSchema.extend({
  items: z.array(handoverItemSchema),
  /** Whether this user may approve it: holds the permission, and is not its drafter unless the only approver. */
  mayApprove: z.boolean(),
});
export type HandoverPlanDetail = z.infer<typeof handoverPlanDetailSchema>;

/** What a receiver sees of an item before accepting it: no name, nothing of the child's story. */
export const incomingHandoverItemSchema = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  planName: z.string(),
  fromOrganisationName: z.string(),
  caseNumber: z.string(),
  caseTypes: z.array(z.string()),
  sex: z.enum(SEXES).nullable(),
  kind: z.enum(HANDOVER_ITEM_KINDS),
  type: z.enum(HANDOVER_ITEM_TYPES),
  note: z.string().nullable(),
  sections: z.array(z.enum(CASE_SECTIONS)),
  status: z.enum(HANDOVER_ITEM_STATUSES),
  declineReason: z.string().nullable(),
  caseId: z.uuid().nullable(),
});
export type IncomingHandoverItem = z.infer<typeof incomingHandoverItemSchema>;
export const incomingHandoverListSchema = z.object({ items: z.array(incomingHandoverItemSchema) });

export const handoverReceiverSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.string(),
  provinceCode: z.string().nullable(),
});
export const handoverReceiverListSchema = z.object({ items: z.array(handoverReceiverSchema) });

/** The payload of a `handover` case event: one step of one item, shown on the sender's and receiver's timelines. */
export const handoverEventPayload = z.object({
  planId: z.uuid(),
  itemId: z.uuid(),
  step: z.enum(HANDOVER_STEPS),
  type: z.enum(HANDOVER_ITEM_TYPES),
  kind: z.enum(HANDOVER_ITEM_KINDS),
  fromOrganisationName: z.string(),
  toOrganisationName: z.string().nullable(),
  reason: z.string().optional(),
  /** A closure as stable: the plan whose approval approved the closure, and who approved it. */
  planName: z.string().optional(),
  approverName: z.string().optional(),
});
