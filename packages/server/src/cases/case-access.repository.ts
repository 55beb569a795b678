import { CASE_SECTIONS, DomainError, type NewCaseShare } from '@homeward/core';
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import type { Database } from '../db/schema';
import { requirePermission } from '../access/require-permission';
import { addParticipant } from '../participation/participants.repository';
import { lockCaseForWrite, readCase } from './case-reads.repository';

/** Who works on a case, and which departments may read it: each change locked, checked and audited. */
type Executor = Kysely<Database> | Transaction<Database>;

const CASE_ROLES = ['caseworker', 'supervisor'];

export async function assignCase(trx: Transaction<Database>, actor: Actor, caseId: string, workerId: string) {
  requirePermission(actor, 'case.assign');
  await lockCaseForWrite(trx, actor, caseId);
  const worker = await trx
    .selectFrom('app_user')
    .select(['id', 'roles'])
    .where('id', '=', workerId)
    .where('organisation_id', '=', actor.organisationId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!worker || !worker.roles.some((role) => CASE_ROLES.includes(role))) {
    throw new DomainError('invalid', 'Choose a caseworker or supervisor of your organisation.', [
      { field: 'workerId', message: 'Choose a caseworker or supervisor of your organisation.' },
    ]);
  }
  await trx.updateTable('child_case').set({ assigned_worker_id: workerId }).where('id', '=', caseId).execute();
  await appendAudit(trx, { ...actor, action: 'case.assign', caseId, detail: { workerId } });
}

export async function shareCase(
  trx: Transaction<Database>,
  actor: Actor,
  caseId: string,
  share: NewCaseShare & { id: string; sharedOn: string },
) {
  await lockCaseForWrite(trx, actor, caseId);
  const department = await trx
    .selectFrom('organisation')
    .select('id')
    .where('id', '=', share.organisationId)
    .where('kind', '=', 'government')
    .executeTakeFirst();
  if (!department) {
    throw new DomainError('invalid', 'Choose a Department of Social Affairs.', [
      { field: 'organisationId', message: 'Choose a Department of Social Affairs.' },
    ]);
  }
  // A department oversees the whole case, as it did before participation (decision 0010): every section.
  await addParticipant(trx, {
    id: share.id,
    caseId,
    organisationId: share.organisationId,
    role: 'department',
    sections: CASE_SECTIONS,
    via: share.kind,
    sourceId: null,
    note: share.note ?? null,
    assignedWorkerId: null,
    grantedBy: actor.userId,
    startedOn: share.sharedOn,
  });
  await appendAudit(trx, {
    ...actor,
    action: 'case.share',
    caseId,
    detail: { organisationId: share.organisationId, kind: share.kind },
  });
}

export async function sharesOf(db: Executor, actor: Actor, caseId: string) {
  await readCase(db, actor, caseId);
  return (
    db
      .selectFrom('case_participant as s')
      .innerJoin('organisation as o', 'o.id', 's.organisation_id')
      .leftJoin('app_user as u', 'u.id', 's.granted_by')
      .select([
        's.id',
        's.organisation_id as organisationId',
        'o.name as organisationName',
        's.via as kind',
        's.note',
        's.started_on as sharedOn',
        'u.display_name as sharedByName',
      ])
      .where('s.case_id', '=', caseId)
      .where('s.role', '=', 'department')
      .where('s.ended_on', 'is', null)
      // A department is given a case by a share, which says referral or handover, never by a transfer.
      .$narrowType<{ kind: NewCaseShare['kind'] }>()
      .orderBy('s.created_at')
      .execute()
  );
}

/** The departments a case can be referred to: every government organisation on this server. */
export function listDepartments(db: Executor) {
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'province_code as provinceCode'])
    .where('kind', '=', 'government')
    .orderBy('name')
    .execute();
}
