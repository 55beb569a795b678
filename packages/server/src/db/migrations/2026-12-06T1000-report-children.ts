import { sql, type Kysely } from 'kysely';

/**
 * Reports count children, not registrations (issue 9): cases linked or merged as one child share a `child_key`
 * (the smallest case id of the group; null for a case on its own), kept by the duplicate decision's transaction
 * and read from the narrow report index. Stays in care now also end when a case is merged into another or the
 * child's contact is lost, and resume when contact is restored while placed; every case's stays are rewritten.
 * The SQL is a frozen copy of the repositories' at the time (reports/care-stays, cases/child-keys).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table child_case add column child_key uuid;

    with recursive reach(root, id) as (
      select s.id, s.id from (select distinct e.case_id as id from case_event e where e.type = 'duplicate_resolution') s
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
    update child_case c set child_key = k.child_key from keyed k where c.id = k.root;

    drop index child_case_report_idx;
    create index child_case_report_idx on child_case (id) include (organisation_id, village_code, sex, date_of_birth,
      case_types, status, opened_on, closed_on, reintegrated_on, next_follow_up_on, assigned_worker_id,
      current_facility_id, current_care_type, child_key);

    delete from care_stay;
    insert into care_stay (placement_id, case_id, organisation_id, care_type, facility_id, start_on, end_on)
    select s.id, s.case_id, s.organisation_id, a.payload->>'careType', (a.payload->>'facilityId')::uuid,
      s.occurred_on, s.end_on
    from (
      select b.*, first_value(b.id) over (partition by b.case_id, b.era order by b.occurred_on, b.seq) as anchor_id
      from (
        select e.id, e.case_id, e.organisation_id, e.type, e.occurred_on, e.seq,
          lead(e.occurred_on) over w as end_on,
          count(*) filter (where e.type not in ('lost_contact', 'contact_restored')) over w as era
        from case_event e
        where (e.type in ('placement', 'reintegration', 'closure', 'lost_contact', 'contact_restored')
            or (e.type = 'duplicate_resolution' and e.payload->>'resolution' = 'merged_into_other'))
          and not exists (select 1 from case_event c where c.supersedes = e.id)
        window w as (partition by e.case_id order by e.occurred_on, e.seq)
      ) b
    ) s
    join case_event a on a.id = s.anchor_id and a.type = 'placement'
    where s.type in ('placement', 'contact_restored');
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
