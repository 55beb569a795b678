import {
  ageBandKey,
  CASE_EVENT_TYPES,
  REPORT_CASE_TYPES,
  RESIDENTIAL_CARE_TYPES,
  type CellCount,
  type ReportDimension,
  type ReportSource,
  type SavedReport,
  type SavedReportInput,
  type TablePlan,
} from '@homeward/core';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema';

/**
 * The engine's SQL: a table plan becomes one query over the events and cases. Each source is a derived table
 * `f` of facts (case, fact id, date, payload, facility, care type, tags); dimensions are expressions over `f`
 * and the case `c`; the row, column and grand totals are distinct counts of their own (GROUPING SETS), so a
 * child in two columns is one child in the row total. Only standard SQL that PGlite and PostgreSQL share.
 */
type Sql = RawBuilder<unknown>;

/** Whose cases are counted: one organisation's, or every organisation's in a province (null: the country). */
export type ReportScope =
  | { kind: 'organisation'; organisationId: string; onlyOrganisation?: string | undefined }
  | { kind: 'province'; provinceCode: string | null; onlyOrganisation?: string | undefined };

export interface ReportContext {
  plan: TablePlan;
  scope: ReportScope;
  /** "Overdue now" is measured against the organisation's today. */
  today: string;
}

/** A corrected event is replaced by its correction: only the latest version of a fact is counted. */
const current = (alias: string) =>
  sql`not exists (select 1 from case_event s where s.supersedes = ${sql.ref(`${alias}.id`)})`;

function ownEvents(alias: string, scope: ReportScope): Sql {
  return scope.kind === 'organisation'
    ? sql`and ${sql.ref(`${alias}.organisation_id`)} = ${scope.organisationId}`
    : sql``;
}

/** Sources that are one kind of event, each fact an event of the period. */
const EVENT_TYPES = {
  referral: 'intake',
  service: 'service',
  education: 'education',
  vocational_training: 'vocational_training',
  group_session: 'group_session',
  family_assessment: 'assessment_family',
  family_visit: 'family_visit',
  follow_up: 'follow_up_visit',
} as const satisfies Partial<Record<ReportSource, string>>;

const residential = sql.join([...RESIDENTIAL_CARE_TYPES]);

/** Listed rather than matched with `like`, so that the case's index on (case, type, date) finds them. */
const ASSESSMENT_TYPES = CASE_EVENT_TYPES.filter((type) => type.startsWith('assessment_'));

/**
 * The residential stays that overlap the period, from the `care_stay` rows the event service keeps (each
 * placement until the next placement, reintegration or closure): no replay of every placement in history.
 */
function stays({ plan, scope }: ReportContext): Sql {
  const own = scope.kind === 'organisation' ? sql`and s.organisation_id = ${scope.organisationId}` : sql``;
  return sql`
    select s.case_id, s.start_on, s.end_on, s.care_type, s.facility_id
    from care_stay s
    where s.care_type in (${residential}) and s.start_on <= ${plan.to}
      and (s.end_on is null or s.end_on >= ${plan.from}) ${own}`;
}

function eventSource({ plan, scope }: ReportContext, source: keyof typeof EVENT_TYPES): Sql {
  return sql`
    select e.case_id, e.id::text as fact_id, e.occurred_on as on_date, e.payload as p,
      null::uuid as facility_id, null::text as care_type, null::text[] as tags
    from case_event e
    where e.type = ${EVENT_TYPES[source]} and e.occurred_on between ${plan.from} and ${plan.to}
      ${ownEvents('e', scope)} and ${current('e')}`;
}

type EventSource = Exclude<ReportSource, CaseSource>;
type CaseSource = 'follow_up_case' | 'open_case';

