import type { Target, TargetValues } from '@homeward/core';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, IndicatorTargetTable } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

/** Every query names the organisation: another organisation's target is never found, so it answers 404. */
function toTarget(row: Selectable<IndicatorTargetTable>): Target {
  return {
    id: row.id,
    indicator: row.indicator as Target['indicator'],
    breakdownKey: row.breakdown_key,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    baselineOn: row.baseline_on,
    value: Number(row.value),
    note: row.note,
    updatedAt: row.updated_at.toISOString(),
  };
}

function columnsOf(input: TargetValues) {
  return {
    indicator: input.indicator,
    breakdown_key: input.breakdownKey,
    period_from: input.periodFrom,
    period_to: input.periodTo,
    baseline_on: input.baselineOn,
    value: input.value,
    note: input.note,
  };
}

export async function listTargets(db: Executor, organisationId: string): Promise<Target[]> {
  const rows = await db
    .selectFrom('indicator_target')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('period_to')
    .orderBy('indicator')
    .orderBy('breakdown_key')
    .orderBy('id')
    .execute();
  return rows.map(toTarget);
}

export async function findTarget(db: Executor, organisationId: string, id: string): Promise<Target | undefined> {
  const row = await db
    .selectFrom('indicator_target')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toTarget(row) : undefined;
}

export async function insertTarget(
  db: Executor,
  organisationId: string,
  userId: string,
  id: string,
  input: TargetValues,
): Promise<void> {
  await db
    .insertInto('indicator_target')
    .values({ id, organisation_id: organisationId, created_by: userId, ...columnsOf(input) })
    .execute();
}

/** Whether the organisation had a target with this id to change. */
export async function updateTarget(
  db: Executor,
  organisationId: string,
  id: string,
  input: TargetValues,
): Promise<boolean> {
  const result = await db
    .updateTable('indicator_target')
    .set({ ...columnsOf(input), updated_at: new Date() })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteTarget(db: Executor, organisationId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('indicator_target')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
