import { romanisedSearchKey } from '@homeward/core';
import { sql, type Kysely } from 'kysely';

const BATCH = 500;

interface Names {
  id: string;
  family_name_km: string | null;
  given_name_km: string | null;
  family_name_latin: string | null;
  given_name_latin: string | null;
  alias: string | null;
}

/**
 * Fills the romanised key of the cases written before it existed, a batch at a time. Only rows still without a
 * key are read, so a run stopped half way resumes where it stopped; the romanisation is TypeScript (core), so it
 * runs here rather than in SQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (;;) {
    const { rows } = await sql<Names>`
      select id, family_name_km, given_name_km, family_name_latin, given_name_latin, alias
      from child_case where romanised_key is null order by id limit ${BATCH}
    `.execute(db);
    if (rows.length === 0) return;
    for (const row of rows) {
      const key = romanisedSearchKey({
        familyNameKm: row.family_name_km,
        givenNameKm: row.given_name_km,
        familyNameLatin: row.family_name_latin,
        givenNameLatin: row.given_name_latin,
        alias: row.alias,
      });
      await sql`update child_case set romanised_key = ${key} where id = ${row.id}`.execute(db);
    }
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
