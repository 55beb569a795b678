import { sql, type Kysely } from 'kysely';

/**
 * The case numbers a case had under earlier leads: after a transfer the receiver's number is the case's, and the
 * sender's is kept so that paper files and the sender's reports can still be matched to it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table case_reference (
      case_id uuid not null references child_case (id) on delete cascade,
      organisation_id uuid not null references organisation (id),
      case_number text not null,
      until_on date not null,
      created_at timestamptz not null default now(),
      primary key (case_id, organisation_id, case_number)
    )
  `.execute(db);
  await sql`create index case_reference_number on case_reference (case_number)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
