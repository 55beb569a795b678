import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Stays in care for the residence and care-cohort reports: each placement until the case's next placement,
 * reintegration, closure, merge into another case, or loss of contact (a child who ran away no longer lives
 * there). Contact restored while a placement still stood starts a new stay in it; so does a transfer, for the
 * receiver (the acceptance is its event), the sender's stay ending on the transfer date, unless the receiver
 * placed the child elsewhere that day. Derived from the events only,
 * and rewritten for a case in the transaction of each of its events, so they cannot drift from the history.
 *
 * `era` numbers the placements and endings of a case in order; within an era, its first event (`anchor`) says
 * whether the child was placed, and where, when contact was lost and restored.
 */
function insertStays(condition: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    insert into care_stay (placement_id, case_id, organisation_id, care_type, facility_id, start_on, end_on)
    select s.id, s.case_id, s.organisation_id, a.payload->>'careType', (a.payload->>'facilityId')::uuid,
      s.occurred_on, s.end_on
    from (
      select b.*, first_value(b.id) over (partition by b.case_id, b.era order by b.occurred_on, b.seq) as anchor_id
      from (
        select e.id, e.case_id, e.organisation_id, e.type, e.occurred_on, e.seq,
          lead(e.occurred_on) over w as end_on,
          count(*) filter (where e.type not in ('lost_contact', 'contact_restored', 'transfer_accepted')) over w as era
        from case_event e
        where ${condition}
          and (e.type in ('placement', 'reintegration', 'closure', 'lost_contact', 'contact_restored',
              'transfer_accepted')
            or (e.type = 'duplicate_resolution' and e.payload->>'resolution' = 'merged_into_other'))
          and not exists (select 1 from case_event c where c.supersedes = e.id)
        window w as (partition by e.case_id order by e.occurred_on, e.seq)
      ) b
    ) s
    join case_event a on a.id = s.anchor_id and a.type = 'placement'
    where s.type in ('placement', 'contact_restored', 'transfer_accepted')
      -- A receiver that placed the child elsewhere on the day it accepted never had them in the sender's place.
      and not (s.type = 'transfer_accepted' and s.end_on = s.occurred_on)`;
}

export async function refreshCareStays(trx: Transaction<Database>, caseId: string): Promise<void> {
  await trx.deleteFrom('care_stay').where('case_id', '=', caseId).execute();
  await insertStays(sql`e.case_id = ${caseId}`).execute(trx);
}

/** Every case's stays at once, after a bulk load of events (the benchmark's generator) or a migration. */
export async function rebuildCareStays(db: Kysely<Database> | Transaction<Database>): Promise<void> {
  await db.deleteFrom('care_stay').execute();
  await insertStays(sql`true`).execute(db);
}
