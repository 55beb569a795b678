import { sql, type Kysely } from 'kysely';

/**
 * The case columns reports join on, beside each case's id in a narrow index: a province's or the country's tables
 * read it (31 MB at 200,000 cases) instead of the whole case rows with their names and narratives (224 MB); the
 * quarterly report for the country went from 1.6 s to 1.4 s of queries (docs/performance.md).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index child_case_report_idx on child_case (id) include (organisation_id, village_code, sex, date_of_birth,
      case_types, status, opened_on, closed_on, reintegrated_on, next_follow_up_on, assigned_worker_id,
      current_facility_id, current_care_type);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
