import { z } from 'zod';
import {
  CASE_SECTIONS,
  caseSectionsSchema,
  SECTIONS_WITHOUT_SHARING_CONSENT,
  type CaseSection,
} from '../access/case-sections';
import { FIELD_TIERS } from '../access/policy';
import { CARE_TYPES, FACILITY_CARE_TYPES, type CareType } from '../codes/care-codes';

/**
 * A transfer: the lead of a case moves to another organisation (decision 0010, issue 10 point 2). The sender
 * offers, the receiver accepts (choosing its worker) or declines with a reason, the sender may withdraw while
 * the offer is open. A case has at most one open offer.
 */
export const TRANSFER_STATUSES = ['offered', 'accepted', 'declined', 'withdrawn'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

/** Why the lead moves; `other` asks for the note to say more. */
export const TRANSFER_REASONS = ['child_moved', 'better_services', 'office_closing', 'capacity', 'other'] as const;
export type TransferReason = (typeof TRANSFER_REASONS)[number];

export const TRANSFER_DECLINE_REASONS = ['no_capacity', 'outside_area', 'not_our_services', 'other'] as const;
export type TransferDeclineReason = (typeof TRANSFER_DECLINE_REASONS)[number];

const note = z.string().trim().max(2000);

export const newTransferSchema = z
  .object({
    /** Client-generated, so a retry is answered with the same offer rather than refused as a second one. */
    id: z.uuid(),
    toOrganisationId: z.uuid({ message: 'Choose the organisation that will lead the case.' }),
    // Not `reason`: that name is a narrative field the tiers hide; this is a code.
    transferReason: z.enum(TRANSFER_REASONS),
    note: note.optional(),
    /** What the sender keeps reading after the transfer besides what it wrote: none by default. */
    sectionsKept: caseSectionsSchema.default([]),
  })
  .refine((offer) => offer.transferReason !== 'other' || (offer.note ?? '').length > 0, {
    message: 'Say why in the note.',
    path: ['note'],
  });
export type NewTransfer = z.input<typeof newTransferSchema>;

/** Sections a sender may keep: any with the child's consent to share, only these without. */
export function sectionsKeepable(sharingConsent: boolean): readonly CaseSection[] | 'all' {
  return sharingConsent ? 'all' : SECTIONS_WITHOUT_SHARING_CONSENT;
}

/** Forms of care that are a family rather than a facility: where a child may live without one of its facilities. */
export const HOME_CARE_TYPES = CARE_TYPES.filter((type) => !FACILITY_CARE_TYPES.includes(type)) as [
  CareType,
  ...CareType[],
];

/**
 * Where a child who lived in the sender's facility lives from the acceptance: one of the receiver's facilities
 * (its care type is the facility's), or a family. A full facility needs the reason, as any placement does.
 */
export const transferPlacementSchema = z
  .object({
    facilityId: z.uuid().optional(),
    careType: z.enum(HOME_CARE_TYPES).optional(),
    overCapacityReason: z.string().trim().max(1000).optional(),
  })
  .refine((place) => (place.facilityId === undefined) !== (place.careType === undefined), {
    message: 'Choose where the child lives now.',
  });
export type TransferPlacement = z.infer<typeof transferPlacementSchema>;

export const acceptTransferSchema = z.object({
  /** The receiver's caseworker or supervisor who will work the case. */
  workerId: z.uuid({ message: 'Choose who will work the case.' }),
  /** Asked only when the child lives in one of the sender's facilities (`livesInFacility` on the offer). */
  placement: transferPlacementSchema.optional(),
});
export type AcceptTransfer = z.infer<typeof acceptTransferSchema>;

export const declineTransferSchema = z
  .object({ declineReason: z.enum(TRANSFER_DECLINE_REASONS), note: note.optional() })
  .refine((decline) => decline.declineReason !== 'other' || (decline.note ?? '').length > 0, {
    message: 'Say why in the note.',
    path: ['note'],
  });
export type DeclineTransfer = z.input<typeof declineTransferSchema>;

export const transferSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  fromOrganisationId: z.uuid(),
  fromOrganisationName: z.string(),
  toOrganisationId: z.uuid(),
  toOrganisationName: z.string(),
  transferReason: z.enum(TRANSFER_REASONS),
  /** The sender's note is an account of the case: null, with 'narrative' in `hidden`, for a role without it. */
  note: z.string().nullable(),
  // Not the input's transform: a response schema must encode.
  sectionsKept: z.array(z.enum(CASE_SECTIONS)),
  status: z.enum(TRANSFER_STATUSES),
  offeredOn: z.string(),
  offeredByName: z.string().nullable(),
  decidedOn: z.string().nullable(),
  decidedByName: z.string().nullable(),
  declineReason: z.enum(TRANSFER_DECLINE_REASONS).nullable(),
  /** Free text like the note: null for a role that may not read accounts of the case. */
  declineNote: z.string().nullable(),
  /** The case's number at the sender when offered, and the receiver's once accepted. */
  senderCaseNumber: z.string(),
  receiverCaseNumber: z.string().nullable(),
  hidden: z.array(z.enum(FIELD_TIERS)).optional(),
});
export type Transfer = z.infer<typeof transferSchema>;

/** An earlier number of the case, kept after a transfer: "transferred from X, their number Y". */
export const caseReferenceSchema = z.object({
  organisationId: z.uuid(),
  organisationName: z.string(),
  caseNumber: z.string(),
  untilOn: z.string(),
});
export type CaseReference = z.infer<typeof caseReferenceSchema>;

export const caseTransfersSchema = z.object({
  /** Whether the reader's organisation leads the case (and so may offer it). */
  lead: z.boolean(),
  /** Whether it led the case before a transfer: it then reads its own writing (and kept sections) and writes none. */
  formerLead: z.boolean(),
  items: z.array(transferSchema),
  references: z.array(caseReferenceSchema),
  /** Whether the child's consent to share is given now: more than `services` may be kept only with it. */
  sharingConsent: z.boolean(),
});
export type CaseTransfers = z.infer<typeof caseTransfersSchema>;

/**
 * An offer waiting for the receiver. Before accepting, the receiver sees the child as anyone outside the case
 * does (number, alias, sex, age, case types), never the name: the identity comes with the lead.
 */
export const incomingTransferSchema = transferSchema.extend({
  alias: z.string().nullable(),
  sex: z.string(),
  ageYears: z.number().int().nullable(),
  caseTypes: z.array(z.string()),
  /** Whether the child lives in one of the sender's facilities: accepting then says where the child lives now. */
  livesInFacility: z.boolean(),
});
export type IncomingTransfer = z.infer<typeof incomingTransferSchema>;
export const incomingTransfersSchema = z.object({ items: z.array(incomingTransferSchema) });
export const incomingTransferCountSchema = z.object({ count: z.number().int() });

/** The receiver's organisations a case can go to: every organisation on this server that may lead a case. */
export const transferReceiversSchema = z.object({
  items: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.string(), provinceCode: z.string().nullable() })),
});
export type TransferReceivers = z.infer<typeof transferReceiversSchema>;
