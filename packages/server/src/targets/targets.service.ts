import { randomUUID } from 'node:crypto';
import {
  can,
  DEFAULT_AGE_BANDS,
  DEFAULT_SUPPRESSION_THRESHOLD,
  DomainError,
  INDICATORS,
  planTable,
  progressDates,
  targetInputSchema,
  targetProgress,
  targetStart,
  type Target,
  type TargetInput,
  type TargetProgress,
} from '@homeward/core';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import type { Clock } from '../cases/cases.service';
import type { Database } from '../db/schema';
import { countTable, type ReportScope } from '../reports/reports.repository';
import { scopeOf } from '../reports/reports.service';
import { deleteTarget, findTarget, insertTarget, listTargets, updateTarget } from './targets.repository';
import { requirePermission } from '../access/require-permission';

const notFound = () => new DomainError('not_found', 'No target with this id.', [], 'not_found');

export async function targetsOf(db: Kysely<Database>, actor: Actor): Promise<Target[]> {
  if (!can(actor.access, 'report.read')) requirePermission(actor, 'target.manage');
  return listTargets(db, actor.organisationId);
}

export async function createTarget(db: Kysely<Database>, actor: Actor, input: TargetInput): Promise<Target> {
  requirePermission(actor, 'target.manage');
  const values = targetInputSchema.parse(input);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await insertTarget(trx, actor.organisationId, actor.userId, id, values);
    await appendAudit(trx, {
      ...actor,
      action: 'target.create',
      detail: { targetId: id, indicator: values.indicator },
    });
  });
  const created = await findTarget(db, actor.organisationId, id);
  if (!created) throw new Error('A new target was not read back.');
  return created;
}

export async function changeTarget(db: Kysely<Database>, actor: Actor, id: string, input: TargetInput) {
  requirePermission(actor, 'target.manage');
  const values = targetInputSchema.parse(input);
  await db.transaction().execute(async (trx) => {
    if (!(await updateTarget(trx, actor.organisationId, id, values))) throw notFound();
    await appendAudit(trx, {
      ...actor,
      action: 'target.update',
      detail: { targetId: id, indicator: values.indicator },
    });
  });
  const changed = await findTarget(db, actor.organisationId, id);
  if (!changed) throw notFound();
  return changed;
}

export async function removeTarget(db: Kysely<Database>, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'target.manage');
  await db.transaction().execute(async (trx) => {
    if (!(await deleteTarget(trx, actor.organisationId, id))) throw notFound();
    await appendAudit(trx, { ...actor, action: 'target.delete', detail: { targetId: id } });
  });
}

/** The engine's counts for one target, from its first day up to each date of its progress line. */
async function countsFor(db: Kysely<Database>, scope: ReportScope, today: string, target: Target, asOf: string) {
  const indicator = INDICATORS[target.indicator];
  const from = targetStart(target);
  const counts = [];
  for (const to of progressDates(target, asOf)) {
    const plan = planTable(indicator.table(target.breakdownKey), {
      from,
      to,
      referenceDate: to,
      ageBands: DEFAULT_AGE_BANDS,
    });
    counts.push(indicator.read(await countTable(db, { plan, scope, today })));
  }
  return counts;
}

/**
 * Progress of every target of the organisation on a day (today unless asked), over the cases its reports count:
 * its own, or for a department every organisation's in its province.
 */
export async function progressOfTargets(
  db: Kysely<Database>,
  actor: Actor,
  clock: Clock,
  asked: string | undefined,
): Promise<{ asOf: string; items: TargetProgress[] }> {
  requirePermission(actor, 'report.read');
  const asOf = asked ?? clock.today();
  const { scope } = await scopeOf(db, actor, 'en', undefined);
  // A department sees the NGOs of its province in aggregate, anonymised as its reports are.
  const suppressBelow = scope.kind === 'province' ? DEFAULT_SUPPRESSION_THRESHOLD : undefined;
  const items = [];
  for (const target of await listTargets(db, actor.organisationId)) {
    const counts = await countsFor(db, scope, clock.today(), target, asOf);
    items.push(targetProgress(target, asOf, counts, suppressBelow));
  }
  await appendAudit(db, { ...actor, action: 'target.progress', detail: { asOf, targets: items.length } });
  return { asOf, items };
}
