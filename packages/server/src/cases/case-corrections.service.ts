import { randomUUID } from 'node:crypto';
import {
  DomainError,
  planCorrection,
  profileOf,
  projectCase,
  sameFieldValue,
  tiersRefusedForCorrection,
  type CaseCorrection,
  romanisedSearchKey,
  type CaseDetail,
  type CaseProfile,
  type CorrectedField,
} from '@homeward/core';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Database } from '../db/schema';
import { readCaseSettings } from '../organisations/case-settings.repository';
import { auditCorrection, eventWithId, readCorrections } from './case-corrections.repository';
import { eventsForRules, insertEvent } from './case-events.repository';
import { updateCaseProjection } from './case-projection.repository';
import { lockCaseForWrite } from './case-reads.repository';
import { caseSearchKey, getCase, systemClock, toDetail, type Clock } from './cases.service';

/** Events that are not work with the child: a corrected referral date may not move past the first real entry. */
const NOT_ENTRIES = new Set(['intake', 'profile_correction']);

/** Whether a stored correction is the one sent again: every field it wrote has the value asked for. */
function isSameCorrection(stored: Record<string, unknown>, input: CaseCorrection): boolean {
  const changes = (stored.changes ?? {}) as Record<string, CorrectedField>;
  return Object.entries(changes).every(([field, change]) =>
    sameFieldValue((input.changes as Record<string, unknown>)[field], change.to),
  );
}

/**
 * Corrects a case's profile: one `profile_correction` event holding each field's old and new value and versions,
 * projected onto the case row in the same transaction. A stale field answers 409 and writes nothing; a retry of
 * the same correction (its client id) answers with the case and writes nothing twice.
 */
export async function correctCase(
  db: Kysely<Database>,
  actor: Actor,
  caseId: string,
  input: CaseCorrection,
  clock: Clock = systemClock,
): Promise<CaseDetail> {
  const refused = tiersRefusedForCorrection(input.changes, actor.access);
  if (refused.length > 0) {
    throw new DomainError(
      'forbidden',
      `Your role may not correct these details: ${refused.join(', ')}.`,
      [],
      'tier_read_only',
    );
  }
  const id = input.id ?? randomUUID();
  await db.transaction().execute(async (trx) => {
    // The lock comes first: two copies of one request then meet here one after the other.
    const row = await lockCaseForWrite(trx, actor, caseId);
    const used = await eventWithId(trx, id);
    if (used) {
      if (used.case_id === caseId && used.type === 'profile_correction' && isSameCorrection(used.payload, input))
        return;
      throw new DomainError('conflict', 'This correction id is already used.', [], 'id_taken');
    }
    const events = await eventsForRules(trx, caseId);
    const firstEntryOn =
      events
        .filter((event) => !NOT_ENTRIES.has(event.type))
        .map((event) => event.occurredOn)
        .sort()[0] ?? null;
    const today = clock.today();
    const plan = planCorrection({
      profile: profileOf(toDetail(row, { kind: 'lead' })),
      fieldVersions: row.field_versions,
      correction: input,
      history: await readCorrections(trx, caseId),
      today,
      firstEntryOn,
    });
    const fields = Object.keys(plan.changes);
    if (fields.length === 0) return;
    const event = { id, type: 'profile_correction', occurredOn: today, payload: { changes: plan.changes } };
    await insertEvent(trx, actor, { ...event, caseId });
    const projection = projectCase([...events, event], await readCaseSettings(trx, row.organisation_id));
    await updateCaseProjection(
      trx,
      caseId,
      projection,
      identityColumns(plan.profile, plan.fieldVersions, row.case_number),
    );
    await auditCorrection(trx, actor, caseId, { eventId: id, fields });
  });
  return getCase(db, actor, caseId);
}

/** The case row's own columns for the child's identity; the intake's fields come from the projection. */
function identityColumns(profile: CaseProfile, fieldVersions: Record<string, number>, caseNumber: string) {
  return {
    family_name_km: profile.familyNameKm,
    given_name_km: profile.givenNameKm,
    family_name_latin: profile.familyNameLatin,
    given_name_latin: profile.givenNameLatin,
    alias: profile.alias,
    sex: profile.sex,
    date_of_birth: profile.dateOfBirth,
    date_of_birth_estimated: profile.dateOfBirthEstimated,
    village_code: profile.villageCode,
    nationality: profile.nationality,
    search_key: caseSearchKey(profile, caseNumber),
    romanised_key: romanisedSearchKey(profile),
    field_versions: JSON.stringify(fieldVersions),
  };
}