function source(ctx: ReportContext, kind: EventSource): Sql {
  const { plan, scope } = ctx;
  const { from, to } = plan;
  switch (kind) {
    case 'reintegration':
      return sql`
        select e.case_id, e.id::text as fact_id, e.occurred_on as on_date, e.payload as p,
          pl.facility_id, pl.care_type, null::text[] as tags
        from case_event e
        left join lateral (
          select (x.payload->>'facilityId')::uuid as facility_id, x.payload->>'careType' as care_type
          from case_event x
          where x.case_id = e.case_id and x.type = 'placement' and x.occurred_on <= e.occurred_on and ${current('x')}
          order by x.occurred_on desc, x.seq desc limit 1
        ) pl on true
        where e.type = 'reintegration' and e.occurred_on between ${from} and ${to} ${ownEvents('e', scope)}
          and ${current('e')}`;
    case 'residence':
      // A child counts in each month of which they spent at least a day in care within the period.
      return sql`
        select s.case_id, s.case_id::text || to_char(m.month_on, 'YYYY-MM') as fact_id, m.month_on::date as on_date,
          null::jsonb as p, s.facility_id, s.care_type, null::text[] as tags
        from (${stays(ctx)}) s
        cross join lateral generate_series(date_trunc('month', ${from}::date), ${to}::date, interval '1 month') as m(month_on)
        where s.start_on <= least((m.month_on + interval '1 month' - interval '1 day')::date, ${to}::date)
          and (s.end_on is null or s.end_on >= greatest(m.month_on::date, ${from}::date))`;
    case 'care_cohort':
      return sql`
        select s.case_id, s.case_id::text as fact_id, ${from}::date as on_date,
          case when r.destination is null then null else jsonb_build_object('destination', r.destination) end as p,
          s.facility_id, s.care_type,
          case when r.destination is null then array['in_care']::text[] else array['in_care', 'reintegrated']::text[] end as tags
        from (${stays(ctx)}) s
        left join lateral (
          select x.payload->>'destination' as destination
          from case_event x
          where x.case_id = s.case_id and x.type = 'reintegration' and x.occurred_on > ${from}::date
            and x.occurred_on <= ${to}::date and ${current('x')}
          order by x.occurred_on, x.seq limit 1
        ) r on true
        where s.start_on <= ${from}::date and (s.end_on is null or s.end_on > ${from}::date)`;
    case 'referral':
      // Dated by the case's opening, which follows a corrected referral date; the intake event keeps the first.
      return sql`
        select e.case_id, e.id::text as fact_id, r.opened_on as on_date, e.payload as p,
          null::uuid as facility_id, null::text as care_type, null::text[] as tags
        from case_event e join child_case r on r.id = e.case_id
        where e.type = 'intake' and r.opened_on between ${from} and ${to} ${ownEvents('e', scope)} and ${current('e')}
        ${transfersIn(ctx)}`;
    case 'partner_referral':
      // The receiver is the partner; a withdrawn referral was never worked, so it does not count.
      return sql`
        select r.case_id, r.id::text as fact_id, r.sent_on as on_date, jsonb_build_object('partnerName', o.name) as p,
          null::uuid as facility_id, null::text as care_type, null::text[] as tags
        from referral r join organisation o on o.id = r.receiver_organisation_id
        where r.status <> 'withdrawn' and r.sent_on between ${from} and ${to}
          ${scope.kind === 'organisation' ? sql`and r.sender_organisation_id = ${scope.organisationId}` : sql``}`;
    case 'service':
    case 'education':
    case 'vocational_training':
    case 'group_session':
    case 'family_assessment':
    case 'family_visit':
    case 'follow_up':
      return eventSource(ctx, kind);
  }
}

/**
 * A case transferred to the organisation is referred to it on the day it accepted (issue 10 point 2); the
 * sender keeps its own intake. Only for one organisation's report: a province counts the child's intake once.
 */
function transfersIn({ plan, scope }: ReportContext): Sql {
  if (scope.kind !== 'organisation') return sql``;
  return sql`
    union all
    select e.case_id, e.id::text as fact_id, e.occurred_on as on_date, e.payload as p,
      null::uuid as facility_id, null::text as care_type, null::text[] as tags
    from case_event e
    where e.type = 'transfer_accepted' and e.occurred_on between ${plan.from} and ${plan.to}
      ${ownEvents('e', scope)} and ${current('e')}`;
}

/**
 * Facts that are the cases themselves are read from the case table once, as `c`, rather than joined back to
 * it: for a country's 170,000 open cases this halved the time of the open-cases table.
 */
