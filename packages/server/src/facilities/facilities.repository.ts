import { can, DomainError, type Facility, type NewFacility } from '@homeward/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import type { Database } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

/** Facilities of the actor's organisation only, with their occupancy derived from current placements. */
function facilitiesOf(db: Executor, actor: Actor) {
  return db
    .selectFrom('facility as f')
    .select([
      'f.id',
      'f.organisation_id as organisationId',
      'f.name',
      'f.care_type as careType',
      'f.village_code as villageCode',
      'f.capacity',
      'f.status',
      (eb) =>
        eb
          .selectFrom('child_case as c')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('c.current_facility_id', '=', 'f.id')
          .where('c.status', '<>', 'closed')
          .as('occupancy'),
    ])
    .where('f.organisation_id', '=', actor.organisationId);
}

function requireRead(actor: Actor): void {
  if (!can(actor.roles, 'case.read') && !can(actor.roles, 'facility.manage')) {
    throw new DomainError('forbidden', 'Your role does not allow this.', [], 'forbidden');
  }
}

export async function listFacilities(db: Executor, actor: Actor): Promise<Facility[]> {
  requireRead(actor);
  const rows = await facilitiesOf(db, actor).orderBy('f.name').execute();
  return rows.map((row) => ({ ...row, occupancy: row.occupancy ?? 0 }) as Facility);
}

export async function findFacility(db: Executor, actor: Actor, id: string): Promise<Facility> {
  requireRead(actor);
  const row = await facilitiesOf(db, actor).where('f.id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('not_found', 'No facility with this id.', [], 'not_found');
  return { ...row, occupancy: row.occupancy ?? 0 } as Facility;
}

function requireManage(actor: Actor): void {
  if (!can(actor.roles, 'facility.manage'))
    throw new DomainError('forbidden', 'Your role does not allow this.', [], 'forbidden');
}

export async function insertFacility(db: Executor, actor: Actor, id: string, input: NewFacility): Promise<void> {
  requireManage(actor);
  await db
    .insertInto('facility')
    .values({
      id,
      organisation_id: actor.organisationId,
      name: input.name,
      care_type: input.careType,
      village_code: input.villageCode ?? null,
      capacity: input.capacity,
      status: input.status,
    })
    .execute();
  await appendAudit(db, { ...actor, action: 'facility.create', detail: { facilityId: id } });
}

export async function updateFacility(db: Executor, actor: Actor, id: string, input: NewFacility): Promise<void> {
  requireManage(actor);
  const result = await db
    .updateTable('facility')
    .set({
      name: input.name,
      care_type: input.careType,
      village_code: input.villageCode ?? null,
      capacity: input.capacity,
      status: input.status,
    })
    .where('id', '=', id)
    .where('organisation_id', '=', actor.organisationId)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new DomainError('not_found', 'No facility with this id.', [], 'not_found');
  await appendAudit(db, { ...actor, action: 'facility.update', detail: { facilityId: id } });
}

export async function childrenInFacility(db: Executor, actor: Actor, facilityId: string) {
  await findFacility(db, actor, facilityId);
  if (!can(actor.roles, 'case.read'))
    throw new DomainError('forbidden', 'Your role does not allow this.', [], 'forbidden');
  const rows = await db
    .selectFrom('child_case')
    .select([
      'id as caseId',
      'case_number as caseNumber',
      'family_name_km as familyNameKm',
      'given_name_km as givenNameKm',
      'family_name_latin as familyNameLatin',
      'given_name_latin as givenNameLatin',
      'placed_since as since',
    ])
    .where('organisation_id', '=', actor.organisationId)
    .where('current_facility_id', '=', facilityId)
    .where('status', '<>', 'closed')
    .orderBy('placed_since')
    .execute();
  await appendAudit(db, {
    ...actor,
    action: 'facility.read_children',
    detail: { facilityId, results: rows.length },
  });
  return rows;
}
