import { randomUUID } from 'node:crypto';
import { DomainError, type Role, type SetupInput } from '@homeward/core';
import { sql, type Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import type { Database } from '../db/schema';
import { hashPassword } from '../auth/passwords';
import { assertAcceptablePassword } from '../auth/password-policy';
import { insertUser } from '../auth/users.repository';
import { casePrefixFor } from '../organisations/case-prefix';
import { countOrganisations, insertOrganisation } from '../organisations/organisations.repository';

export async function needsSetup(db: Kysely<Database>): Promise<boolean> {
  return (await countOrganisations(db)) === 0;
}

const SETUP_LOCK = 726_002;
export const ALREADY_SET_UP = 'Homeward is already set up here: sign in instead.';

/** First run only: the first organisation and its administrator. Refuses once any organisation exists. */
export async function createFirstOrganisation(
  db: Kysely<Database>,
  input: SetupInput,
  ip: string | null = null,
): Promise<{ organisationId: string; userId: string }> {
  const organisationId = randomUUID();
  const userId = randomUUID();
  assertAcceptablePassword(input.password, input.email);
  const passwordHash = await hashPassword(input.password);
  // The administrator starts a new organisation's casework alone, so the first user holds the working roles too.
  const roles: Role[] = ['org_admin', 'supervisor', 'caseworker'];
  await db.transaction().execute(async (trx) => {
    // Two first runs at once (two browser tabs) must not both create an organisation.
    await sql`select pg_advisory_xact_lock(${SETUP_LOCK})`.execute(trx);
    if ((await countOrganisations(trx)) > 0) throw new DomainError('conflict', ALREADY_SET_UP, [], 'already_set_up');
    await insertOrganisation(trx, {
      id: organisationId,
      name: input.organisationName,
      kind: 'ngo',
      provinceCode: null,
      casePrefix: casePrefixFor(input.organisationName),
      requireTwoFactor: true,
    });
    await insertUser(trx, {
      id: userId,
      organisationId,
      email: input.email,
      displayName: input.adminName,
      passwordHash,
      roles,
    });
    await appendAudit(trx, { userId, organisationId, roles, action: 'setup.create_organisation', ip });
  });
  return { organisationId, userId };
}
