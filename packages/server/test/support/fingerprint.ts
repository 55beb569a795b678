import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/schema';

/**
 * Tables a refused request may legitimately write: the audit log records refusals on purpose, and a
 * session's idle timer is refreshed by any authenticated request.
 */
const WRITTEN_BY_REFUSALS = ['audit_log', 'user_session'];
/** A refused login counts towards the lockout: that is the point of it, not a leak of a refusal into data. */
const LOCKOUT_COLUMNS = ['failed_logins', 'locked_until', 'lock_count'];

/** The tables to compare: every table but those above, read once since a test does not create tables. */
export async function fingerprintedTables(db: Kysely<Database>): Promise<string[]> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
    order by table_name`.execute(db);
  const names = tables.rows.map((row) => row.name).filter((name) => !WRITTEN_BY_REFUSALS.includes(name));
  if (names.length === 0) throw new Error('The database has no tables to fingerprint.');
  return names;
}

/** Each table's row count and a sum of its rows' hashes (order-free, so no sort), to tell whether any row changed. */
export async function fingerprint(db: Kysely<Database>, tables: string[]): Promise<Record<string, string>> {
  const parts = tables.map((name) => {
    const row =
      name === 'app_user'
        ? sql.raw(`(to_jsonb(r) - array[${LOCKOUT_COLUMNS.map((column) => `'${column}'`).join(', ')}])::text`)
        : sql.raw('r::text');
    return sql`select ${name}::text as name, count(*)::text || ':' || coalesce(sum(hashtext(${row})), 0)::text as print from ${sql.table(name)} r`;
  });
  const result = await sql<{ name: string; print: string }>`${sql.join(parts, sql` union all `)}`.execute(db);
  return Object.fromEntries(result.rows.map((row) => [row.name, row.print]));
}

/** The tables whose fingerprint differs between two moments. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name]);
}