function caseFacts(ctx: ReportContext, kind: CaseSource): Sql {
  const { plan, scope, today } = ctx;
  const { from, to } = plan;
  // A case counts for the organisation that led it at the period's end (a transfer moves it on that day).
  const own = scope.kind === 'organisation' ? sql`and ${ledOn(scope.organisationId, to)}` : sql``;
  switch (kind) {
    case 'follow_up_case':
      // The period's visits are found once, by type and date, rather than looked up case by case.
      return sql`
        child_case c
        left join (
          select distinct x.case_id from case_event x
          where x.type = 'follow_up_visit' and x.occurred_on between ${from} and ${to} ${ownEvents('x', scope)}
            and ${current('x')}
        ) w on w.case_id = c.id
        cross join lateral (
          select c.id as case_id, c.id::text as fact_id, c.reintegrated_on as on_date, null::jsonb as p,
            null::uuid as facility_id, null::text as care_type,
            array_remove(array[
              case when w.case_id is not null or c.next_follow_up_on <= ${to}::date then 'due' end,
              case when w.case_id is not null then 'done' end,
              case when c.status = 'follow_up' and c.next_follow_up_on < ${today}::date then 'overdue' end,
              case when c.status = 'lost_contact' then 'lost_contact' end
            ]::text[], null) as tags
          where c.reintegrated_on <= ${to}::date and (c.closed_on is null or c.closed_on >= ${from}::date) ${own}
        ) f`;
    case 'open_case':
      return sql`
        child_case c
        cross join lateral (
          select c.id as case_id, c.id::text as fact_id, c.opened_on as on_date, null::jsonb as p,
            c.current_facility_id as facility_id, c.current_care_type as care_type, null::text[] as tags
          where c.opened_on <= ${to}::date and (c.closed_on is null or c.closed_on > ${to}::date) ${own}
        ) f`;
  }
}

/** The facts `f` of a table with their case `c`. */
function factsFrom(ctx: ReportContext): Sql {
  const kind = ctx.plan.table.source;
  return kind === 'follow_up_case' || kind === 'open_case'
    ? caseFacts(ctx, kind)
    : sql`(${source(ctx, kind)}) f join child_case c on c.id = f.case_id`;
}

/** Days from the case's opening to its first event of a kind, in bands; the first date is looked up once. */
function dayBand(types: readonly string[]): Sql {
  return sql`(
    select case when x.first_on is null then 'not_yet'
      when x.first_on - c.opened_on <= 7 then '0-7' when x.first_on - c.opened_on <= 30 then '8-30'
      when x.first_on - c.opened_on <= 90 then '31-90' else '91+' end
    from (
      select min(a.occurred_on) as first_on from case_event a
      where a.case_id = c.id and a.type in (${sql.join(types)}) and ${current('a')}
    ) x)`;
}

function ageBand(plan: TablePlan): Sql {
  const on = plan.table.ageAt === 'fact_date' ? sql`f.on_date` : sql`${plan.referenceDate}::date`;
  const age = sql`date_part('year', age(${on}, c.date_of_birth))::int`;
  const branches = plan.ageBands.map(
    (band) => sql`when ${age} between ${band.from} and ${band.to} then ${ageBandKey(band)}`,
  );
  return sql`case ${sql.join(branches, sql` `)} else 'other' end`;
}

const orNone = (value: Sql) => sql`coalesce(${value}, 'none')`;

function dimension(dimension: ReportDimension, plan: TablePlan): Sql {
  switch (dimension) {
    case 'case_type':
      return sql`ct.v`;
    case 'case_type_group':
      return sql`case when ct.v in (${sql.join([...REPORT_CASE_TYPES])}) then ct.v else 'other' end`;
    case 'compliance':
    case 'progress':
      return sql`tg.v`;
    case 'sex':
      return sql`c.sex`;
    case 'age_band':
      return ageBand(plan);
    case 'month':
      return sql`to_char(f.on_date, 'YYYY-MM')`;
    case 'quarter':
      return sql`to_char(f.on_date, 'YYYY-"Q"Q')`;
    case 'province':
      return orNone(sql`left(c.village_code, 2)`);
    case 'organisation':
      return sql`c.organisation_id::text`;
    case 'facility':
      return orNone(sql`f.facility_id::text`);
    case 'care_type':
      return orNone(sql`f.care_type`);
    case 'service_kind':
    case 'visit_kind':
      return orNone(sql`f.p->>'kind'`);
    case 'service_provider':
      return orNone(sql`f.p->>'provider'`);
    case 'partner':
      return orNone(sql`nullif(trim(f.p->>'partnerName'), '')`);
    case 'grade':
      return orNone(sql`f.p->>'grade'`);
    case 'skill':
      return orNone(sql`f.p->>'skill'`);
    case 'topic':
      return orNone(sql`f.p->>'topic'`);
    case 'destination':
      return orNone(sql`f.p->>'destination'`);
    case 'living_conditions':
      return sql`case when (f.p->>'livingInGoodConditions')::boolean then 'good' else 'not_good' end`;
    case 'school_or_work':
      return orNone(sql`f.p->>'schoolOrWork'`);
    case 'referral_source':
      return orNone(sql`c.referral->>'source'`);
    case 'referral_body':
      return orNone(sql`nullif(trim(c.referral->>'sourceName'), '')`);
    case 'worker':
      return orNone(sql`c.assigned_worker_id::text`);
    case 'status':
      return sql`c.status`;
    case 'days_to_assessment':
      return dayBand(ASSESSMENT_TYPES);
    case 'days_to_care_plan':
      return dayBand(['care_plan']);
  }
}

