import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Stays in care for the residence and care-cohort reports: each placement until the case's next placement,
 * reintegration or closure, corrected events left out. Derived from the events only, and rewritten for a case
 * in the transaction of each of its events, so they cannot drift from the history.
 */
function insertStays(condition: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    insert into care_stay (placement_id, case_id, organisation_id, care_type, facility_id, start_on, end_on)
    select s.id, s.case_id, s.organisation_id, s.payload->>'careType', (s.payload->>'facilityId')::uuid,
      s.occurred_on, s.end_on
    from (
      select e.id, e.case_id, e.organisation_id, e.type, e.occurred_on, e.payload,
        lead(e.occurred_on) over (partition by e.case_id order by e.occurred_on, e.seq) as end_on
      from case_event e
      where ${condition} and e.type in ('placement', 'reintegration', 'closure')
        and not exists (select 1 from case_event c where c.supersedes = e.id)
    ) s
    where s.type = 'placement'`;
}

export async function refreshCareStays(trx: Transaction<Database>, caseId: string): Promise<void> {
  await trx.deleteFrom('care_stay').where('case_id', '=', caseId).execute();
  await insertStays(sql`e.case_id = ${caseId}`).execute(trx);
}

/** Every case's stays at once, after a bulk load of events (the benchmark's generator). */
export async function rebuildCareStays(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('care_stay').execute();
  await insertStays(sql`true`).execute(db);
}
