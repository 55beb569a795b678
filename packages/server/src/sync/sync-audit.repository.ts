import { DomainError, type SyncOperation } from '@homeward/core';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import { CASE_NOT_FOUND } from '../cases/case-reads.repository';
import { visibleCases } from '../cases/child-visibility';
import type { Database } from '../db/schema';

type AuditOperation = Extract<SyncOperation, { kind: 'audit' }>;

/**
 * Writes a read or change made offline to the audit log, once per operation id, with the device's time and the
 * time the server received it. The case must be one the user still reaches or the device held: an offline read
 * of a case since handed away is still recorded, one of a case the user never had is refused.
 */
export async function appendOfflineAudit(
  db: Kysely<Database>,
  actor: Actor,
  operation: AuditOperation,
  context: { deviceId: string; receivedAt: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const reached = await visibleCases(trx, actor)
      .select('child_case.id')
      .where('child_case.id', '=', operation.caseId)
      .unionAll(
        trx
          .selectFrom('device_case')
          .select('case_id as id')
          .where('device_id', '=', context.deviceId)
          .where('case_id', '=', operation.caseId),
      )
      .executeTakeFirst();
    if (!reached) throw new DomainError('not_found', CASE_NOT_FOUND, [], 'not_found');
    const first = await trx
      .insertInto('sync_audit_op')
      .values({ id: operation.opId, organisation_id: actor.organisationId, device_id: context.deviceId })
      .onConflict((conflict) => conflict.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!first) return;
    await appendAudit(trx, {
      ...actor,
      action: operation.action,
      caseId: operation.caseId,
      detail: {
        offline: true,
        deviceId: context.deviceId,
        opId: operation.opId,
        madeAt: operation.madeAt,
        receivedAt: context.receivedAt,
      },
    });
  });
}
