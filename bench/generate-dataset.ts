import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  DEFAULT_FOLLOW_UP_RULE,
  FAMILY_VISIT_KINDS,
  followUpSchedule,
  followUpStatus,
  GRADES,
  LIFE_SKILLS_TOPICS,
  SERVICE_KINDS,
  romanisedSearchKey,
  searchKey,
  SKILLS,
} from '@homeward/core';
import { sql, type Kysely } from 'kysely';
import type { Db } from '../packages/server/src/db/database';
import { migrateToLatest } from '../packages/server/src/db/migrate';
import type { Database } from '../packages/server/src/db/schema';
import { rebuildCareStays } from '../packages/server/src/reports/care-stays.repository';
import { FAMILY_NAMES, GIVEN_NAMES } from '../packages/server/src/demo/demo-people';
import { BENCH_TODAY, benchOrganisations, DEPARTMENT_PROVINCE, FIRST_REFERRAL } from './dataset-plan';

/**
 * Fills a database with cases and events as the application writes them, set-based (insert ... select from
 * generate_series), so 200,000 cases and some 10 million events take minutes rather than days through the API.
 * Each child follows one of the demo's journeys (referred only; in care; reintegrated and followed up; lost to
 * contact; closed; moved to a group home), with monthly services, life-skills sessions, family visits, health
 * checks, schooling and training while in care, and about 2 % of services corrected by a later event.
 * Audit entries of the writes are not generated: no report reads them.
 */
export interface Dataset {
  cases: number;
  events: number;
  /** The organisations whose people run the reports. */
  ngo: string;
  department: string;
  ministry: string;
}

const CHUNK = 10_000;

