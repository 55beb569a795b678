import type { CaseProjection, ProjectedEvent } from '@homeward/core';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';

/** The events of an organisation's open cases, case by case in recording order, read in one query. */
export async function openCaseEvents(
  trx: Transaction<Database>,
  organisationId: string,
): Promise<Map<string, ProjectedEvent[]>> {
  const rows = await trx
    .selectFrom('case_event as e')
    .innerJoin('child_case as c', 'c.id', 'e.case_id')
    .select(['e.case_id as caseId', 'e.id', 'e.type', 'e.occurred_on as occurredOn', 'e.payload', 'e.supersedes'])
    .where('c.organisation_id', '=', organisationId)
    .where('c.status', '<>', 'closed')
    .orderBy('e.case_id')
    .orderBy('e.seq')
    .execute();
  const byCase = new Map<string, ProjectedEvent[]>();
  for (const { caseId, ...event } of rows) {
    const events = byCase.get(caseId) ?? [];
    events.push(event);
    byCase.set(caseId, events);
  }
  return byCase;
}

/** The stored columns that follow from the case settings: the next visit due and whether the plan is approved. */
export async function updateSettingsDerivedColumns(
  trx: Transaction<Database>,
  caseId: string,
  projection: CaseProjection,
): Promise<void> {
  await trx
    .updateTable('child_case')
    .set({
      next_follow_up_on: projection.nextFollowUpOn,
      care_plan_approved: projection.carePlan?.approved ?? null,
    })
    .where('id', '=', caseId)
    .execute();
}
