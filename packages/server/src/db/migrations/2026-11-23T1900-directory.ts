import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table directory_entry (
      id uuid primary key,
      organisation_id uuid not null references organisation (id),
      name text not null,
      kind text not null,
      province_code text,
      phone text,
      created_at timestamptz not null default now(),
      unique (organisation_id, name)
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
