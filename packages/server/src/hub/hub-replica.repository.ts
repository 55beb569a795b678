import {
  projectCase,
  romanisedSearchKey,
  type CaseDetail,
  type CaseSettings,
  type HubDirectory,
  type PullResponse,
} from '@homeward/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import { updateCaseProjection } from '../cases/case-projection.repository';
import { eventsForRules } from '../cases/case-events.repository';
import { caseSearchKey } from '../cases/cases.service';
import type { Database } from '../db/schema';

/**
 * SQL of a hub writing what its central server sent into its own database, under the same ids: the
 * organisation, its facilities and people, the cases and their events. Each case's derived columns are then
 * projected from its events here, as any write of this server does.
 */
type Trx = Transaction<Database>;

/**
 * A case made at the hub is numbered `<prefix>-HUB-<year>-<n>` until the central server numbers it: a series the
 * central server never gives, so the two never meet in the hub's one list of numbers.
 */
export const hubCasePrefix = (centralPrefix: string) => `${centralPrefix}-HUB`;

/** The organisation as the central server has it; its case series at the hub stays the hub's own. */
export async function upsertOrganisation(trx: Trx, organisation: HubDirectory['organisation']): Promise<void> {
  const values = {
    name: organisation.name,
    kind: organisation.kind,
    province_code: organisation.provinceCode,
    case_settings: JSON.stringify(organisation.caseSettings),
    access_policy: JSON.stringify(organisation.accessPolicy),
    require_two_factor: organisation.requireTwoFactor,
  };
  await trx
    .insertInto('organisation')
    .values({ id: organisation.id, case_prefix: hubCasePrefix(organisation.casePrefix), ...values })
    .onConflict((conflict) => conflict.column('id').doUpdateSet(values))
    .execute();
}

/**
 * Other organisations that wrote on the cases (participants): the hub knows them by name only, enough to say
 * who wrote an event. They have no users, cases or settings here.
 */
export async function upsertWriters(trx: Trx, writers: HubDirectory['writers']): Promise<void> {
  if (writers.length === 0) return;
  await trx
    .insertInto('organisation')
    .values(writers.map((writer) => ({ id: writer.id, name: writer.name, kind: 'ngo', case_prefix: 'EXT' }) as const))
    .onConflict((conflict) => conflict.column('id').doUpdateSet({ name: sql`excluded.name` }))
    .execute();
}

export async function upsertFacilities(trx: Trx, organisationId: string, facilities: HubDirectory['facilities']) {
  if (facilities.length === 0) return;
  await trx
    .insertInto('facility')
    .values(
      facilities.map((facility) => ({
        id: facility.id,
        organisation_id: organisationId,
        name: facility.name,
        care_type: facility.careType,
        village_code: facility.villageCode,
        capacity: facility.capacity,
        status: facility.status,
      })),
    )
    .onConflict((conflict) =>
      conflict.column('id').doUpdateSet({
        name: sql`excluded.name`,
        care_type: sql`excluded.care_type`,
        village_code: sql`excluded.village_code`,
        capacity: sql`excluded.capacity`,
        status: sql`excluded.status`,
      }),
    )
    .execute();
}

/**
 * The organisation's people with their password hashes, so they sign in at the shelter as at head office. Their
 * second factor, sessions, lockout counters and last sign-in stay the hub's own; a person disabled centrally is
 * disabled here, and her sessions here end.
 */
export async function upsertUsers(trx: Trx, organisationId: string, users: HubDirectory['users']): Promise<void> {
  if (users.length === 0) return;
  await trx
    .insertInto('app_user')
    .values(
      users.map((user) => ({
        id: user.id,
        organisation_id: organisationId,
        email: user.email,
        display_name: user.displayName,
        password_hash: user.passwordHash,
        roles: user.roles,
        locale: user.locale,
        team: user.team,
        facility_id: user.facilityId,
        disabled_at: user.disabled ? new Date() : null,
      })),
    )
    .onConflict((conflict) =>
      conflict.column('id').doUpdateSet({
        email: sql`excluded.email`,
        display_name: sql`excluded.display_name`,
        password_hash: sql`excluded.password_hash`,
        roles: sql`excluded.roles`,
        locale: sql`excluded.locale`,
        team: sql`excluded.team`,
        facility_id: sql`excluded.facility_id`,
        disabled_at: sql`case when excluded.disabled_at is null then null else coalesce(app_user.disabled_at, excluded.disabled_at) end`,
      }),
    )
    .execute();
  const disabled = users.filter((user) => user.disabled).map((user) => user.id);
  if (disabled.length > 0) await trx.deleteFrom('user_session').where('user_id', 'in', disabled).execute();
}

