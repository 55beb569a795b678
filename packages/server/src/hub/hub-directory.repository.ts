import type { HubDirectory } from '@homeward/core';
import type { Kysely, Transaction } from 'kysely';
import type { CaseWithWorker } from '../cases/case-reads.repository';
import { visibleCases } from '../cases/child-visibility';
import type { Actor } from '../auth/actor';
import type { Database } from '../db/schema';

/** SQL of what the central server sends its hubs beyond the cases: the organisation, its places and people. */
type Executor = Kysely<Database> | Transaction<Database>;

/**
 * A hub's scope: the cases its organisation leads, through the one access check (`visibleCases` at the
 * organisation's scope). Cases it only takes part in stay with the phones of the people given them.
 */
export function hubScope(db: Executor, actor: Actor): Promise<CaseWithWorker[]> {
  return visibleCases(db, actor)
    .leftJoin('app_user as worker', 'worker.id', 'child_case.assigned_worker_id')
    .selectAll('child_case')
    .select('worker.display_name as assigned_worker_name')
    .where('child_case.organisation_id', '=', actor.organisationId)
    .orderBy('child_case.id')
    .execute();
}

export async function hubDirectory(
  db: Executor,
  organisationId: string,
  writerIds: readonly string[],
): Promise<HubDirectory> {
  const organisation = await db
    .selectFrom('organisation')
    .selectAll()
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
  const facilities = await db
    .selectFrom('facility')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('id')
    .execute();
  const users = await db
    .selectFrom('app_user')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('id')
    .execute();
  const others = writerIds.filter((id) => id !== organisationId);
  const writers = others.length
    ? await db
        .selectFrom('organisation')
        .select(['id', 'name'])
        .where('id', 'in', [...others])
        .orderBy('id')
        .execute()
    : [];
  return {
    organisation: {
      id: organisation.id,
      name: organisation.name,
      kind: organisation.kind,
      provinceCode: organisation.province_code,
      casePrefix: organisation.case_prefix,
      caseSettings: organisation.case_settings,
      accessPolicy: organisation.access_policy,
      requireTwoFactor: organisation.require_two_factor,
    },
    facilities: facilities.map((row) => ({
      id: row.id,
      name: row.name,
      careType: row.care_type,
      villageCode: row.village_code,
      capacity: row.capacity,
      status: row.status,
    })),
    users: users.map((row) => ({
      id: row.id,
      email: row.email,
      displayName: row.display_name,
      roles: row.roles,
      locale: row.locale,
      team: row.team,
      facilityId: row.facility_id,
      disabled: row.disabled_at !== null,
      passwordHash: row.password_hash,
    })),
    writers,
  };
}

/** The organisation's active users among these ids, with what makes their access: the authors of a hub's push. */
export function activeAuthors(db: Executor, organisationId: string, userIds: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select(['u.id', 'u.roles', 'u.team', 'u.facility_id', 'o.access_policy'])
    .where('u.organisation_id', '=', organisationId)
    .where('u.id', 'in', [...userIds])
    .where('u.disabled_at', 'is', null)
    .execute();
}
