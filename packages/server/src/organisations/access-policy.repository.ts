import { accessUnder, policyAdjustmentsSchema, type PolicyAdjustments } from '@homeward/core';
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Database, UserRow } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

export async function readPolicyAdjustments(db: Executor, organisationId: string): Promise<PolicyAdjustments> {
  const row = await db
    .selectFrom('organisation')
    .select('access_policy')
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
  const parsed = policyAdjustmentsSchema.safeParse(row.access_policy);
  return parsed.success ? parsed.data : {};
}

export async function writePolicyAdjustments(db: Executor, organisationId: string, adjustments: PolicyAdjustments) {
  await db
    .updateTable('organisation')
    .set({ access_policy: JSON.stringify(adjustments) })
    .where('id', '=', organisationId)
    .execute();
}

/** A user acting outside a request (the command line) under their organisation's policy, as in a session. */
export async function actorForUser(db: Executor, user: UserRow): Promise<Actor> {
  const { roles, access } = accessUnder(user.roles, await readPolicyAdjustments(db, user.organisation_id));
  return {
    userId: user.id,
    organisationId: user.organisation_id,
    roles,
    access,
    team: user.team,
    facilityId: user.facility_id,
    ip: null,
  };
}
