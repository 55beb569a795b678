import { eventReadable, type AuditEntry } from '@homeward/core';
import type { Kysely, Transaction } from 'kysely';
import { auditEntries, selectAuditColumns, toAuditEntry } from '../audit/audit-search.repository';
import type { Actor } from '../auth/actor';
import type { Database } from '../db/schema';
import { requirePermission } from '../access/require-permission';
import { auditCase } from './case-audit';
import { selectCase } from './case-reads.repository';
import { eventsWithAuthors } from './case-events.repository';
import { reachOf } from './child-visibility';

/** A case's record as it leaves the screen: who read it, its prints, and its whole-file export. */
type Executor = Kysely<Database> | Transaction<Database>;

const ACCESS_LOG_LENGTH = 500;

/** Who read and changed a case, newest first; reading it is itself recorded. */
export async function readAccessLog(db: Executor, actor: Actor, caseId: string): Promise<AuditEntry[]> {
  requirePermission(actor, 'case.access_log');
  await selectCase(db, actor, caseId, 'read');
  const rows = await selectAuditColumns(auditEntries(db, actor.organisationId))
    .where('a.case_id', '=', caseId)
    .orderBy('a.id', 'desc')
    .limit(ACCESS_LOG_LENGTH)
    .execute();
  await auditCase(db, actor, 'case.access_log_read', caseId);
  return rows.map(toAuditEntry);
}

/** A case printed on a form: the paper leaves the system, so the audit must say who took it, when and how. */
export async function recordPrint(db: Executor, actor: Actor, caseId: string, print: { form: string; alias: boolean }) {
  requirePermission(actor, 'case.read');
  await selectCase(db, actor, caseId, 'read');
  await auditCase(db, actor, 'case.print', caseId, { form: print.form, alias: print.alias });
}

/** Everything of a case for its whole-file export, with the files still encrypted as stored. */
export async function readCaseFile(
  trx: Transaction<Database>,
  actor: Actor,
  caseId: string,
  detail: { encrypted: boolean; language: string },
) {
  requirePermission(actor, 'case.export');
  const child = await selectCase(trx, actor, caseId, 'read');
  const reach = await reachOf(trx, actor, child);
  const events = (await eventsWithAuthors(trx, caseId)).filter((row) =>
    eventReadable(reach, row.type, row.organisation_id, row.payload),
  );
  const files = (
    await trx.selectFrom('attachment').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute()
  ).filter((row) => eventReadable(reach, 'document', row.organisation_id));
  await auditCase(trx, actor, 'case.export', caseId, {
    format: 'zip',
    ...detail,
    events: events.length,
    attachments: files.length,
  });
  return { child: { ...child, reach }, events, files };
}
