import { isDeepStrictEqual } from 'node:util';
import { eventPayloadSchemas, projectCase, type CaseEventType } from '@homeward/core';
import { sql } from 'kysely';
import type { Db } from '../packages/server/src/db/database';

/**
 * Generated data is only worth measuring if it is what the application would have written: for a sample of
 * cases, every payload must come out of its core schema unchanged, and replaying the events through core's
 * projection must give the columns stored on the case.
 */
export async function checkSample(db: Db, size: number): Promise<string[]> {
  const sample = await sql<{ id: string }>`select id from child_case order by md5(id::text) limit ${size}`.execute(
    db.kysely,
  );
  const problems: string[] = [];
  for (const { id } of sample.rows) {
    const row = await db.kysely.selectFrom('child_case').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const events = await db.kysely
      .selectFrom('case_event')
      .select(['id', 'type', 'occurred_on', 'supersedes', 'payload'])
      .where('case_id', '=', id)
      .orderBy('seq')
      .execute();
    for (const event of events) {
      const parsed = eventPayloadSchemas[event.type as CaseEventType].safeParse(event.payload);
      if (!parsed.success)
        problems.push(
          `${event.type} ${event.id}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join(', ')}`,
        );
      else if (!isDeepStrictEqual(JSON.parse(JSON.stringify(parsed.data)), event.payload))
        problems.push(`${event.type} ${event.id}: stored payload differs from its parsed form`);
    }
    const p = projectCase(events.map((e) => ({ ...e, occurredOn: e.occurred_on })));
    const expected = {
      status: p.status,
      risk_level: p.riskLevel,
      opened_on: p.openedOn,
      last_event_on: p.lastEventOn,
      current_care_type: p.placement?.careType ?? null,
      current_facility_id: p.placement?.facilityId ?? null,
      placed_since: p.placement?.since ?? null,
      reintegrated_on: p.reintegratedOn,
      closed_on: p.closedOn,
      next_follow_up_on: p.nextFollowUpOn,
      has_assessment: p.hasAssessment,
      care_plan_review_on: p.carePlan?.reviewOn ?? null,
      care_plan_approved: p.carePlan?.approved ?? null,
      pending_approvals: p.approvals.filter((approval) => approval.decision === 'pending').length,
    };
    for (const [column, value] of Object.entries(expected)) {
      const stored = row[column as keyof typeof row];
      if (stored !== value)
        problems.push(`case ${row.case_number}: ${column} is ${String(stored)}, events say ${value}`);
    }
  }
  return problems;
}