/** A uuid (v4-shaped, as zod requires) derived from a text, so that one row can name another before both exist. */
const derivedId = (text: ReturnType<typeof sql>) =>
  sql`overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;
type Log = (line: string) => void;

/** The whole-number milliseconds a step took, for the generator's log. */
async function step<T>(log: Log, label: string, action: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await action();
  log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** The generated data when the database already holds it for this size, otherwise generates it first. */
export async function ensureDataset(db: Db, cases: number, log: Log): Promise<Dataset> {
  await migrateToLatest(db);
  const k = db.kysely;
  await sql`create table if not exists bench_dataset (cases integer primary key, events bigint not null,
    ngo uuid not null, department uuid not null, ministry uuid not null, generated_at timestamptz not null)`.execute(k);
  const marker = await sql<Dataset>`select cases, events, ngo, department, ministry from bench_dataset`.execute(k);
  const existing = marker.rows[0];
  if (existing && existing.cases === cases) return existing;
  log(`generating ${cases.toLocaleString('en')} cases (${db.engine})`);
  await sql`truncate bench_dataset, organisation, app_user, child_case, case_event, facility, group_activity,
    audit_log, saved_report cascade`.execute(k);
  const started = performance.now();
  const orgs = await step(log, 'organisations, staff, facilities, group sessions', () => referenceData(k, cases));
  await step(log, 'case plan', () => casePlan(k, cases));
  await step(log, 'cases', () => insertCases(k));
  await sql`drop table if exists bench_event`.execute(k);
  await sql`create unlogged table bench_event (id uuid, case_id uuid, organisation_id uuid, type text,
    occurred_on date, recorded_at timestamptz, author_id uuid, supersedes uuid, payload jsonb)`.execute(k);
  for (let lo = 1; lo <= cases; lo += CHUNK) {
    const hi = Math.min(cases, lo + CHUNK - 1);
    await step(log, `events of cases ${lo}-${hi}`, () => insertEvents(k, lo, hi));
  }
  const indexes = await dropSecondaryIndexes(k);
  // The application appends events as they happen: in time order, which is also how they lie on disk.
  await step(log, 'events in the order they happened', () =>
    k.transaction().execute(async (trx) => {
      // Every reference is valid by construction; checking 10 million foreign keys row by row is not needed.
      await sql`set local session_replication_role = replica`.execute(trx);
      await sql`insert into case_event (id, case_id, organisation_id, type, occurred_on, recorded_at, author_id,
          supersedes, payload)
        select * from bench_event order by recorded_at`.execute(trx);
    }),
  );
  await sql`drop table bench_event`.execute(k);
  await step(log, 'indexes', async () => {
    for (const definition of indexes) await sql.raw(definition).execute(k);
  });
  await step(log, 'case projection', () => projectCases(k));
  await step(log, 'stays in care', () => rebuildCareStays(k));
  await sql`drop table bench_plan`.execute(k);
  // As autovacuum would in time: the projection's update left a dead version of every case row.
  await step(log, 'vacuum', () => sql`vacuum analyze`.execute(k));
  const events = await sql<{ n: number }>`select count(*)::int as n from case_event`.execute(k);
  const dataset: Dataset = { cases, events: events.rows[0]?.n ?? 0, ...orgs };
  await sql`insert into bench_dataset values (${dataset.cases}, ${dataset.events}, ${dataset.ngo},
    ${dataset.department}, ${dataset.ministry}, now())`.execute(k);
  log(`  ${dataset.events.toLocaleString('en')} events in ${((performance.now() - started) / 60000).toFixed(1)} min`);
  return dataset;
}

async function referenceData(k: Kysely<Database>, cases: number) {
  const orgs = benchOrganisations(cases);
  const user = (organisationId: string, email: string, roles: string[]) => ({
    id: randomUUID(),
    organisation_id: organisationId,
    email,
    display_name: email,
    password_hash: 'not-a-login',
    roles,
    disabled_at: null,
    locked_until: null,
    last_login_at: null,
  });
  const government = async (name: string, provinceCode: string | null) => {
    const id = randomUUID();
    await k
      .insertInto('organisation')
      .values({ id, name, kind: 'government', province_code: provinceCode, case_prefix: 'GOV' })
      .execute();
    await k
      .insertInto('app_user')
      .values(user(id, `officer@${id}.bench`, ['government_officer']))
      .execute();
    return id;
  };
  await sql`create unlogged table if not exists bench_org (no integer primary key, id uuid, prefix text,
    shelter uuid, group_home uuid, supervisor uuid, workers uuid[], villages text[], case_types text[],
    child_types jsonb, sources jsonb)`.execute(k);
  await sql`truncate bench_org`.execute(k);
  const ids: string[] = [];
  for (const org of orgs) {
    const id = randomUUID();
    ids.push(id);
    await k
      .insertInto('organisation')
      .values({ id, name: org.name, kind: 'ngo', province_code: org.provinceCode, case_prefix: org.prefix })
      .execute();
    const staff = [
      user(id, `supervisor@bn${org.no}.bench`, ['supervisor', 'caseworker']),
      user(id, `me@bn${org.no}.bench`, ['me_officer']),
      ...Array.from({ length: 8 }, (_, w) => user(id, `worker${w}@bn${org.no}.bench`, ['caseworker'])),
    ];
    await k.insertInto('app_user').values(staff).execute();
    const facility = (name: string, careType: string, capacity: number) => ({
      id: randomUUID(),
      organisation_id: id,
      name,
      care_type: careType,
      village_code: org.villages[0] ?? null,
      capacity,
      status: 'operating',
    });
    const shelter = facility(`${org.name} shelter`, 'shelter', 600);
    const groupHome = facility(`${org.name} group home`, 'group_home', 300);
    await k.insertInto('facility').values([shelter, groupHome]).execute();
    await sql`insert into bench_org values (${org.no}, ${id}, ${org.prefix}, ${shelter.id}, ${groupHome.id},
      ${staff[0]?.id}, ${staff.slice(2).map((s) => s.id)}::uuid[], ${org.villages}::text[], ${org.caseTypes}::text[],
      ${JSON.stringify(org.childTypes)}::jsonb, ${JSON.stringify(org.sources)}::jsonb)`.execute(k);
  }
  // A life-skills session every Saturday in each NGO; its id is derived so that attendances can name it.
  await sql`insert into group_activity (id, organisation_id, topic, title, occurred_on, facilitator_id)
    select ${derivedId(sql`'activity:' || o.no || ':' || w`)}, o.id,
      (${LIFE_SKILLS_TOPICS}::text[])[1 + w % ${LIFE_SKILLS_TOPICS.length}], null,
      date '2019-12-28' + 7 * w, o.supervisor
    from bench_org o cross join generate_series(0, (${BENCH_TODAY}::date - date '2019-12-28') / 7) w`.execute(k);
  const names = (['female', 'male'] as const).flatMap((sex) =>
    FAMILY_NAMES.flatMap(([fk, fl]) =>
      GIVEN_NAMES[sex].map(([gk, gl]) => ({
        sex,
        fk,
        gk,
        fl,
        gl,
        key: searchKey([fk + gk, fl + gl, gl + fl, gk, fk, gl, fl]),
        rkey: romanisedSearchKey({ familyNameKm: fk, givenNameKm: gk, familyNameLatin: fl, givenNameLatin: gl }),
      })),
    ),
  );
  await sql`drop table if exists bench_name`.execute(k);
  await sql`create unlogged table bench_name (sex text, i integer, fk text, gk text, fl text,
    gl text, key text, rkey text)`.execute(k);
  await sql`insert into bench_name
    select n.sex, row_number() over (partition by n.sex order by n.key), n.fk, n.gk, n.fl, n.gl, n.key, n.rkey
    from jsonb_to_recordset(${JSON.stringify(names)}::jsonb)
      as n(sex text, fk text, gk text, fl text, gl text, key text, rkey text)`.execute(k);
  // The NGO timed is one in the department's province, so the three scopes nest.
  const ngo = ids[orgs.findIndex((org) => org.provinceCode === DEPARTMENT_PROVINCE)];
  if (!ngo) throw new Error('No NGO in the department’s province.');
  return {
    ngo,
    department: await government('Bench Department of Social Affairs, Siem Reap', DEPARTMENT_PROVINCE),
    ministry: await government('Bench Ministry of Social Affairs', null),
  };
}

/**
 * One row per child with every choice the journey needs, drawn once: organisation, journey (n mod 6, as in the
 * demo), dates of the steps that have happened by "today", sex, age, case types, referral.
 */
async function casePlan(k: Kysely<Database>, cases: number): Promise<void> {
  const span = (Date.parse(BENCH_TODAY) - Date.parse(FIRST_REFERRAL)) / 86_400_000 - 20;
  await sql`drop table if exists bench_plan`.execute(k);
  await sql`create unlogged table bench_plan (n integer primary key, id uuid, org_no integer, org_id uuid,
    worker uuid, supervisor uuid, shelter uuid, group_home uuid, journey integer, opened_on date, sex text,
    age integer, dob_known boolean, r double precision[], case_types text[], child_type text, source jsonb,
    village text, move_on date, reint_on date, lost_on date, closure_on date, care_end date)`.execute(k);
  await sql`insert into bench_plan
    select p.n, gen_random_uuid(), p.org_no, o.id, o.workers[1 + floor(p.r[1] * 8)::int], o.supervisor, o.shelter,
      o.group_home, p.journey, p.opened_on, case when p.r[2] < 0.62 then 'female' else 'male' end,
      6 + floor(p.r[3] * 12)::int, p.r[4] < 0.55, p.r,
      case when p.r[5] < 0.25 and t2 <> t1 then array[t1, t2] else array[t1] end, o.child_types->>ct.i,
      o.sources->(floor(p.r[6] * jsonb_array_length(o.sources))::int),
      o.villages[1 + floor(p.r[7] * cardinality(o.villages))::int],
      s.move_on, s.reint_on, s.lost_on, s.closure_on,
      case when p.journey <> 0 then coalesce(s.reint_on, ${BENCH_TODAY}::date) end
    from (
      select g.n, (g.n - 1) % (select count(*)::int from bench_org) as org_no, g.n % 6 as journey,
        ${FIRST_REFERRAL}::date + floor(random() * ${span})::int as opened_on,
        array[random(), random(), random(), random(), random(), random(), random(), random(), random(), random(),
          random(), random()] as r
      from generate_series(1, ${cases}) g(n)
    ) p
    join bench_org o on o.no = p.org_no
    cross join lateral (select floor(p.r[8] * cardinality(o.case_types))::int as i) ct
    cross join lateral (select o.case_types[1 + ct.i] as t1,
      o.case_types[1 + floor(p.r[9] * cardinality(o.case_types))::int] as t2) t
    cross join lateral (
      select m.move_on, ri.reint_on,
        case when p.journey = 3 and ri.reint_on + 85 <= ${BENCH_TODAY}::date then ri.reint_on + 85 end as lost_on,
        case when p.journey = 4 and ri.reint_on + 317 <= ${BENCH_TODAY}::date then ri.reint_on + 317 end as closure_on
      from (select case when p.journey = 5 and p.opened_on + 180 < ${BENCH_TODAY}::date
        then p.opened_on + 180 end as move_on) m
      cross join lateral (
        select case when planned <= ${BENCH_TODAY}::date then planned end as reint_on
        from (select p.opened_on + case p.journey when 0 then null
          when 1 then 500 + floor(p.r[10] * 400)::int when 5 then 450 + floor(p.r[10] * 180)::int
          else 60 + floor(p.r[10] * 60)::int end as planned) x
      ) ri
    ) s`.execute(k);
}

async function insertCases(k: Kysely<Database>): Promise<void> {
  // The case number and search key are made as the application makes them (cases.service.ts).
  await sql`insert into child_case (id, organisation_id, case_number, family_name_km, given_name_km,
      family_name_latin, given_name_latin, alias, sex, date_of_birth, date_of_birth_estimated, village_code,
      child_type, case_types, referral, search_key, romanised_key, status, risk_level, opened_on, last_event_on,
      assigned_worker_id, created_by, created_at, updated_at)
    select p.id, p.org_id, num.case_number, nm.fk, nm.gk, nm.fl, nm.gl, null, p.sex,
      case when p.dob_known then p.opened_on - (p.age * 365 + floor(p.r[10] * 300)::int)
        when to_char(p.opened_on, 'MM-DD') = '02-29' and not (y.y % 4 = 0 and (y.y % 100 <> 0 or y.y % 400 = 0))
          then make_date(y.y, 2, 28)
        else make_date(y.y, extract(month from p.opened_on)::int, extract(day from p.opened_on)::int) end,
      not p.dob_known, p.village, p.child_type, p.case_types,
      jsonb_build_object('source', p.source->>0, 'sourceName', p.source->>1, 'referredOn', p.opened_on),
      nm.key || '|' || lower(replace(num.case_number, '-', '')), nm.rkey, 'active', null, p.opened_on, p.opened_on,
      p.worker, p.worker, p.opened_on + time '09:00', p.opened_on + time '09:00'
    from (select p.*, row_number() over (partition by p.org_no order by p.opened_on, p.n) as counter
      from bench_plan p) p
    join bench_org o on o.no = p.org_no
    join (select sex, count(*)::int as n from bench_name group by sex) nc on nc.sex = p.sex
    join bench_name nm on nm.sex = p.sex and nm.i = 1 + floor(p.r[9] * nc.n)::int
    cross join lateral (select extract(year from p.opened_on)::int - p.age as y) y
    cross join lateral (select o.prefix || '-' || extract(year from p.opened_on)::int || '-' ||
      case when p.counter < 10000 then lpad(p.counter::text, 4, '0') else p.counter::text end as case_number) num`.execute(
    k,
  );
  await sql`update organisation o set case_counter = x.n
    from (select org_id, count(*)::int as n from bench_plan group by org_id) x where x.org_id = o.id`.execute(k);
}

/** Indexes other than keys are built once after the load: far quicker than keeping them up to date row by row. */
async function dropSecondaryIndexes(k: Kysely<Database>): Promise<string[]> {
  const found = await sql<{ name: string; definition: string }>`
    select i.relname as name, pg_get_indexdef(i.oid) as definition
    from pg_index x join pg_class i on i.oid = x.indexrelid
    where x.indrelid = 'case_event'::regclass
      and not exists (select 1 from pg_constraint c where c.conindid = i.oid)`.execute(k);
  for (const index of found.rows) await sql`drop index ${sql.id(index.name)}`.execute(k);
  return found.rows.map((index) => index.definition);
}

const pickFrom = (codes: readonly string[], random: ReturnType<typeof sql>) =>
  sql`(${codes}::text[])[1 + floor(${random} * ${codes.length})::int]`;

/** The steps of the demo's journeys that happen once, each on a day counted from its milestone. */
const STEPS = sql`(values
  ('intake', 'open', 0, 'intake'), ('consent_services', 'open', 0, 'consent'),
  ('consent_statistics', 'open', 0, 'consent'), ('shelter', 'open', 0, 'placement'),
  ('risk', 'open', 2, 'assessment_risk'), ('csi', 'open', 7, 'assessment_csi'), ('first_note', 'open', 5, 'note'),
  ('care_plan', 'open', 14, 'care_plan'), ('plan_request', 'open', 15, 'approval_request'),
  ('plan_decision', 'open', 16, 'approval_decision'), ('group_home', 'move', 0, 'placement'),
  ('mother', 'reint', -45, 'family_member'), ('family_assessment', 'reint', -15, 'assessment_family'),
  ('reint_request', 'reint', -5, 'approval_request'), ('reint_decision', 'reint', -4, 'approval_decision'),
  ('reintegration', 'reint', 0, 'reintegration'), ('lost_contact', 'lost', 0, 'lost_contact'),
  ('close_request', 'close', -2, 'approval_request'), ('close_decision', 'close', -1, 'approval_decision'),
  ('closure', 'close', 0, 'closure')) as st(name, base, day, type)`;

/** Events that recur while a child is in care: every `every` months from the 20th day. */
const RECURRING = sql`(values ('service', 1, 0), ('group_session', 1, 0), ('group_session', 1, 14),
  ('family_visit', 2, 7), ('health_check', 3, 10), ('education', 4, 3), ('vocational_training', 6, 5),
  ('note', 3, 12)) as rt(type, every, day)`;

const PARTNERS = ['Health centre', 'Legal aid NGO', 'Provincial hospital', 'Vocational training centre'];
const DESTINATIONS = ['birth_family', 'birth_family', 'birth_family', 'relatives', 'relatives', 'foster', 'employment'];
const SCHOOL_OR_WORK = ['in_school', 'in_school', 'working', 'school_and_work', 'training', 'neither'];

/** Months after a reintegration at which the default rule asks for a visit. */
const FOLLOW_UP_MONTHS = followUpSchedule('2001-01-01', DEFAULT_FOLLOW_UP_RULE).map(
  (date) => (Number(date.slice(0, 4)) - 2001) * 12 + Number(date.slice(5, 7)) - 1,
);

async function insertEvents(trx: Kysely<Database>, lo: number, hi: number): Promise<void> {
  const today = sql`${BENCH_TODAY}::date`;
  const approval = (request: string, comment: string) =>
    sql`jsonb_build_object('requestId', ${derivedId(sql`p.id || ${`:${request}`}`)}, 'decision', 'approved', 'comment', ${comment}::text)`;
  await sql`insert into bench_event
    select ${derivedId(sql`p.id || ':' || st.name`)}, p.id, p.org_id, st.type, d.on_date,
      d.on_date + case when st.name = 'intake' then time '09:00' else time '10:00' end,
      case when st.type = 'approval_decision' then p.supervisor else p.worker end, null,
      case st.name
        when 'intake' then jsonb_build_object('referral', jsonb_build_object('source', p.source->>0,
          'sourceName', p.source->>1, 'referredOn', p.opened_on), 'caseTypes', to_jsonb(p.case_types),
          'childType', p.child_type, 'riskLevel', null, 'interviewed', '[]'::jsonb)
        when 'consent_services' then '{"scope": "services", "action": "given", "givenBy": "child_and_guardian"}'
        when 'consent_statistics' then '{"scope": "statistics", "action": "given", "givenBy": "guardian"}'
        when 'shelter' then jsonb_build_object('careType', 'shelter', 'facilityId', p.shelter)
        when 'group_home' then jsonb_build_object('careType', 'group_home', 'facilityId', p.group_home)
        when 'risk' then '{"riskLevel": "medium", "concerns": "Recruiter still in the village."}'
        when 'csi' then '{"scores": [{"domain": "emotional_health", "score": 2, "reason": "Sleeps badly."},
          {"domain": "education_work", "score": 1, "reason": "Out of school for two years."}]}'
        when 'first_note' then '{"text": "Settled in; joined the morning class.", "confidential": false}'
        when 'care_plan' then jsonb_build_object('reviewOn', p.opened_on + 194, 'goals', jsonb_build_array(
          jsonb_build_object('domain', 'education_work', 'goal', 'Back in school at the right grade',
          'actions', jsonb_build_array(jsonb_build_object('action', 'Enrol in the catch-up class',
          'who', 'Caseworker', 'by', p.opened_on + 60)))))
        when 'plan_request' then jsonb_build_object('subject', 'care_plan', 'eventId', ${derivedId(sql`p.id || ':care_plan'`)})
        when 'plan_decision' then ${approval('plan_request', 'Good plan.')}
        when 'mother' then jsonb_build_object('memberId', ${derivedId(sql`p.id || ':mother'`)}, 'name', 'Mother',
          'relationship', 'mother', 'whereaboutsKnown', true)
        when 'family_assessment' then '{"familyMemberIds": [], "scores": [{"domain": "protection_care", "score": 3},
          {"domain": "attachment", "score": 4}], "conclusion": "can_reintegrate"}'
        when 'reint_request' then '{"subject": "reintegration"}'
        when 'reint_decision' then ${approval('reint_request', 'Agreed at the case conference.')}
        when 'reintegration' then jsonb_build_object('childConsents', true, 'destination',
          case when p.journey = 5 then case when p.r[12] < 0.5 then 'independent_living' else 'relatives' end
          else ${pickFrom(DESTINATIONS, sql`p.r[12]`)} end)
        when 'lost_contact' then '{"reason": "moved_away", "authoritiesInformed": true,
          "informedWhom": "Commune police and CCWC"}'
        when 'close_request' then '{"subject": "closure"}'
        when 'close_decision' then ${approval('close_request', 'Stable for a year.')}
        when 'closure' then '{"reason": "stable_and_safe", "summary": "Living safely with her family."}'
      end::jsonb
    from bench_plan p
    cross join ${STEPS}
    cross join lateral (select case st.base when 'open' then p.opened_on when 'move' then p.move_on
      when 'reint' then p.reint_on when 'lost' then p.lost_on when 'close' then p.closure_on end + st.day as on_date) d
    where p.n between ${lo} and ${hi} and d.on_date <= ${today}
      and (p.journey <> 0 or st.name = 'intake' or (st.name = 'first_note' and p.r[11] < 0.6))
      and (p.journey <> 1 or st.name <> 'plan_decision')`.execute(trx);

  const payload = sql`case rt.type
      when 'service' then jsonb_build_object('kind', ${pickFrom(SERVICE_KINDS, sql`x.r`)}, 'provider',
        case when x.r2 < 0.25 then 'partner' else 'in_house' end)
        || case when x.r2 < 0.25 then jsonb_build_object('partnerName', ${pickFrom(PARTNERS, sql`x.r3`)}) else '{}' end
      when 'group_session' then jsonb_build_object('activityId', ${derivedId(sql`'activity:' || p.org_no || ':' || x.week`)},
        'topic', (${LIFE_SKILLS_TOPICS}::text[])[1 + x.week % ${LIFE_SKILLS_TOPICS.length}])
      when 'family_visit' then jsonb_build_object('kind', ${pickFrom(FAMILY_VISIT_KINDS, sql`x.r`)}, 'occasion', 'routine')
      when 'health_check' then '{"condition": "Routine check: healthy."}'
      when 'education' then jsonb_build_object('school', 'Local public school', 'classSize', 40,
        'grade', (${GRADES}::text[])[1 + least(greatest(p.age - 6 + x.m / 12, 0), 12)],
        'schoolYear', case when extract(month from x.on_date) >= 11
          then extract(year from x.on_date)::int || '-' || extract(year from x.on_date)::int + 1
          else extract(year from x.on_date)::int - 1 || '-' || extract(year from x.on_date)::int end)
      when 'vocational_training' then jsonb_build_object('skill', ${pickFrom(SKILLS, sql`x.r`)},
        'provider', 'Provincial training centre')
      when 'note' then '{"text": "Monthly review with the child: no new concerns.", "confidential": false}'
    end::jsonb`;
  await sql`with recurring as (
      select gen_random_uuid() as id, p.id as case_id, p.org_id, rt.type, x.on_date, p.worker, ${payload} as payload,
        x.r2
      from bench_plan p
      cross join lateral generate_series(0, (p.care_end - p.opened_on - 20) / 30) as m(m)
      cross join ${RECURRING}
      cross join lateral (
        select m.m, d.on_date, (d.on_date - date '2019-12-28') / 7 as week, random() as r, random() as r2,
          random() as r3
        from (select case when rt.type = 'group_session'
          then date '2019-12-28' + 7 * ((p.opened_on + 20 + 30 * m.m + rt.day - date '2019-12-28') / 7)
          else p.opened_on + 20 + 30 * m.m + rt.day end as on_date) d
      ) x
      where p.n between ${lo} and ${hi} and p.journey <> 0 and m.m % rt.every = 0
        and (rt.type <> 'vocational_training' or p.age >= 13) and x.on_date < p.care_end
    )
    insert into bench_event
    select id, case_id, org_id, type, on_date, on_date + time '10:00', worker, null, payload from recurring
    union all
    select gen_random_uuid(), case_id, org_id, type, on_date, on_date + time '16:00', worker, id,
      payload || '{"kind": "counselling"}'
    from recurring where type = 'service' and r2 > 0.98`.execute(trx);

  await sql`insert into bench_event
    select gen_random_uuid(), p.id, p.org_id, 'follow_up_visit', v.on_date, v.on_date + time '10:00', p.worker, null,
      jsonb_build_object('mode', case when v.r2 < 0.7 then 'home_visit' else 'phone' end, 'wellbeing', '[]'::jsonb,
        'livingInGoodConditions', v.r3 < 0.85, 'schoolOrWork', ${pickFrom(SCHOOL_OR_WORK, sql`v.r4`)})
    from bench_plan p
    cross join unnest(${FOLLOW_UP_MONTHS}::int[]) as f(month)
    cross join lateral (
      select (p.reint_on + f.month * interval '1 month')::date - 5 + floor(random() * 16)::int as on_date,
        random() as r, random() as r2, random() as r3, random() as r4
      where p.reint_on is not null
    ) v
    where p.n between ${lo} and ${hi} and v.r > 0.12
      and v.on_date <= least(coalesce(p.lost_on, p.closure_on, ${today}), ${today})`.execute(trx);
}

/** The projection columns, as the event service leaves them after the last event of each journey. */
async function projectCases(k: Kysely<Database>): Promise<void> {
  await sql`update child_case c set
      status = case when p.closure_on is not null then 'closed' when p.lost_on is not null then 'lost_contact'
        when p.reint_on is not null then 'follow_up' else 'active' end,
      risk_level = case when p.journey <> 0 then 'medium' end,
      last_event_on = x.last_on,
      current_care_type = case when p.journey <> 0 and p.reint_on is null
        then case when p.move_on is null then 'shelter' else 'group_home' end end,
      current_facility_id = case when p.journey <> 0 and p.reint_on is null
        then case when p.move_on is null then p.shelter else p.group_home end end,
      placed_since = case when p.journey <> 0 and p.reint_on is null then coalesce(p.move_on, p.opened_on) end,
      reintegrated_on = p.reint_on,
      closed_on = p.closure_on,
      has_assessment = p.journey <> 0,
      care_plan_review_on = case when p.journey <> 0 then p.opened_on + 194 end,
      care_plan_approved = case when p.journey <> 0 then p.journey <> 1 end,
      pending_approvals = case when p.journey = 1 then 1 else 0 end,
      updated_at = x.last_on + time '10:00'
    from bench_plan p, (select case_id, max(occurred_on) as last_on from case_event group by case_id) x
    where p.id = c.id and x.case_id = c.id`.execute(k);
  // The next visit due follows core's matching of visits to due dates, which is not worth restating in SQL.
  const followed = await sql<{ id: string; reintegrated_on: string; visits: string[] }>`
    select c.id, c.reintegrated_on,
      coalesce(array_agg(e.occurred_on::text order by e.occurred_on) filter (where e.id is not null), '{}') as visits
    from child_case c left join case_event e on e.case_id = c.id and e.type = 'follow_up_visit'
    where c.status = 'follow_up' group by c.id`.execute(k);
  const next = followed.rows.map(
    (row) => followUpStatus(followUpSchedule(row.reintegrated_on), row.visits, '9999-12-31').next,
  );
  await sql`update child_case c set next_follow_up_on = u.next
    from unnest(${followed.rows.map((row) => row.id)}::uuid[], ${next}::date[]) as u(id, next)
    where c.id = u.id`.execute(k);
}
