import { can, DomainError, type Facility, mayRead, type NewFacility } from '@homeward/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import { childrenAsSeenBy } from '../cases/child-visibility';
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
  if (!can(actor.access, 'case.read') && !can(actor.access, 'facility.manage')) {
    throw new DomainError('forbidden', 'Your role does not allow this.', [], 'forbidden');
  }
}

export async function listFacilities(db: Executor, actor: Actor): Promise<Facility[]> {
  requireRead(actor);
  const rows = await facilitiesOf(db, actor).orderBy('f.name').execute();
  return rows.map((row) => withoutHiddenLocation(actor, { ...row, occupancy: row.occupancy ?? 0 } as Facility));
}

/** Where a shelter is belongs to the location tier: a role that may not see locations gets its name only. */
function withoutHiddenLocation(actor: Actor, facility: Facility): Facility {
  return mayRead(actor.access, 'location') ? facility : { ...facility, villageCode: null };
}

export async function findFacility(db: Executor, actor: Actor, id: string): Promise<Facility> {
  requireRead(actor);
  const row = await facilitiesOf(db, actor).where('f.id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('not_found', 'No facility with this id.', [], 'not_found');
  return withoutHiddenLocation(actor, { ...row, occupancy: row.occupancy ?? 0 } as Facility);
}

/** The name of the facility a readable case is placed in, whichever organisation runs it. */
export async function placementFacilityName(db: Executor, facilityId: string): Promise<string | null> {
  const row = await db.selectFrom('facility').select('name').where('id', '=', facilityId).executeTakeFirst();
  return row?.name ?? null;
}

function requireManage(actor: Actor): void {
  if (!can(actor.access, 'facility.manage'))
    throw new DomainError('forbidden', 'Your role does not allow this.', [], 'forbidden');
}

export async function insertFacility(db: Executor, actor: Actor, id: string, input: NewFacility): Promise<void> {
  requireManage(actor);
  const inserted = await db
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
    // The id may come from the client; one already taken, in any organisation, is a conflict, not a crash.
    .onConflict((conflict) => conflict.column('id').doNothing())
    .executeTakeFirst();
  if (!inserted.numInsertedOrUpdatedRows) {
    throw new DomainError('conflict', 'This facility id is already used.', [], 'id_taken');
  }
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
  if (!can(actor.access, 'case.read'))
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
      'alias',
      'placed_since as since',
    ])
    .where('organisation_id', '=', actor.organisationId)
    .where('current_facility_id', '=', facilityId)
    .where('status', '<>', 'closed')
    .orderBy('placed_since')
    .execute();
  // Everyone who works in the facility sees who is there; names only of the children in their own scope.
  return childrenAsSeenBy(db, actor, rows, { action: 'facility.read_children', detail: { facilityId } });
}
