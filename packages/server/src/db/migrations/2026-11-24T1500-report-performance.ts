import { sql, type Kysely } from 'kysely';

/**
 * A case's first event of some kinds (days to assessment and to care plan) is read from the index alone, without
 * visiting the case's events scattered over the table.
 *
 * Stays in care, one row per placement until the next placement, reintegration or closure: the residence and
 * care-cohort reports read them instead of replaying every placement with a window function (benchmark of
 * issue 5, docs/decisions/0004-report-engine.md). The event service keeps them in step with the events, in the
 * same transaction; existing cases are filled here from their events, corrected events left out.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index case_event_case_type_idx on case_event (case_id, type, occurred_on) include (id);

    create table care_stay (
      placement_id uuid primary key references case_event (id),
      case_id uuid not null references child_case (id),
      organisation_id uuid not null references organisation (id),
      care_type text not null,
      facility_id uuid,
      start_on date not null,
      end_on date
    );
    create index care_stay_case_idx on care_stay (case_id);
    create index care_stay_organisation_idx on care_stay (organisation_id, start_on);

    insert into care_stay (placement_id, case_id, organisation_id, care_type, facility_id, start_on, end_on)
    select s.id, s.case_id, s.organisation_id, s.payload->>'careType', (s.payload->>'facilityId')::uuid,
      s.occurred_on, s.end_on
    from (
      select e.*, lead(e.occurred_on) over (partition by e.case_id order by e.occurred_on, e.seq) as end_on
      from case_event e
      where e.type in ('placement', 'reintegration', 'closure')
        and not exists (select 1 from case_event c where c.supersedes = e.id)
    ) s
    where s.type = 'placement';
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
