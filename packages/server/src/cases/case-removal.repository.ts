import { DomainError, romanisedSearchKey, searchKey } from '@homeward/core';
import { sql, type Transaction } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import type { Database } from '../db/schema';
import { requirePermission } from '../access/require-permission';
import { auditCase } from './case-audit';
import { selectCase } from './case-reads.repository';

/**
 * Deletes a case with everything recorded about it. The audit keeps the case number and the reason, never the
 * child's name, so the deletion can be accounted for after the record is gone.
 */
export async function deleteCase(
  trx: Transaction<Database>,
  actor: Actor,
  caseId: string,
  deletion: { reason: string; confirmCaseNumber: string },
): Promise<void> {
  requirePermission(actor, 'case.delete');
  const child = await selectCase(trx, actor, caseId, 'write');
  if (deletion.confirmCaseNumber !== child.case_number) {
    const message = 'The case number typed does not match this case.';
    throw new DomainError('invalid', message, [{ field: 'confirmCaseNumber', message }], 'confirmation_mismatch');
  }
  await trx.deleteFrom('attachment').where('case_id', '=', caseId).execute();
  await trx.deleteFrom('task').where('case_id', '=', caseId).execute();
  await trx.deleteFrom('care_stay').where('case_id', '=', caseId).execute();
  await trx.deleteFrom('case_event').where('case_id', '=', caseId).execute();
  await trx.deleteFrom('child_case').where('id', '=', caseId).execute();
  await auditCase(trx, actor, 'case.delete', caseId, { caseNumber: child.case_number, reason: deletion.reason });
}

/** Payload fields that name a person or say where the family lives: replaced or dropped by pseudonymisation. */
const NAME_FIELDS = ['name', 'carerName', 'guardianName'];
const LOCATION_FIELDS = ['phone', 'villageCode'];

function pseudonymousPayload(payload: Record<string, unknown>, alias: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (LOCATION_FIELDS.includes(key)) continue;
    result[key] = NAME_FIELDS.includes(key) && typeof value === 'string' ? alias : value;
  }
  return result;
}

/**
 * Replaces a child's identity by the alias, as an organisation's retention rule asks. No user acts here: the
 * organisation's own rule does, run by an operator, so the audit entry names the rule instead of a user.
 */
export async function pseudonymiseCase(
  trx: Transaction<Database>,
  organisationId: string,
  caseId: string,
  rule: { status: string; afterYears: number; dueOn: string },
): Promise<void> {
  const child = await trx
    .selectFrom('child_case')
    .select(['case_number', 'alias', 'date_of_birth'])
    .where('id', '=', caseId)
    .where('organisation_id', '=', organisationId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const alias = child.alias ?? child.case_number;
  await trx
    .updateTable('child_case')
    .set({
      family_name_km: null,
      given_name_km: null,
      family_name_latin: null,
      given_name_latin: null,
      alias,
      date_of_birth: `${child.date_of_birth.slice(0, 4)}-01-01`,
      date_of_birth_estimated: true,
      village_code: null,
      search_key: searchKey([alias, child.case_number]),
      romanised_key: romanisedSearchKey({ alias }),
      pseudonymised_at: sql`now()`,
      updated_at: sql`now()`,
    })
    .where('id', '=', caseId)
    .execute();
  const events = await trx.selectFrom('case_event').select(['id', 'payload']).where('case_id', '=', caseId).execute();
  for (const event of events) {
    await trx
      .updateTable('case_event')
      .set({ payload: JSON.stringify(pseudonymousPayload(event.payload, alias)) })
      .where('id', '=', event.id)
      .execute();
  }
  await appendAudit(trx, {
    userId: null,
    organisationId,
    roles: [],
    action: 'case.pseudonymise',
    caseId,
    detail: { caseNumber: child.case_number, rule },
  });
}
