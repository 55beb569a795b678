import { projectCase, type CaseSettings } from '@homeward/core';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import { openCaseEvents, updateSettingsDerivedColumns } from '../cases/settings-projection.repository';
import type { Database } from '../db/schema';
import { writeCaseSettings } from './case-settings.repository';

/**
 * New settings, and every open case re-projected under them in the same transaction: the stored next visit
 * (which supervision and tasks read) and plan approval follow the new rule at once, not at each case's next event.
 */
export async function changeCaseSettings(db: Kysely<Database>, actor: Actor, settings: CaseSettings): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await writeCaseSettings(trx, actor.organisationId, settings);
    for (const [caseId, events] of await openCaseEvents(trx, actor.organisationId)) {
      await updateSettingsDerivedColumns(trx, caseId, projectCase(events, settings));
    }
    await appendAudit(trx, {
      ...actor,
      action: 'settings.cases_update',
      detail: { approvalGates: settings.approvalGates },
    });
  });
}
