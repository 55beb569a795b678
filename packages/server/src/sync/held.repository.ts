import {
  can,
  currentSetters,
  syncOperationSchema,
  type CorrectedField,
  type HeldOperation,
  type IntakeAuthor,
  type RecordedCorrection,
  type SyncOperation,
} from '@homeward/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Actor } from '../auth/actor';
import { writableCases } from '../cases/child-visibility';
import type { Database, SyncHeldTable } from '../db/schema';

/** SQL of the offline operations the server kept instead of applying (decision 0013). */
type Executor = Kysely<Database> | Transaction<Database>;

/** How long a decided operation stays in the list after it was decided, so the device sees how it ended. */
const RECENT_DAYS = 14;

function heldRows(db: Executor) {
  return (
    db
      .selectFrom('sync_held')
      // The case's number only where the organisation that kept it leads or takes part in the case: a change sent
      // for another organisation's case must not learn its number.
      .leftJoin('child_case', (join) =>
        join
          .onRef('child_case.id', '=', 'sync_held.case_id')
          .on((eb) =>
            eb.or([
              eb('child_case.organisation_id', '=', eb.ref('sync_held.organisation_id')),
              eb.exists(
                eb
                  .selectFrom('case_participant')
                  .select('case_participant.id')
                  .whereRef('case_participant.case_id', '=', 'child_case.id')
                  .whereRef('case_participant.organisation_id', '=', 'sync_held.organisation_id'),
              ),
            ]),
          ),
      )
      .leftJoin('app_user as maker', 'maker.id', 'sync_held.user_id')
      .selectAll('sync_held')
      .select(['child_case.case_number', 'maker.display_name as maker_name'])
  );
}
type HeldRow = Awaited<ReturnType<ReturnType<typeof heldRows>['executeTakeFirstOrThrow']>>;

export function toHeld(row: HeldRow): HeldOperation {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    caseId: row.case_id,
    caseNumber: row.case_number,
    deviceId: row.device_id,
    madeBy: row.maker_name,
    madeAt: row.made_at,
    receivedAt: row.received_at.toISOString(),
    reason: row.reason,
    message: row.message,
    operation: syncOperationSchema.parse(row.operation),
    conflicts: row.conflicts as HeldOperation['conflicts'],
  };
}

/**
 * The held operations a user may act on, in her organisation: those she made, and those on a case she may write
 * as its worker or, with `case.approve`, as a supervisor.
 */
export async function actableHeld(
  db: Executor,
  actor: Actor,
  filter: { caseId?: string | undefined; openOnly: boolean; id?: string },
): Promise<HeldOperation[]> {
  let query = heldRows(db)
    .where('sync_held.organisation_id', '=', actor.organisationId)
    .where((eb) => {
      const mine = eb('sync_held.user_id', '=', actor.userId);
      if (!can(actor.access, 'case.write')) return mine;
      let cases = writableCases(db, actor).select('child_case.id');
      if (!can(actor.access, 'case.approve')) cases = cases.where('child_case.assigned_worker_id', '=', actor.userId);
      return eb.or([mine, eb('sync_held.case_id', 'in', cases)]);
    });
  if (filter.id) query = query.where('sync_held.id', '=', filter.id);
  if (filter.caseId) query = query.where('sync_held.case_id', '=', filter.caseId);
  query = filter.openOnly
    ? query.where('sync_held.status', '=', 'open')
    : query.where((eb) =>
        eb.or([
          eb('sync_held.status', '=', 'open'),
          eb('sync_held.resolved_at', '>', sql<Date>`now() - make_interval(days => ${RECENT_DAYS})`),
        ]),
      );
  const rows = await query.orderBy('sync_held.received_at').orderBy('sync_held.id').execute();
  const held = rows.map(toHeld);
  const conflicted = held.filter((item) => item.conflicts.length > 0 && item.caseId).map((item) => item.caseId!);
  const histories = await fieldHistories(db, conflicted);
  return held.map((item) => {
    const history = item.caseId ? histories.get(item.caseId) : undefined;
    if (!history || item.conflicts.length === 0) return item;
    const conflicts = currentSetters(item.conflicts, history.corrections, history.intake, item.status === 'open');
    return { ...item, conflicts };
  });
}

