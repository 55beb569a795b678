import { can, DomainError, type AuditEntry, type AuditPage, type AuditQuery } from '@homeward/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Database } from '../db/schema';
import { appendAudit } from './audit.repository';

type Executor = Kysely<Database> | Transaction<Database>;

/** Cambodia keeps UTC+7 all year, so a day in a filter starts at the same offset in every season. */
const CAMBODIA_OFFSET = '+07:00';

/** The organisation's audit entries with the user's name and the case number beside the ids. */
export function auditEntries(db: Executor, organisationId: string) {
  return db
    .selectFrom('audit_log as a')
    .leftJoin('app_user as u', 'u.id', 'a.user_id')
    .leftJoin('child_case as c', 'c.id', 'a.case_id')
    .where('a.organisation_id', '=', organisationId);
}

export function selectAuditColumns(query: ReturnType<typeof auditEntries>) {
  return query.select([
    'a.id',
    'a.at',
    'a.user_id',
    'u.display_name as user_name',
    'a.roles',
    'a.action',
    'a.case_id',
    'c.case_number',
    'a.ip',
    'a.detail',
  ]);
}

type AuditRow = Awaited<ReturnType<ReturnType<typeof selectAuditColumns>['execute']>>[number];

export function toAuditEntry(row: AuditRow): AuditEntry {
  // A deleted case's number survives only in the entry that recorded its deletion.
  const deletedNumber = typeof row.detail.caseNumber === 'string' ? row.detail.caseNumber : null;
  return {
    id: row.id,
    at: row.at.toISOString(),
    userId: row.user_id,
    userName: row.user_name,
    roles: row.roles ? row.roles.split(',') : [],
    action: row.action,
    caseId: row.case_id,
    caseNumber: row.case_number ?? deletedNumber,
    ip: row.ip,
    detail: row.detail,
  };
}

function nextDay(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

export async function searchAudit(db: Kysely<Database>, actor: Actor, query: AuditQuery): Promise<AuditPage> {
  if (!can(actor.access, 'audit.read')) {
    throw new DomainError('forbidden', 'Only an administrator can search the audit log.', [], 'forbidden');
  }
  let base = auditEntries(db, actor.organisationId);
  if (query.userId) base = base.where('a.user_id', '=', query.userId);
  if (query.action) base = base.where('a.action', '=', query.action);
  if (query.caseNumber) {
    const caseNumber = query.caseNumber;
    base = base.where((eb) =>
      eb.or([eb('c.case_number', '=', caseNumber), eb(sql<string>`a.detail->>'caseNumber'`, '=', caseNumber)]),
    );
  }
  if (query.from) base = base.where('a.at', '>=', new Date(`${query.from}T00:00:00${CAMBODIA_OFFSET}`));
  if (query.to) base = base.where('a.at', '<', new Date(`${nextDay(query.to)}T00:00:00${CAMBODIA_OFFSET}`));
  const [rows, count] = await Promise.all([
    selectAuditColumns(base).orderBy('a.id', 'desc').limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const filters = {
    userId: query.userId,
    action: query.action,
    caseNumber: query.caseNumber,
    from: query.from,
    to: query.to,
  };
  await appendAudit(db, { ...actor, action: 'audit.search', detail: { filters, results: rows.length } });
  return { items: rows.map(toAuditEntry), total: count.n };
}
