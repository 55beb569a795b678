import { z } from 'zod';
import { CASE_TYPES, CHILD_TYPES, RISK_LEVELS } from '../codes/case-codes';
import { INTERVIEWEES } from '../codes/care-codes';
import { FIELD_TIERS } from '../access/policy';
import { isoDate } from '../text/dates';
import { referralSchema } from './case.schema';
import { referralStepEvents } from './events/referral-step.events';
import { correctedFieldSchema } from './case-correction.schema';
import { csiAssessment, familyAssessment, readinessAssessment, riskAssessment } from './events/assessment.events';
import { education, groupSession, healthCheck, placement, service, vocationalTraining } from './events/care.events';
import { consent } from './events/consent.events';
import { familyMember, familyVisit, tracingAttempt } from './events/family.events';
import { approvalDecision, approvalRequest, carePlan } from './events/plan.events';
import {
  closure,
  contactRestored,
  followUpVisit,
  lostContact,
  reintegration,
  reopening,
} from './events/reintegration.events';
import { transferEventPayloads } from '../transfers/transfer.events';
// Handover (issue 10 point 4)
import { handoverEventPayload } from '../handover/handover.schema';

/**
 * The event catalogue: everything that happens in the life of a case. A case is the stream of these; each
 * payload is checked by its schema here, on the server before it is stored and in the browser before it is sent.
 */
export const eventPayloadSchemas = {
  intake: z.object({
    referral: referralSchema,
    caseTypes: z.array(z.enum(CASE_TYPES)).min(1),
    childType: z.enum(CHILD_TYPES).nullable(),
    riskLevel: z.enum(RISK_LEVELS).nullable().optional(),
    interviewed: z.array(z.enum(INTERVIEWEES)).optional(),
  }),
  note: z.object({
    text: z.string().trim().min(1, { message: 'Write the note.' }).max(20000),
    confidential: z.boolean().default(false),
  }),
  consent,
  assessment_csi: csiAssessment,
  assessment_family: familyAssessment,
  assessment_risk: riskAssessment,
  assessment_readiness: readinessAssessment,
  care_plan: carePlan,
  approval_request: approvalRequest,
  approval_decision: approvalDecision,
  placement,
  service,
  education,
  vocational_training: vocationalTraining,
  health_check: healthCheck,
  group_session: groupSession,
  family_member: familyMember,
  tracing_attempt: tracingAttempt,
  family_visit: familyVisit,
  reintegration,
  follow_up_visit: followUpVisit,
  lost_contact: lostContact,
  contact_restored: contactRestored,
  closure,
  reopening,
  /**
   * A supervisor's decision on a suspected duplicate, written on both cases: the same child (linked), this case
   * folded into the other (merged: this one closes, its history stays), or not the same child.
   */
  duplicate_resolution: z.object({
    otherCaseId: z.uuid(),
    resolution: z.enum(['linked', 'merged_into_other', 'other_merged_here', 'not_duplicate']),
    note: z.string().trim().max(2000).optional(),
  }),
  /**
   * A correction of the child's profile or intake (`PATCH /cases/{id}`): for each field, the value before and
   * after and the versions, so the history keeps both values and the case row is their projection.
   */
  profile_correction: z.object({ changes: z.record(z.string(), correctedFieldSchema) }),
  /** A photo or document added to the case; the file itself is stored encrypted, apart from the history. */
  document: z.object({ attachmentId: z.uuid(), kind: z.enum(['photo', 'document']), title: z.string() }),
  // Transfers (issue 10 point 2): the lead changes; written by the transfer's steps, never by hand.
  ...transferEventPayloads,
  /** One step of a caseload handover's item (issue 10 point 4), written by the handover endpoints. */
  handover: handoverEventPayload,
  // Referral for a service (issue 10): each step on both organisations' timelines.
  ...referralStepEvents,
} as const;

export type CaseEventType = keyof typeof eventPayloadSchemas;
export const CASE_EVENT_TYPES = Object.keys(eventPayloadSchemas) as CaseEventType[];
export type EventPayload<T extends CaseEventType> = z.output<(typeof eventPayloadSchemas)[T]>;

/**
 * Written by their own endpoints: intake, group sessions, documents by upload, duplicate decisions on both cases,
 * profile corrections by `PATCH /cases/{id}` with their field versions.
 */
const WRITTEN_BY_THE_SYSTEM = [
  'intake',
  'group_session',
  'document',
  'duplicate_resolution',
  'profile_correction',
  // Transfers: written by the offer, acceptance, decline and withdrawal.
  'transfer_offered',
  'transfer_accepted',
  'transfer_declined',
  'transfer_withdrawn',
  // Handover (issue 10 point 4)
  'handover',
  // Referral steps, written by the referral endpoints (server/src/referrals).
  'referral_sent',
  'referral_accepted',
  'referral_declined',
  'referral_withdrawn',
  'referral_done',
] as const;
export const RECORDABLE_EVENT_TYPES = CASE_EVENT_TYPES.filter(
  (type): type is Exclude<CaseEventType, (typeof WRITTEN_BY_THE_SYSTEM)[number]> =>
    !(WRITTEN_BY_THE_SYSTEM as readonly string[]).includes(type),
);
type Recordable = (typeof RECORDABLE_EVENT_TYPES)[number];

function envelope<T extends Recordable>(type: T) {
  return z.object({
    /** Client-generated, so an event recorded offline keeps its id and a retry is not a second event. */
    id: z.uuid().optional(),
    type: z.literal(type),
    occurredOn: isoDate,
    /** A correction names the event it replaces; both stay in the history. */
    supersedes: z.uuid().optional(),
    payload: eventPayloadSchemas[type],
  });
}

// Listed one by one so TypeScript narrows the payload by `type`.
export const newCaseEventSchema = z.discriminatedUnion('type', [
  envelope('note'),
  envelope('consent'),
  envelope('assessment_csi'),
  envelope('assessment_family'),
  envelope('assessment_risk'),
  envelope('assessment_readiness'),
  envelope('care_plan'),
  envelope('approval_request'),
  envelope('approval_decision'),
  envelope('placement'),
  envelope('service'),
  envelope('education'),
  envelope('vocational_training'),
  envelope('health_check'),
  envelope('family_member'),
  envelope('tracing_attempt'),
  envelope('family_visit'),
  envelope('reintegration'),
  envelope('follow_up_visit'),
  envelope('lost_contact'),
  envelope('contact_restored'),
  envelope('closure'),
  envelope('reopening'),
]);
export type NewCaseEventInput = z.input<typeof newCaseEventSchema>;
export type NewCaseEvent = z.output<typeof newCaseEventSchema>;

export const caseEventSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  type: z.enum(CASE_EVENT_TYPES as [CaseEventType, ...CaseEventType[]]),
  occurredOn: isoDate,
  recordedAt: z.string(),
  authorId: z.uuid().nullable(),
  authorName: z.string().nullable(),
  /** The organisation that wrote the event: the lead or a participant (decision 0010). */
  organisationId: z.uuid(),
  organisationName: z.string(),
  supersedes: z.uuid().nullable(),
  /** Set when a later event corrects this one. */
  supersededBy: z.uuid().nullable(),
  payload: z.record(z.string(), z.unknown()),
  /** The sensitive tiers withheld from this user: those fields are missing from the payload. */
  hidden: z.array(z.enum(FIELD_TIERS)).optional(),
});
export type CaseEvent = z.infer<typeof caseEventSchema>;
export const caseEventListSchema = z.object({ items: z.array(caseEventSchema) });
