import type { OrganisationKind } from '@homeward/core';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';

export interface NewOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  provinceCode: string | null;
  casePrefix: string;
  /** Whether administrators and government officers must enrol a second factor; off unless asked for. */
  requireTwoFactor?: boolean;
}

export async function insertOrganisation(db: Kysely<Database> | Transaction<Database>, org: NewOrganisation) {
  await db
    .insertInto('organisation')
    .values({
      id: org.id,
      name: org.name,
      kind: org.kind,
      province_code: org.provinceCode,
      case_prefix: org.casePrefix,
      require_two_factor: org.requireTwoFactor ?? false,
    })
    .execute();
}

export async function countOrganisations(db: Kysely<Database> | Transaction<Database>): Promise<number> {
  const row = await db
    .selectFrom('organisation')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Whether this database holds the organisation (a hub linking again to the one it mirrors). */
export async function organisationExists(db: Kysely<Database>, organisationId: string): Promise<boolean> {
  const row = await db.selectFrom('organisation').select('id').where('id', '=', organisationId).executeTakeFirst();
  return row !== undefined;
}
