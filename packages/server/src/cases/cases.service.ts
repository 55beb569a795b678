import { randomUUID } from 'node:crypto';
import {
  birthDateOf,
  checkNewCase,
  DEFAULT_TIME_ZONE,
  DomainError,
  redactCase,
  projectCase,
  romanisedSearchKey,
  searchKey,
  tiersOnCase,
  todayIn,
  type CaseDetail,
  type CaseReach,
  type CaseList,
  type CaseListQuery,
  type CaseSummary,
  type GroupIntake,
  type NewCase,
} from '@homeward/core';
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../auth/actor';
import type { CaseRow, Database } from '../db/schema';
import { refuseReadOnlyTiers } from './field-access';
import { asSeenBy, reachesOf } from './child-visibility';
import { caseIdUses } from './case-ids.repository';
import { IdTakenAt, requestDigest, writeAllOnce, writeOnce } from './client-ids';
import { insertCase, nextCaseNumber } from './case-creation.repository';
import { insertEvent } from './case-events.repository';
import { caseIdUse, readCase, type CaseWithWorker } from './case-reads.repository';
import { searchCases } from './case-search.repository';

export interface Clock {
  today(): string;
}
/**
 * Today in the organisation's time zone, not the server's: a case entered in Phnom Penh at 6 a.m. is dated
 * that day even though it is still yesterday in UTC.
 */
export const TIME_ZONE = process.env.HOMEWARD_TIMEZONE ?? DEFAULT_TIME_ZONE;
export const systemClock: Clock = { today: () => todayIn(TIME_ZONE) };

export async function createCase(
  db: Kysely<Database>,
  actor: Actor,
  input: NewCase,
  clock: Clock = systemClock,
): Promise<{ created: boolean; detail: CaseDetail }> {
  checkNewCase(input, clock.today());
  refuseReadOnlyTiers(actor, input);
  const id = input.id ?? randomUUID();
  const digest = requestDigest(input);
  // A client retrying an offline create gets the case it made, not a second one.
  const created = await writeOnce(
    actor,
    digest,
    () => caseIdUse(db, id),
    () => db.transaction().execute((trx) => openCase(trx, actor, id, input, digest)),
  );
  return { created, detail: await getCase(db, actor, id) };
}

/** Inserts one case and its intake event inside the caller's transaction. */
export async function openCase(
  trx: Transaction<Database>,
  actor: Actor,
  id: string,
  input: NewCase,
  requestDigest: string | null,
): Promise<void> {
  const birth = birthDateOf(input);
  const intake = {
    type: 'intake',
    occurredOn: input.referral.referredOn,
    payload: {
      referral: input.referral,
      caseTypes: input.caseTypes,
      childType: input.childType ?? null,
      riskLevel: input.riskLevel ?? null,
      interviewed: input.interviewed ?? [],
    },
  };
  const projection = projectCase([intake]);
  const caseNumber = await nextCaseNumber(trx, actor.organisationId, Number(input.referral.referredOn.slice(0, 4)));
  await insertCase(trx, actor, {
    id,
    organisation_id: actor.organisationId,
    case_number: caseNumber,
    family_name_km: input.familyNameKm ?? null,
    given_name_km: input.givenNameKm ?? null,
    family_name_latin: input.familyNameLatin ?? null,
    given_name_latin: input.givenNameLatin ?? null,
    alias: input.alias ?? null,
    sex: input.sex,
    date_of_birth: birth.dateOfBirth,
    date_of_birth_estimated: birth.estimated,
    village_code: input.villageCode ?? null,
    child_type: input.childType ?? null,
    case_types: input.caseTypes,
    referral: JSON.stringify(input.referral),
    search_key: caseSearchKey({ ...input, alias: input.alias ?? null }, caseNumber),
    romanised_key: romanisedSearchKey(input),
    status: projection.status,
    risk_level: projection.riskLevel,
    opened_on: projection.openedOn,
    last_event_on: projection.lastEventOn,
    assigned_worker_id: actor.userId,
    created_by: actor.userId,
    request_digest: requestDigest,
  });
  await insertEvent(trx, actor, { id: randomUUID(), caseId: id, ...intake });
}

/**
 * A group referral: every child gets a case of their own, in one transaction, so a mistake in the twelfth
 * child leaves none of the fifteen half-entered.
 */
