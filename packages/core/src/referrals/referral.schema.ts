import { z } from 'zod';
import {
  caseSectionsSchema,
  CASE_SECTIONS,
  SECTIONS_WITHOUT_SHARING_CONSENT,
  type CaseSection,
} from '../access/case-sections';
import { CONSENT_GIVERS, SERVICE_KINDS } from '../codes/care-codes';
import { SEXES } from '../codes/case-codes';
import { isoDate } from '../text/dates';
import { newCaseSchema } from '../cases/case.schema';

/**
 * A referral for a service (decision 0010, issue 10 point 1): the lead asks another organisation to provide one
 * or more services, shares the sections the child's consent allows, and follows the answer.
 */
export const REFERRAL_URGENCIES = ['normal', 'urgent'] as const;
export type ReferralUrgency = (typeof REFERRAL_URGENCIES)[number];

export const REFERRAL_STATUSES = ['sent', 'accepted', 'declined', 'withdrawn', 'done'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** Why sharing beyond `SECTIONS_WITHOUT_SHARING_CONSENT` was allowed: consent on file, given now, or overridden. */
export const CONSENT_BASES = ['given', 'recorded_now', 'override'] as const;
export type ConsentBasis = (typeof CONSENT_BASES)[number];

const text = (max: number, message: string) => z.string().trim().min(1, { message }).max(max);

/** Whether sharing these sections needs the child's consent to share (or a supervisor's override). */
export function needsSharingConsent(sections: readonly CaseSection[]): boolean {
  return sections.some((section) => !SECTIONS_WITHOUT_SHARING_CONSENT.includes(section));
}

/**
 * The consent the sender works under. `on_file`: the case already holds a `sharing` consent; `record_now`: the
 * child or guardian gives it now and it is recorded as a consent event in the same request; `override`: a
 * supervisor shares without it, for a reason that is audited.
 */
export const referralConsentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('on_file') }),
  z.object({
    kind: z.literal('record_now'),
    givenBy: z.enum(CONSENT_GIVERS),
    guardianName: z.string().trim().max(160).optional(),
  }),
  z.object({
    kind: z.literal('override'),
    reason: text(2000, 'Say why the child’s information is shared without consent.'),
  }),
]);
export type ReferralConsent = z.output<typeof referralConsentSchema>;

export const newReferralSchema = z.object({
  /** Client-generated: a retry, or the same form sent twice, is one referral. */
  id: z.uuid(),
  receiverOrganisationId: z.uuid({ message: 'Choose the organisation that receives the child.' }),
  services: z
    .array(z.enum(SERVICE_KINDS))
    .min(1, { message: 'Choose at least one service.' })
    .max(SERVICE_KINDS.length),
  urgency: z.enum(REFERRAL_URGENCIES).default('normal'),
  note: z.string().trim().max(4000).optional(),
  sections: caseSectionsSchema.refine((sections) => sections.length > 0, { message: 'Share at least one section.' }),
  consent: referralConsentSchema.default({ kind: 'on_file' }),
});
export type NewReferral = z.output<typeof newReferralSchema>;
export type NewReferralInput = z.input<typeof newReferralSchema>;

/**
 * How the receiver takes the child on (point 1 and point 3): it works the service on the sender's case (a
 * participation, given to one of its workers), opens a case of its own pre-filled from what was shared, or links
 * a case it already has for the same child.
 */
export const acceptReferralSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('participate'), workerId: z.uuid().optional() }),
  // workerId: the receiver's caseworker who takes the child on, chosen by whoever may assign cases.
  z.object({ mode: z.literal('own_case'), newCase: newCaseSchema, workerId: z.uuid().optional() }),
  z.object({ mode: z.literal('link'), caseId: z.uuid() }),
]);
export type AcceptReferral = z.output<typeof acceptReferralSchema>;

export const declineReferralSchema = z.object({ reason: text(2000, 'Say why the referral is declined.') });
export const withdrawReferralSchema = z.object({ reason: z.string().trim().max(2000).optional() });
export const completeReferralSchema = z.object({
  feedback: text(4000, 'Write the feedback for the organisation that referred the child.'),
});

const organisationRef = z.object({ id: z.uuid(), name: z.string() });