function measure(plan: TablePlan): Sql {
  switch (plan.table.measure) {
    case 'children':
      // Cases linked or merged as one child share a key (cases/child-keys.repository.ts): one child, counted once.
      return sql`coalesce(c.child_key, c.id)`;
    case 'cases':
      return sql`f.case_id`;
    case 'events':
    case 'participants':
      return sql`f.fact_id`;
    case 'sessions':
      return sql`f.p->>'activityId'`;
  }
}

/**
 * The cases an organisation leads or led: after a transfer the sender's reports keep the work it did (its own
 * events, its stays in care, the case while it led it), and the receiver's count from the transfer on.
 */
function ledBy(organisationId: string): Sql {
  return sql`(c.organisation_id = ${organisationId}
    or exists (select 1 from case_reference lr where lr.case_id = c.id and lr.organisation_id = ${organisationId}))`;
}

/** Whether the organisation led the case on a day: the case's lead then, from its earlier numbers' end dates. */
function ledOn(organisationId: string, day: string): Sql {
  return sql`coalesce((select lr.organisation_id from case_reference lr where lr.case_id = c.id
      and lr.until_on > ${day}::date order by lr.until_on limit 1), c.organisation_id) = ${organisationId}`;
}

export function scopeCondition(scope: ReportScope): Sql {
  const only = scope.onlyOrganisation ? sql`and c.organisation_id = ${scope.onlyOrganisation}` : sql``;
  if (scope.kind === 'organisation') return sql`${ledBy(scope.organisationId)} ${only}`;
  if (scope.provinceCode === null) return sql`true ${only}`;
  return sql`(left(c.village_code, 2) = ${scope.provinceCode}
    or c.organisation_id in (select o.id from organisation o where o.province_code = ${scope.provinceCode})) ${only}`;
}

/** The facts of a table with their dimension values, before any counting. */
function facts(ctx: ReportContext, select: Sql[], extraConditions: Sql[] = []): Sql {
  const { plan } = ctx;
  const used = new Set<ReportDimension>([
    ...plan.table.rows,
    ...plan.table.columns,
    ...(Object.keys(plan.table.filters) as ReportDimension[]),
  ]);
  const caseTypes =
    used.has('case_type') || used.has('case_type_group')
      ? sql`cross join lateral unnest(c.case_types) as ct(v)`
      : sql``;
  const tags = used.has('compliance') || used.has('progress') ? sql`cross join lateral unnest(f.tags) as tg(v)` : sql``;
  const filters = Object.entries(plan.table.filters).map(
    ([name, values]) => sql`and ${dimension(name as ReportDimension, plan)} in (${sql.join(values)})`,
  );
  return sql`
    select ${sql.join(select)}
    from ${factsFrom(ctx)}
    ${caseTypes} ${tags}
    where ${scopeCondition(ctx.scope)} ${sql.join([...filters, ...extraConditions], sql` `)}`;
}