export async function createGroup(
  db: Kysely<Database>,
  actor: Actor,
  input: GroupIntake,
  clock: Clock = systemClock,
): Promise<{ created: boolean; items: CaseDetail[] }> {
  const children = input.children.map((child, index) => {
    const newCase: NewCase = {
      ...child,
      referral: input.referral,
      caseTypes: input.caseTypes,
      childType: input.childType,
    };
    try {
      checkNewCase(newCase, clock.today());
      refuseReadOnlyTiers(actor, newCase);
    } catch (error) {
      if (error instanceof DomainError) {
        throw new DomainError(
          error.kind,
          `Child ${index + 1}: ${error.message}`,
          error.issues.map((issue) => ({
            ...issue,
            field: issue.field.startsWith('referral') ? issue.field : `children.${index}.${issue.field}`,
          })),
          error.code,
        );
      }
      throw error;
    }
    return { id: child.id ?? randomUUID(), newCase };
  });
  const digest = requestDigest(input);
  // A client retrying an offline group intake (or sending it twenty times at once) gets the cases it made; an
  // id used by any other request, here or in another organisation, is a conflict with one answer for both.
  const created = await writeAllOnce(
    actor,
    digest,
    () =>
      caseIdUses(
        db,
        children.map((child) => child.id),
      ),
    () =>
      db.transaction().execute(async (trx) => {
        for (const child of children) await openCase(trx, actor, child.id, child.newCase, digest);
      }),
  ).catch((error: unknown) => {
    if (!(error instanceof IdTakenAt)) throw error;
    throw new DomainError(
      'conflict',
      `Child ${error.index + 1}: this case id is already used for another record.`,
      [{ field: `children.${error.index}.id`, message: 'This case id is already used for another record.' }],
      'id_taken',
    );
  });
  return { created, items: await Promise.all(children.map((child) => getCase(db, actor, child.id))) };
}

type SearchedNames = Partial<
  Record<'familyNameKm' | 'givenNameKm' | 'familyNameLatin' | 'givenNameLatin' | 'alias', string | null>
>;

/** What a search for the child matches: the names in both scripts and orders, the alias and the case number. */
export function caseSearchKey(input: SearchedNames, caseNumber: string): string {
  const { familyNameKm: fk, givenNameKm: gk, familyNameLatin: fl, givenNameLatin: gl } = input;
  // Whole names in both orders, so "Dara Sok" finds សុខ ដារា / Sok Dara as well as "Sok Dara".
  const wholeNames = [fk && gk ? fk + gk : undefined, fl && gl ? fl + gl : undefined, gl && fl ? gl + fl : undefined];
  return searchKey([...wholeNames, gk, fk, gl, fl, input.alias, caseNumber]);
}

/** Cases leave the server only through these: fields of the tiers the user may not read are withheld. */
export async function getCase(db: Kysely<Database>, actor: Actor, caseId: string): Promise<CaseDetail> {
  const row = await readCase(db, actor, caseId);
  return detailAsSeenBy(actor, row, row.reach);
}

/** A case as `GET /cases/{id}` gives it to this reader, for a caller that already checked and audited the read. */
export function detailAsSeenBy(actor: Actor, row: CaseWithWorker, reach: CaseReach): CaseDetail {
  return redactCase(toDetail(row, reach), tiersOnCase(actor.access, reach));
}

export async function listCases(
  db: Kysely<Database>,
  actor: Actor,
  query: CaseListQuery,
  clock: Clock = systemClock,
): Promise<CaseList> {
  const { rows, total } = await searchCases(db, actor, query, clock.today());
  const reaches = await reachesOf(db, actor, rows);
  return { items: rows.map((row) => asSeenBy(actor, toSummary(row), reaches.get(row.id))), total };
}

export function toSummary(row: CaseRow): CaseSummary {
  return {
    id: row.id,
    caseNumber: row.case_number,
    organisationId: row.organisation_id,
    familyNameKm: row.family_name_km,
    givenNameKm: row.given_name_km,
    familyNameLatin: row.family_name_latin,
    givenNameLatin: row.given_name_latin,
    alias: row.alias,
    sex: row.sex as CaseSummary['sex'],
    dateOfBirth: row.date_of_birth,
    dateOfBirthEstimated: row.date_of_birth_estimated,
    caseTypes: row.case_types as CaseSummary['caseTypes'],
    status: row.status as CaseSummary['status'],
    riskLevel: row.risk_level as CaseSummary['riskLevel'],
    openedOn: row.opened_on,
    villageCode: row.village_code,
    assignedWorkerId: row.assigned_worker_id,
    version: row.version,
  };
}

export function toDetail(row: CaseWithWorker, reach: CaseReach): CaseDetail {
  return {
    ...toSummary(row),
    childType: row.child_type as CaseDetail['childType'],
    nationality: row.nationality,
    referral: row.referral as CaseDetail['referral'],
    assignedWorkerName: row.assigned_worker_name,
    createdAt: row.created_at.toISOString(),
    fieldVersions: row.field_versions,
    reach,
  };
}
