import { can, DomainError, type AuditAction, type NewTask } from '@homeward/core';
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import { readCase } from '../cases/case-reads.repository';
import type { Database } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

function audit(db: Executor, actor: Actor, action: AuditAction, caseId: string, taskId: string) {
  return appendAudit(db, { ...actor, action, caseId, detail: { taskId } });
}

/** Gives a task about one of the organisation's cases to a colleague in the same organisation. */
export async function insertTask(db: Kysely<Database>, actor: Actor, id: string, task: NewTask): Promise<void> {
  await readCase(db, actor, task.caseId);
  // Giving work is part of managing a case; those who only read it (caregivers) do not.
  if (!can(actor.access, 'case.write'))
    throw new DomainError('forbidden', 'Your role does not allow this.', [], 'forbidden');
  const assignee = await db
    .selectFrom('app_user')
    .select('id')
    .where('id', '=', task.assignedTo)
    .where('organisation_id', '=', actor.organisationId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!assignee) {
    throw new DomainError('invalid', 'Choose a colleague from your organisation.', [
      { field: 'assignedTo', message: 'Choose a colleague from your organisation.' },
    ]);
  }
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('task')
      .values({
        id,
        organisation_id: actor.organisationId,
        case_id: task.caseId,
        assigned_to: task.assignedTo,
        assigned_by: actor.userId,
        title: task.title,
        due_on: task.dueOn,
      })
      // The id may come from the client; one already taken, in any organisation, is a conflict, not a crash.
      .onConflict((conflict) => conflict.column('id').doNothing())
      .executeTakeFirst();
    if (!inserted.numInsertedOrUpdatedRows) {
      throw new DomainError('conflict', 'This task id is already used.', [], 'id_taken');
    }
    await audit(trx, actor, 'task.create', task.caseId, id);
  });
}

/** Marks a task done or not; only its assignee or the person who gave it may. */
export async function setTaskDone(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  doneOn: string | null,
): Promise<void> {
  const task = await db
    .selectFrom('task')
    .select(['case_id', 'assigned_to', 'assigned_by'])
    .where('id', '=', id)
    .where('organisation_id', '=', actor.organisationId)
    .executeTakeFirst();
  if (!task || (task.assigned_to !== actor.userId && task.assigned_by !== actor.userId)) {
    throw new DomainError('not_found', 'No task with this id.', [], 'not_found');
  }
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('task').set({ done_on: doneOn }).where('id', '=', id).execute();
    await audit(trx, actor, doneOn ? 'task.done' : 'task.reopen', task.case_id, id);
  });
}

export function openTasksOf(db: Executor, actor: Actor) {
  return db
    .selectFrom('task as t')
    .innerJoin('child_case as c', 'c.id', 't.case_id')
    .leftJoin('app_user as by', 'by.id', 't.assigned_by')
    .select([
      't.id as taskId',
      't.title',
      't.due_on as dueOn',
      'by.display_name as assignedBy',
      'c.id as caseId',
      'c.case_number as caseNumber',
      'c.family_name_km as familyNameKm',
      'c.given_name_km as givenNameKm',
      'c.family_name_latin as familyNameLatin',
      'c.given_name_latin as givenNameLatin',
      'c.alias',
    ])
    .where('t.organisation_id', '=', actor.organisationId)
    .where('t.assigned_to', '=', actor.userId)
    .where('t.done_on', 'is', null)
    .execute();
}

export function colleaguesOf(db: Executor, actor: Actor) {
  return db
    .selectFrom('app_user')
    .select(['id', 'display_name as displayName', 'roles'])
    .where('organisation_id', '=', actor.organisationId)
    .where('disabled_at', 'is', null)
    .orderBy('display_name')
    .execute();
}
