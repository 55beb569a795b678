import type { CaseProjection } from '@homeward/core';
import { sql, type Transaction, type Updateable } from 'kysely';
import type { ChildCaseTable, Database } from '../db/schema';
import { refreshCareStays } from '../reports/care-stays.repository';

/**
 * Writes the projection onto the case row, and the case's stays in care for reports, in the transaction that
 * recorded the event they follow from.
 */
export async function updateCaseProjection(
  trx: Transaction<Database>,
  caseId: string,
  projection: CaseProjection,
  /** A correction's changes to the child's identity, written in the same statement (one version step). */
  profile: Updateable<ChildCaseTable> = {},
): Promise<void> {
  await trx
    .updateTable('child_case')
    .set({
      ...profile,
      case_types: projection.caseTypes,
      child_type: projection.childType,
      referral: JSON.stringify(projection.referral),
      status: projection.status,
      risk_level: projection.riskLevel,
      opened_on: projection.openedOn,
      last_event_on: projection.lastEventOn,
      current_care_type: projection.placement?.careType ?? null,
      current_facility_id: projection.placement?.facilityId ?? null,
      placed_since: projection.placement?.since ?? null,
      reintegrated_on: projection.reintegratedOn,
      closed_on: projection.closedOn,
      next_follow_up_on: projection.nextFollowUpOn,
      has_assessment: projection.hasAssessment,
      care_plan_review_on: projection.carePlan?.reviewOn ?? null,
      care_plan_approved: projection.carePlan?.approved ?? null,
      pending_approvals: projection.approvals.filter((approval) => approval.decision === 'pending').length,
      updated_at: sql`now()`,
    })
    .where('id', '=', caseId)
    .execute();
  await refreshCareStays(trx, caseId);
}
