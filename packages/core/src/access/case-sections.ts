import { z } from 'zod';
import type { CaseEventType } from '../cases/case-events';
import { OUT_OF_SCOPE } from './field-tiers';
import type { Access, FieldTier, TierLevels } from './policy';

/**
 * The parts of a case another organisation may be given (decision 0010). The lead reads them all; a participant
 * reads the ones it was given, what it wrote itself, and the case's course.
 */
export const CASE_SECTIONS = [
  'identity',
  'assessments',
  'care_plan',
  'placements',
  'services',
  'notes',
  'documents',
] as const;
export type CaseSection = (typeof CASE_SECTIONS)[number];

/** Events every participant reads: the consent it works under and whether the case is still open. */
export const COURSE = 'course';
export type EventSection = CaseSection | typeof COURSE;

/** Every event type's section; a new event type does not compile until it is placed here. */
export const SECTION_OF_EVENT: Readonly<Record<CaseEventType, EventSection>> = {
  intake: 'identity',
  profile_correction: 'identity',
  duplicate_resolution: 'identity',
  family_member: 'identity',
  note: 'notes',
  consent: COURSE,
  closure: COURSE,
  reopening: COURSE,
  lost_contact: COURSE,
  contact_restored: COURSE,
  assessment_csi: 'assessments',
  assessment_family: 'assessments',
  assessment_risk: 'assessments',
  assessment_readiness: 'assessments',
  care_plan: 'care_plan',
  approval_request: 'care_plan',
  approval_decision: 'care_plan',
  placement: 'placements',
  reintegration: 'placements',
  tracing_attempt: 'placements',
  family_visit: 'placements',
  follow_up_visit: 'placements',
  service: 'services',
  education: 'services',
  vocational_training: 'services',
  health_check: 'services',
  group_session: 'services',
  document: 'documents',
  // Transfers: the case's course, read by every participant.
  transfer_offered: COURSE,
  transfer_accepted: COURSE,
  transfer_declined: COURSE,
  transfer_withdrawn: COURSE,
  // Handover (issue 10 point 4)
  handover: COURSE,
  // Referral steps are the case's course: both sides (and any other participant) follow them.
  referral_sent: COURSE,
  referral_accepted: COURSE,
  referral_declined: COURSE,
  referral_withdrawn: COURSE,
  referral_done: COURSE,
};

export function sectionOf(type: string): EventSection {
  return (SECTION_OF_EVENT as Record<string, EventSection | undefined>)[type] ?? 'identity';
}

/** What a service provider may write into a case it participates in, among the sections it was given. */
export const PARTICIPANT_WRITABLE_SECTIONS: readonly CaseSection[] = ['services', 'notes', 'assessments', 'documents'];

/** Without the child's consent to share, only these go to another organisation (more needs an override). */
export const SECTIONS_WITHOUT_SHARING_CONSENT: readonly CaseSection[] = ['services'];

export const PARTICIPATION_ROLES = ['service_provider', 'department', 'former_lead'] as const;
export type ParticipationRole = (typeof PARTICIPATION_ROLES)[number];

export const caseSectionsSchema = z
  .array(z.enum(CASE_SECTIONS))
  .max(CASE_SECTIONS.length)
  .transform((sections) => CASE_SECTIONS.filter((section) => sections.includes(section)));

/**
 * How far a reader in one organisation reaches one case: as its lead, through an active participation (its
 * sections), or only to what the organisation wrote itself (a participation that ended, a former lead without
 * sections kept). The case read sends it, so the browser offers only what the server will take.
 */
export const caseReachSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('lead') }),
  z.object({
    kind: z.literal('participant'),
    organisationId: z.string(),
    role: z.enum(PARTICIPATION_ROLES),
    sections: z.array(z.enum(CASE_SECTIONS)).readonly(),
  }),
  z.object({ kind: z.literal('own_writing'), organisationId: z.string() }),
]);
export type CaseReach = z.infer<typeof caseReachSchema>;

/** Whether a reader with this reach sees a whole section of the case, whoever wrote in it. */
export function sectionReadable(reach: CaseReach, section: CaseSection): boolean {
  return reach.kind === 'lead' || (reach.kind === 'participant' && reach.sections.includes(section));
}

/**
 * Whether an event is a step of a transfer from or to this organisation: a former lead that reads only its own
 * writing still sees how the case left it (the receiver writes the acceptance).
 */
export function transferStepConcerns(type: string, payload: unknown, organisationId: string): boolean {
  if (!type.startsWith('transfer_')) return false;
  const p = (typeof payload === 'string' ? JSON.parse(payload) : payload) as {
    fromOrganisationId?: unknown;
    toOrganisationId?: unknown;
  } | null;
  return p?.fromOrganisationId === organisationId || p?.toOrganisationId === organisationId;
}

/**
 * Whether a reader with this reach sees an event written by `writerOrganisationId`; with the event's payload,
 * a reader of only its own writing also sees the transfer steps that name its organisation.
 */
export function eventReadable(
  reach: CaseReach,
  type: string,
  writerOrganisationId: string,
  payload?: unknown,
): boolean {
  if (reach.kind === 'lead') return true;
  if (writerOrganisationId === reach.organisationId) return true;
  if (reach.kind === 'own_writing') return transferStepConcerns(type, payload, reach.organisationId);
  const section = sectionOf(type);
  return section === COURSE || reach.sections.includes(section);
}

/** Whether a reader with this reach may add an event of this type (the lead's users within scope always may). */
export function eventWritable(reach: CaseReach, type: string): boolean {
  if (reach.kind === 'lead') return true;
  if (reach.kind !== 'participant' || reach.role !== 'service_provider') return false;
  const section = sectionOf(type);
  return section !== COURSE && PARTICIPANT_WRITABLE_SECTIONS.includes(section) && reach.sections.includes(section);
}

const HIDDEN_WITHOUT_IDENTITY: readonly FieldTier[] = ['identity', 'location'];

/**
 * The reader's field tiers on this case: their own, narrowed by what the participation shares. Without the
 * identity section, who the child is and where the family lives stay with the lead.
 */
export function tiersOnCase(access: Pick<Access, 'tiers'>, reach: CaseReach): Pick<Access, 'tiers'> {
  if (reach.kind === 'lead') return access;
  if (reach.kind === 'own_writing') return OUT_OF_SCOPE;
  if (reach.sections.includes('identity')) return access;
  const tiers: TierLevels = { ...access.tiers };
  for (const tier of HIDDEN_WITHOUT_IDENTITY) tiers[tier] = 'none';
  return { tiers };
}