/** The case's own columns as the central server sent them; its number replaces a provisional one. */
export async function upsertCase(trx: Trx, detail: CaseDetail): Promise<void> {
  const values = {
    case_number: detail.caseNumber,
    family_name_km: detail.familyNameKm,
    given_name_km: detail.givenNameKm,
    family_name_latin: detail.familyNameLatin,
    given_name_latin: detail.givenNameLatin,
    alias: detail.alias,
    sex: detail.sex,
    // A hub reads every tier of its organisation's cases: the birth date is never withheld from it.
    date_of_birth: detail.dateOfBirth as string,
    date_of_birth_estimated: detail.dateOfBirthEstimated,
    village_code: detail.villageCode,
    nationality: detail.nationality,
    child_type: detail.childType,
    case_types: detail.caseTypes,
    referral: JSON.stringify(detail.referral),
    search_key: caseSearchKey(detail, detail.caseNumber),
    romanised_key: romanisedSearchKey({
      familyNameKm: detail.familyNameKm ?? undefined,
      givenNameKm: detail.givenNameKm ?? undefined,
      familyNameLatin: detail.familyNameLatin ?? undefined,
      givenNameLatin: detail.givenNameLatin ?? undefined,
    }),
    status: detail.status,
    risk_level: detail.riskLevel,
    opened_on: detail.openedOn,
    last_event_on: detail.openedOn,
    assigned_worker_id: detail.assignedWorkerId,
    field_versions: JSON.stringify(detail.fieldVersions),
  };
  await trx
    .insertInto('child_case')
    .values({ id: detail.id, organisation_id: detail.organisationId, created_at: detail.createdAt, ...values })
    .onConflict((conflict) => conflict.column('id').doUpdateSet(values))
    .execute();
}

/** Events the hub does not have yet, in the central server's order; one it sent up is already here. */
export async function insertEvents(
  trx: Trx,
  events: PullResponse['events'],
  knownUsers: ReadonlySet<string>,
): Promise<void> {
  if (events.length === 0) return;
  await trx
    .insertInto('case_event')
    .values(
      events.map((event) => ({
        id: event.id,
        case_id: event.caseId,
        organisation_id: event.organisationId,
        type: event.type,
        occurred_on: event.occurredOn,
        recorded_at: event.recordedAt,
        // A participant's author is not a user here; the event still names her organisation.
        author_id: event.authorId && knownUsers.has(event.authorId) ? event.authorId : null,
        supersedes: event.supersedes,
        payload: JSON.stringify(event.payload),
      })),
    )
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
}

/**
 * When the central server first sends a case the hub made, its intake event (made with the case, under an id of
 * the central server's own) replaces the hub's.
 */
export async function replaceOwnIntake(trx: Trx, caseId: string, centralEventIds: readonly string[]): Promise<void> {
  let query = trx.deleteFrom('case_event').where('case_id', '=', caseId).where('type', '=', 'intake');
  if (centralEventIds.length > 0) query = query.where('id', 'not in', [...centralEventIds]);
  await query.execute();
}

/** The derived columns from the case's events, as after any event written here. */
export async function reproject(trx: Trx, caseId: string, settings: CaseSettings): Promise<void> {
  await updateCaseProjection(trx, caseId, projectCase(await eventsForRules(trx, caseId), settings));
}

/**
 * Whether the hub holds work on this case that the central server has not answered: the case itself made here, an
 * event or correction, or a document. Such a case is not forgotten yet (decision 0019): the next round's push
 * sends it, and the central server applies it or holds it for a person.
 */
export async function hasUnsentWork(trx: Trx, caseId: string): Promise<boolean> {
  const known = trx.selectFrom('hub_known').select('id');
  const unsent = await trx
    .selectFrom('child_case')
    .select('id')
    .where('id', '=', caseId)
    .where('id', 'not in', known)
    .unionAll(trx.selectFrom('case_event').select('id').where('case_id', '=', caseId).where('id', 'not in', known))
    .unionAll(trx.selectFrom('attachment').select('id').where('case_id', '=', caseId).where('id', 'not in', known))
    .limit(1)
    .execute();
  return unsent.length > 0;
}

/**
 * A case the central server says the hub must forget, with what this server keeps about it for its own work:
 * tasks, stays, referrals, notifications, offline marks and which phones hold it (a phone synced with the hub is
 * told to forget it at its next pull). Operations held here for a person keep naming it (no foreign key).
 */
export async function forgetCase(trx: Trx, caseId: string): Promise<void> {
  // Another case's referral that led to this one keeps its history, without the link.
  await trx.updateTable('referral').set({ receiver_case_id: null }).where('receiver_case_id', '=', caseId).execute();
  await trx.deleteFrom('attachment').where('case_id', '=', caseId).execute();
  await trx.deleteFrom('task').where('case_id', '=', caseId).execute();
  await trx.deleteFrom('care_stay').where('case_id', '=', caseId).execute();
  await trx.deleteFrom('case_event').where('case_id', '=', caseId).execute();
  await trx.deleteFrom('hub_case_mark').where('case_id', '=', caseId).execute();
  await trx.deleteFrom('child_case').where('id', '=', caseId).execute();
}

export async function caseNumberOf(trx: Trx | Kysely<Database>, caseId: string): Promise<string | null> {
  const row = await trx.selectFrom('child_case').select('case_number').where('id', '=', caseId).executeTakeFirst();
  return row?.case_number ?? null;
}

export async function userIds(trx: Trx, organisationId: string): Promise<Set<string>> {
  const rows = await trx.selectFrom('app_user').select('id').where('organisation_id', '=', organisationId).execute();
  return new Set(rows.map((row) => row.id));
}