export const serviceReferralSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  /** The sender's case number, shown to both sides. */
  caseNumber: z.string(),
  sender: organisationRef,
  receiver: organisationRef,
  services: z.array(z.enum(SERVICE_KINDS)),
  urgency: z.enum(REFERRAL_URGENCIES),
  note: z.string().nullable(),
  sections: z.array(z.enum(CASE_SECTIONS)),
  consentBasis: z.enum(CONSENT_BASES).nullable(),
  overrideReason: z.string().nullable(),
  overrideByName: z.string().nullable(),
  status: z.enum(REFERRAL_STATUSES),
  sentOn: isoDate,
  sentByName: z.string().nullable(),
  answeredOn: isoDate.nullable(),
  answeredByName: z.string().nullable(),
  declineReason: z.string().nullable(),
  withdrawnOn: isoDate.nullable(),
  withdrawReason: z.string().nullable(),
  doneOn: isoDate.nullable(),
  feedback: z.string().nullable(),
  assignedWorkerName: z.string().nullable(),
  receiverCaseId: z.uuid().nullable(),
  /** Waiting for an answer longer than the receiver's setting allows (urgent ones sooner). */
  overdue: z.boolean(),
  /** What the receiver sees of the child before accepting: never the name unless identity is shared. */
  child: z.object({
    sex: z.enum(SEXES),
    age: z.number().int().nullable(),
    alias: z.string().nullable(),
    name: z.string().nullable(),
    /** Case types are shown to any reader of the case; they pre-fill the receiver's own intake (point 3). */
    caseTypes: z.array(z.string()),
    /** Who the child is, only when identity is shared and the referral open: the receiver's intake pre-fill. */
    identity: z
      .object({
        familyNameKm: z.string().nullable(),
        givenNameKm: z.string().nullable(),
        familyNameLatin: z.string().nullable(),
        givenNameLatin: z.string().nullable(),
        dateOfBirth: isoDate.nullable(),
        dateOfBirthEstimated: z.boolean(),
        villageCode: z.string().nullable(),
      })
      .nullable(),
  }),
});
export type ServiceReferral = z.output<typeof serviceReferralSchema>;

export const serviceReferralListSchema = z.object({ items: z.array(serviceReferralSchema) });
export const incomingReferralsSchema = z.object({
  items: z.array(serviceReferralSchema),
  /** Referrals waiting for this organisation's answer: the navigation's count. */
  waiting: z.number().int(),
  overdue: z.number().int(),
});
export type IncomingReferrals = z.output<typeof incomingReferralsSchema>;

export const referralReceiverSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(['ngo', 'government', 'service_provider']),
  provinceCode: z.string().nullable(),
  services: z.array(z.enum(SERVICE_KINDS)),
});
export const referralReceiverListSchema = z.object({ items: z.array(referralReceiverSchema) });
export type ReferralReceiver = z.output<typeof referralReceiverSchema>;

export const referralReceiverQuerySchema = z.object({
  service: z.enum(SERVICE_KINDS).optional(),
  province: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
});

/** The services an organisation offers, set by its administrator, so senders can find it. */
export const organisationServicesSchema = z.object({
  services: z.array(z.enum(SERVICE_KINDS)).max(SERVICE_KINDS.length),
});

/** Whether a referral sent on `sentOn` and still unanswered is overdue on `today`. */
export function referralOverdue(
  referral: { status: ReferralStatus; urgency: ReferralUrgency; sentOn: string },
  today: string,
  reminder: { normalDays: number; urgentDays: number },
): boolean {
  if (referral.status !== 'sent') return false;
  const days = (Date.parse(today) - Date.parse(referral.sentOn)) / 86_400_000;
  return days > (referral.urgency === 'urgent' ? reminder.urgentDays : reminder.normalDays);
}

/** "Organisations working with this child": the lead and every participation, past ones included. */
export const caseParticipantSchema = z.object({
  organisationId: z.uuid(),
  organisationName: z.string(),
  role: z.enum(['lead', 'service_provider', 'department', 'former_lead']),
  sections: z.array(z.enum(CASE_SECTIONS)),
  startedOn: isoDate.nullable(),
  endedOn: isoDate.nullable(),
});
export const caseParticipantListSchema = z.object({ items: z.array(caseParticipantSchema) });
export type CaseParticipant = z.output<typeof caseParticipantSchema>;

export const incomingCountSchema = z.object({ waiting: z.number().int(), overdue: z.number().int() });
