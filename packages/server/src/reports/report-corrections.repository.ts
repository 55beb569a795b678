import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { scopeCondition, type ReportScope } from './reports.repository';

/**
 * Whether a case counted in the period was corrected after it ended: the report then counts the corrected values
 * (a case type corrected today changes last quarter's table) and says so, so two runs that differ are explained.
 */
export async function correctedAfterPeriod(
  db: Kysely<Database>,
  scope: ReportScope,
  period: { from: string; to: string },
): Promise<boolean> {
  const result = await sql<{ corrected: boolean }>`
    select exists (
      select 1 from case_event e join child_case c on c.id = e.case_id
      where e.type = 'profile_correction' and e.occurred_on > ${period.to}::date
        and c.opened_on <= ${period.to}::date and (c.closed_on is null or c.closed_on >= ${period.from}::date)
        and ${scopeCondition(scope)}
    ) as corrected`.execute(db);
  return result.rows[0]?.corrected ?? false;
}
