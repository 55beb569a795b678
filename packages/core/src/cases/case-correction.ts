import { FIELD_TIERS, mayWrite, type Access, type FieldTier } from '../access/policy';
import { DomainError, invalid } from '../errors';
import { mergeFieldEdits, sameFieldValue, type VersionedValue } from '../records/field-merge';
import {
  CORRECTABLE_FIELDS,
  CORRECTION_TIER,
  type CaseCorrection,
  type CaseProfile,
  type CorrectableField,
  type CorrectedField,
  type FieldConflictDetail,
  type FieldVersions,
} from './case-correction.schema';
import type { CaseDetail } from './case.schema';

/** A stale correction: answered 409 with each conflicting field, your value beside the current one. */
export class FieldConflictError extends DomainError {
  constructor(readonly conflicts: FieldConflictDetail[]) {
    super(
      'conflict',
      'Someone changed these fields after you opened them. Choose, field by field, which value to keep.',
      [],
      'conflict',
    );
  }
}

/** The correctable fields of a case as `GET /cases/{id}` returns it (null where the reader may not see them). */
export function profileOf(detail: CaseDetail): CaseProfile {
  return {
    familyNameKm: detail.familyNameKm,
    givenNameKm: detail.givenNameKm,
    familyNameLatin: detail.familyNameLatin,
    givenNameLatin: detail.givenNameLatin,
    alias: detail.alias,
    sex: detail.sex,
    dateOfBirth: detail.dateOfBirth ?? '',
    dateOfBirthEstimated: detail.dateOfBirthEstimated,
    villageCode: detail.villageCode,
    nationality: detail.nationality,
    caseTypes: detail.caseTypes,
    childType: detail.childType,
    riskLevel: detail.riskLevel,
    'referral.source': detail.referral.source,
    'referral.sourceName': detail.referral.sourceName ?? null,
    'referral.referredOn': detail.referral.referredOn,
    'referral.reason': detail.referral.reason ?? null,
  };
}

/** The tiers a correction writes to that the user may not write: empty when it is allowed. */
export function tiersRefusedForCorrection(
  changes: Partial<Record<CorrectableField, unknown>>,
  access: Pick<Access, 'tiers'>,
): FieldTier[] {
  const refused = new Set<FieldTier>();
  for (const field of Object.keys(changes) as CorrectableField[]) {
    const tier = CORRECTION_TIER[field];
    if (tier && !mayWrite(access, tier)) refused.add(tier);
  }
  return FIELD_TIERS.filter((tier) => refused.has(tier));
}

/** A recorded correction as the history holds it: who, when, and each field's values and versions. */
export interface RecordedCorrection {
  authorName: string | null;
  recordedAt: string;
  changes: Readonly<Record<string, CorrectedField>>;
}

/**
 * The value each stale field had at the writer's base version, found in the history: the value a correction
 * produced at that version, or the value before the field's first correction when the base is 0.
 */
export function valuesAtBase(
  history: readonly RecordedCorrection[],
  baseVersions: Readonly<Record<string, number>>,
): Record<string, unknown> {
  const seen: Record<string, unknown> = {};
  for (const [field, base] of Object.entries(baseVersions)) {
    for (const correction of history) {
      const change = correction.changes[field];
      if (!change) continue;
      if (base === 0 && change.baseVersion === 0) seen[field] = change.from;
      if (change.version === base) seen[field] = change.to;
    }
  }
  return seen;
}

/** Cross-field rules the whole corrected profile must still pass, with today's date. */
export function checkProfile(profile: CaseProfile, today: string, firstEntryOn: string | null): void {
  if (!profile.givenNameKm && !profile.givenNameLatin) {
    throw invalid('givenNameKm', 'Enter the child’s given name in Khmer script or in Latin letters.');
  }
  const referredOn = profile['referral.referredOn'];
  if (referredOn > today) throw invalid('referral.referredOn', 'The referral date is in the future.', 'date_in_future');
  if (firstEntryOn && referredOn > firstEntryOn) {
    throw invalid(
      'referral.referredOn',
      `The referral date cannot be after the first entry in the case (${firstEntryOn}).`,
      'after_first_entry',
    );
  }
  if (profile.dateOfBirth > today)
    throw invalid('dateOfBirth', 'The date of birth is in the future.', 'date_in_future');
  if (profile.dateOfBirth > referredOn) {
    throw invalid('dateOfBirth', 'The date of birth is after the referral date.', 'birth_after_referral');
  }
}

export interface CorrectionPlan {
  /** The event's payload: only the fields that change, each with both values and versions. */
  changes: Record<string, CorrectedField>;
  profile: CaseProfile;
  fieldVersions: FieldVersions;
}

/**
 * What a correction writes, decided without I/O: the merge rule per field, then the rules of a whole profile.
 * Throws a FieldConflictError (nothing written) when any field is stale; returns no changes when every field
 * already has the value sent.
 */
export function planCorrection(input: {
  profile: CaseProfile;
  fieldVersions: FieldVersions;
  correction: CaseCorrection;
  history: readonly RecordedCorrection[];
  today: string;
  firstEntryOn: string | null;
}): CorrectionPlan {
  const { profile, fieldVersions, correction, history } = input;
  const current: Record<string, VersionedValue> = {};
  for (const field of CORRECTABLE_FIELDS)
    current[field] = { value: profile[field], version: fieldVersions[field] ?? 0 };
  const outcome = mergeFieldEdits(current, {
    changes: correction.changes,
    baseVersions: correction.baseVersions,
    seen: valuesAtBase(history, correction.baseVersions),
  });
  if (outcome.conflicts.length > 0) {
    throw new FieldConflictError(
      outcome.conflicts.map((conflict) => {
        const last = [...history].reverse().find((entry) => entry.changes[conflict.field]);
        return {
          ...conflict,
          field: conflict.field as CorrectableField,
          changedBy: last?.authorName ?? null,
          changedAt: last?.recordedAt ?? null,
        };
      }),
    );
  }
  const changes: Record<string, CorrectedField> = {};
  const next: Record<string, unknown> = { ...profile };
  const versions: FieldVersions = { ...fieldVersions };
  for (const [field, to] of Object.entries(outcome.apply) as [CorrectableField, unknown][]) {
    if (sameFieldValue(to, profile[field])) continue;
    const version = (fieldVersions[field] ?? 0) + 1;
    changes[field] = { from: profile[field], to, baseVersion: correction.baseVersions[field] ?? 0, version };
    next[field] = to;
    versions[field] = version;
  }
  const corrected = next as CaseProfile;
  if (Object.keys(changes).length > 0) checkProfile(corrected, input.today, input.firstEntryOn);
  return { changes, profile: corrected, fieldVersions: versions };
}