/**
 * Who set each correctable field of these cases: their corrections, oldest first, and their intake, with the
 * authors' names as they are now. Read with the held list, so a correction made after a conflict was kept shows.
 */
async function fieldHistories(
  db: Executor,
  caseIds: readonly string[],
): Promise<Map<string, { corrections: RecordedCorrection[]; intake: IntakeAuthor | null }>> {
  const histories = new Map<string, { corrections: RecordedCorrection[]; intake: IntakeAuthor | null }>();
  if (caseIds.length === 0) return histories;
  const rows = await db
    .selectFrom('case_event')
    .leftJoin('app_user as author', 'author.id', 'case_event.author_id')
    .select([
      'case_event.case_id',
      'case_event.type',
      'case_event.payload',
      'case_event.recorded_at',
      'author.display_name as author_name',
    ])
    .where('case_event.case_id', 'in', [...new Set(caseIds)])
    .where('case_event.type', 'in', ['intake', 'profile_correction'])
    .orderBy('case_event.seq')
    .execute();
  for (const row of rows) {
    const history = histories.get(row.case_id) ?? { corrections: [], intake: null };
    histories.set(row.case_id, history);
    const author = { authorName: row.author_name, recordedAt: row.recorded_at.toISOString() };
    if (row.type === 'intake') history.intake = author;
    else history.corrections.push({ ...author, changes: row.payload.changes as Record<string, CorrectedField> });
  }
  return histories;
}

/** A held operation by its id, in any organisation: a push tells its own retry from another's id. */
export async function findHeld(
  db: Executor,
  id: string,
): Promise<(HeldOperation & { organisationId: string }) | undefined> {
  const row = await heldRows(db).where('sync_held.id', '=', id).executeTakeFirst();
  return row ? { ...toHeld(row), organisationId: row.organisation_id } : undefined;
}

export interface NewHeld {
  id: string;
  organisationId: string;
  deviceId: string | null;
  userId: string;
  caseId: string | null;
  kind: SyncHeldTable['kind'];
  reason: string;
  message: string;
  operation: SyncOperation;
  conflicts: HeldOperation['conflicts'];
  madeAt: string;
}

/** Keeps an operation once: twenty copies of one push keep one row, and the losers read the winner's. */
export async function insertHeld(trx: Transaction<Database>, held: NewHeld): Promise<boolean> {
  const inserted = await trx
    .insertInto('sync_held')
    .values({
      id: held.id,
      organisation_id: held.organisationId,
      device_id: held.deviceId,
      user_id: held.userId,
      case_id: held.caseId,
      kind: held.kind,
      status: 'open',
      reason: held.reason,
      message: held.message,
      operation: JSON.stringify(held.operation),
      conflicts: JSON.stringify(held.conflicts),
      made_at: held.madeAt,
    })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** A refused re-application: still open, with the new reason (unless another decision closed it meanwhile). */
export async function updateHeldReason(
  trx: Transaction<Database>,
  id: string,
  held: Pick<NewHeld, 'kind' | 'reason' | 'message' | 'conflicts'>,
): Promise<void> {
  await trx
    .updateTable('sync_held')
    .set({
      kind: held.kind,
      reason: held.reason,
      message: held.message,
      conflicts: JSON.stringify(held.conflicts),
    })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .execute();
}

/** Closes an open held operation; false when another decision closed it first. */
export async function closeHeldIfOpen(
  trx: Transaction<Database>,
  id: string,
  outcome: { status: 'reapplied' | 'resolved' | 'discarded'; by: string; note?: string },
): Promise<boolean> {
  const closed = await trx
    .updateTable('sync_held')
    .set({
      status: outcome.status,
      resolved_by: outcome.by,
      resolved_at: new Date(),
      resolution_note: outcome.note ?? null,
    })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returning('id')
    .executeTakeFirst();
  return closed !== undefined;
}
