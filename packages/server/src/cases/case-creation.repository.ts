import type { Transaction } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Database, NewCaseRow } from '../db/schema';
import { requirePermission } from '../access/require-permission';
import { auditCase } from './case-audit';

/** The organisation's next case number for the year, counted in the transaction that creates the case. */
export async function nextCaseNumber(trx: Transaction<Database>, organisationId: string, year: number) {
  const org = await trx
    .updateTable('organisation')
    .set((eb) => ({ case_counter: eb('case_counter', '+', 1) }))
    .where('id', '=', organisationId)
    .returning(['case_prefix', 'case_counter'])
    .executeTakeFirstOrThrow();
  return `${org.case_prefix}-${year}-${String(org.case_counter).padStart(4, '0')}`;
}

export async function insertCase(trx: Transaction<Database>, actor: Actor, row: NewCaseRow): Promise<void> {
  requirePermission(actor, 'case.create');
  if (row.organisation_id !== actor.organisationId) throw new Error('A case belongs to its creator’s organisation.');
  await trx.insertInto('child_case').values(row).execute();
  await auditCase(trx, actor, 'case.create', row.id);
}
