import { FIELD_TIERS, mayRead, mayWrite, type Access, type FieldTier } from './policy';

/**
 * The tier of each sensitive field, by its name, wherever it appears in a case or an event. A field name must be
 * classified here or in PLAIN_FIELDS: a test walks every event schema and fails on a new free-text field that is
 * in neither, so a new field is never shown to everyone by oversight.
 */
export const TIER_OF_FIELD: Readonly<Record<string, FieldTier>> = {
  // Who the child is, and who can be reached about them.
  familyNameKm: 'identity',
  givenNameKm: 'identity',
  familyNameLatin: 'identity',
  givenNameLatin: 'identity',
  dateOfBirth: 'identity',
  nationality: 'identity',
  guardianName: 'identity',
  name: 'identity',
  phone: 'identity',
  carerName: 'identity',
  // What happened: every free-text account may hold the story of the abuse.
  text: 'narrative',
  note: 'narrative',
  summary: 'narrative',
  reason: 'narrative',
  concerns: 'narrative',
  childPerspective: 'narrative',
  comment: 'narrative',
  risksFound: 'narrative',
  actionsTaken: 'narrative',
  goal: 'narrative',
  action: 'narrative',
  method: 'narrative',
  overCapacityReason: 'narrative',
  // A referral's feedback from the receiver (issue 10) tells how the child is.
  feedback: 'narrative',
  // A profile correction names the referral's fields by their path.
  'referral.reason': 'narrative',
  // Health, HIV status included.
  condition: 'health',
  hivStatus: 'health',
  medication: 'health',
  // Where the child's family lives and where the child goes to school.
  villageCode: 'location',
  school: 'location',
};

/** Free-text or date fields that say nothing sensitive about the child. */
export const PLAIN_FIELDS: readonly string[] = [
  'sourceName',
  'referredOn',
  'who',
  'by',
  'reviewOn',
  'schoolYear',
  'provider',
  'partnerName',
  'title',
  'informedWhom',
  'informedOn',
  'endOn',
  'nextVisitOn',
  'nextCheckOn',
  // Transfers: the organisations and the case's numbers, which anyone reading the case may see.
  'fromOrganisationName',
  'toOrganisationName',
  'caseNumber',
  'previousCaseNumber',
  // Handover (issue 10 point 4): the organisations a case passes between, and the plan and staff member whose
  // approval closed it as stable.
  'planName',
  'approverName',
  // Referral steps name the two organisations (issue 10).
  'senderName',
  'receiverName',
];

/** For a case outside the user's scope that a list still mentions (a duplicate match): its number, no more. */
export const OUT_OF_SCOPE: Pick<Access, 'tiers'> = {
  tiers: { identity: 'none', narrative: 'none', health: 'none', location: 'none' },
};

export interface Redacted<T> {
  value: T;
  hidden: FieldTier[];
}

function collect(hidden: Set<FieldTier>): FieldTier[] {
  return FIELD_TIERS.filter((tier) => hidden.has(tier));
}

function redactValue(value: unknown, access: Pick<Access, 'tiers'>, hidden: Set<FieldTier>): unknown {
  if (Array.isArray(value)) return value.map((item) => redactValue(item, access, hidden));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const tier = TIER_OF_FIELD[key];
    if (tier && !mayRead(access, tier)) {
      if (item !== undefined && item !== null) hidden.add(tier);
      continue;
    }
    out[key] = redactValue(item, access, hidden);
  }
  return out;
}

/** An event's payload without the fields the user's tiers hide, and which tiers were hidden. */
export function redactPayload(
  payload: Record<string, unknown>,
  access: Pick<Access, 'tiers'>,
): Redacted<Record<string, unknown>> {
  const hidden = new Set<FieldTier>();
  const value = redactValue(payload, access, hidden) as Record<string, unknown>;
  return { value, hidden: collect(hidden) };
}

/**
 * A case as the user may see it: hidden fields become null (the case number and alias stay, so the child can
 * still be named in the work), and `hidden` says which tiers were withheld.
 */
export function redactCase<T extends Record<string, unknown>>(
  row: T,
  access: Pick<Access, 'tiers'>,
): T & { hidden: FieldTier[] } {
  const hidden = new Set<FieldTier>();
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(row)) {
    const tier = TIER_OF_FIELD[key];
    if (tier && !mayRead(access, tier)) {
      if (item !== undefined && item !== null) hidden.add(tier);
      out[key] = null;
    } else {
      out[key] = redactValue(item, access, hidden);
    }
  }
  return { ...(out as T), hidden: collect(hidden) };
}

/** The tiers a payload writes to that the user may not write: empty when the write is allowed. */
export function tiersRefusedForWrite(payload: unknown, access: Pick<Access, 'tiers'>): FieldTier[] {
  const refused = new Set<FieldTier>();
  const visit = (value: unknown) => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [key, item] of Object.entries(value)) {
      const tier = TIER_OF_FIELD[key];
      if (tier && item !== undefined && item !== null && item !== '' && !mayWrite(access, tier)) refused.add(tier);
      visit(item);
    }
  };
  visit(payload);
  return collect(refused);
}