export async function countTable(db: Kysely<Database>, ctx: ReportContext): Promise<CellCount[]> {
  const { rows, columns } = ctx.plan.table;
  const all = [...rows, ...columns];
  const names = all.map((_, i) => `d${i}`);
  const select = [
    ...all.map((name, i) => sql`${dimension(name, ctx.plan)} as ${sql.raw(names[i] ?? '')}`),
    sql`${measure(ctx.plan)} as m`,
  ];
  const rowNames = names.slice(0, rows.length);
  const columnNames = names.slice(rows.length);
  const sets = [...new Set([names, rowNames, columnNames, []].map((set) => set.join(', ')))];
  const grouping = (list: string[]) => (list.length ? sql.raw(`grouping(${list.join(', ')})`) : sql.raw('0'));
  // A report is a handful of queries of some hundred milliseconds at most, run side by side on the pool
  // (measured at 200,000 cases, docs/performance.md): JIT would spend longer compiling each than running it;
  // parallel workers per query only compete with the other tables for the cores; and the case rows a quarter
  // needs are few and cached, so looking them up by id beats hashing the whole table, which the default
  // random_page_cost (made for spinning disks) would choose.
  const result = await db.transaction().execute(async (trx) => {
    await sql`select set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true),
      set_config('random_page_cost', '1.1', true)`.execute(trx);
    return sql<Record<string, string | number | null>>`
    select ${sql.join([
      ...names.map((name) => sql.raw(name)),
      sql`${grouping(rowNames)} as gr`,
      sql`${grouping(columnNames)} as gc`,
      sql`count(distinct m)::int as n`,
    ])}
    from (${facts(ctx, select)}) x
    group by grouping sets (${sql.raw(sets.map((set) => `(${set})`).join(', '))})`.execute(trx);
  });
  return result.rows.map((row) => ({
    row: Number(row.gr) === 0 ? rowNames.map((name) => String(row[name])) : null,
    column: Number(row.gc) === 0 ? columnNames.map((name) => String(row[name])) : null,
    n: Number(row.n),
  }));
}

/** The cases behind one cell: each named dimension held at its value. */
export async function casesBehind(
  db: Kysely<Database>,
  ctx: ReportContext,
  held: Partial<Record<ReportDimension, string>>,
  limit: number,
): Promise<string[]> {
  const conditions = Object.entries(held).map(
    ([name, value]) => sql`and ${dimension(name as ReportDimension, ctx.plan)} = ${value}`,
  );
  const result = await sql<{ case_id: string }>`
    select distinct x.case_id from (${facts(ctx, [sql`f.case_id`], conditions)}) x limit ${limit}`.execute(db);
  return result.rows.map((row) => row.case_id);
}

/** The settings of the organisations whose cases a report counts (their floor for small counts). */
export async function settingsOfOrganisationsCounted(db: Kysely<Database>, scope: ReportScope): Promise<unknown[]> {
  const rows = await sql<{ case_settings: unknown }>`
    select o.case_settings from organisation o
    where exists (select 1 from child_case c where c.organisation_id = o.id and ${scopeCondition(scope)})
      or o.id = ${scope.kind === 'organisation' ? scope.organisationId : null}`.execute(db);
  return rows.rows.map((row) => row.case_settings);
}

export async function organisationForReports(db: Kysely<Database>, organisationId: string) {
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'kind', 'province_code'])
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
}

/** Names of organisations, facilities and workers by id, for headings. */
export async function namesOf(db: Kysely<Database>, table: 'organisation' | 'facility' | 'app_user', ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows =
    table === 'app_user'
      ? await db.selectFrom('app_user').select(['id', 'display_name as name']).where('id', 'in', ids).execute()
      : await db.selectFrom(table).select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function insertSavedReport(
  db: Kysely<Database>,
  organisationId: string,
  userId: string,
  id: string,
  input: SavedReportInput,
): Promise<void> {
  await db
    .insertInto('saved_report')
    .values({
      id,
      organisation_id: organisationId,
      name: input.name,
      definition: JSON.stringify({ tables: input.tables, ageBands: input.ageBands }),
      created_by: userId,
    })
    .execute();
}

export async function savedReportNamed(db: Kysely<Database>, organisationId: string, name: string) {
  return db
    .selectFrom('saved_report')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function listSavedReports(db: Kysely<Database>, organisationId: string): Promise<SavedReport[]> {
  const rows = await db
    .selectFrom('saved_report')
    .leftJoin('app_user', 'app_user.id', 'saved_report.created_by')
    .select([
      'saved_report.id',
      'saved_report.name',
      'saved_report.definition',
      'saved_report.created_at',
      'app_user.display_name as created_by',
    ])
    .where('saved_report.organisation_id', '=', organisationId)
    .orderBy('saved_report.name')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    ...(row.definition as Pick<SavedReport, 'tables' | 'ageBands'>),
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  }));
}

/** Whether a saved report of the organisation was deleted; another organisation's is never found. */
export async function deleteSavedReport(db: Kysely<Database>, organisationId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('saved_report')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
