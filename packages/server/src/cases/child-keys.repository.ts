import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../db/schema';

/**
 * One child registered as several cases, then linked or merged by a supervisor, is one child in the reports.
 * The cases joined by such decisions (the latest decision on each pair) share a `child_key`: the smallest case id
 * among them; a case on its own keeps none, and reports count `coalesce(child_key, id)`. Kept by the transaction
 * that records a decision, for every case whose group it may have changed.
 */
function assignKeys(start: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    with recursive reach(root, id) as (
      select s.id, s.id from (${start}) s
      union
      select r.root, (e.payload->>'otherCaseId')::uuid
      from reach r
      join case_event e on e.case_id = r.id and e.type = 'duplicate_resolution'
      where e.payload->>'resolution' in ('linked', 'merged_into_other', 'other_merged_here')
        and not exists (
          select 1 from case_event later
          where later.case_id = e.case_id and later.type = 'duplicate_resolution' and later.seq > e.seq
            and later.payload->>'otherCaseId' = e.payload->>'otherCaseId')
    ),
    keyed as (
      select root, case when count(*) > 1 then min(id::text)::uuid end as child_key from reach group by root
    )
    update child_case c set child_key = k.child_key
    from keyed k
    where c.id = k.root and c.child_key is distinct from k.child_key`;
}

/** After a decision on `caseIds`: those cases and every case that shared a child with them before. */
export async function refreshChildKeys(trx: Transaction<Database>, caseIds: readonly string[]): Promise<void> {
  const ids = sql.join([...caseIds]);
  await assignKeys(sql`
    select c.id from child_case c
    where c.id in (${ids})
      or c.child_key in (select k.child_key from child_case k where k.id in (${ids}) and k.child_key is not null)`).execute(
    trx,
  );
}
