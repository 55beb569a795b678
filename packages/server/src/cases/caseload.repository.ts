import { type ApprovalSubject } from '@homeward/core';
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Database } from '../db/schema';

/**
 * Queries across an organisation's open caseload, for supervisors and for each worker's tasks. They reach beyond
 * the actor's scope (a supervisor's organisation-wide gaps): callers show the children through `childLens`.
 */
export const CASE_NAMES = [
  'c.id as caseId',
  'c.case_number as caseNumber',
  'c.family_name_km as familyNameKm',
  'c.given_name_km as givenNameKm',
  'c.family_name_latin as familyNameLatin',
  'c.given_name_latin as givenNameLatin',
  'c.alias',
] as const;

export function openCases(db: Kysely<Database>, actor: Actor) {
  return db
    .selectFrom('child_case as c')
    .where('c.organisation_id', '=', actor.organisationId)
    .where('c.status', '<>', 'closed');
}

/** Approval requests of the organisation that nobody has decided yet. */
export function pendingApprovals(db: Kysely<Database>, actor: Actor) {
  return db
    .selectFrom('case_event as r')
    .innerJoin('child_case as c', 'c.id', 'r.case_id')
    .leftJoin('app_user as u', 'u.id', 'r.author_id')
    .select([
      ...CASE_NAMES,
      'r.id as requestId',
      sql<ApprovalSubject>`r.payload->>'subject'`.as('subject'),
      'r.occurred_on as requestedOn',
      'u.display_name as requestedBy',
    ])
    .where('r.organisation_id', '=', actor.organisationId)
    .where('r.type', '=', 'approval_request')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('case_event as d')
            .select('d.id')
            .where('d.type', '=', 'approval_decision')
            .whereRef('d.case_id', '=', 'r.case_id')
            .where(sql<boolean>`d.payload->>'requestId' = r.id::text`),
        ),
      ),
    )
    .orderBy('r.occurred_on');
}
