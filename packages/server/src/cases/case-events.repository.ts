import { eventReadable, type CaseReach } from '@homeward/core';
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../auth/actor';
import type { CaseEventRow, Database } from '../db/schema';
import { requirePermission } from '../access/require-permission';
import { auditCase } from './case-audit';
import { selectCase } from './case-reads.repository';
import { reachOf } from './child-visibility';

type Executor = Kysely<Database> | Transaction<Database>;

export interface NewEventRow {
  id: string;
  caseId: string;
  type: string;
  occurredOn: string;
  supersedes?: string | undefined;
  payload: Record<string, unknown>;
  /** The client's request, for an event it identified (see client-ids). */
  requestDigest?: string;
}

export async function insertEvent(trx: Transaction<Database>, actor: Actor, event: NewEventRow): Promise<void> {
  requirePermission(actor, 'case.write');
  await trx
    .insertInto('case_event')
    .values({
      id: event.id,
      case_id: event.caseId,
      organisation_id: actor.organisationId,
      type: event.type,
      occurred_on: event.occurredOn,
      author_id: actor.userId,
      supersedes: event.supersedes ?? null,
      payload: JSON.stringify(event.payload),
      request_digest: event.requestDigest ?? null,
    })
    .execute();
  await auditCase(trx, actor, 'case.event_add', event.caseId, { eventType: event.type, eventId: event.id });
}

export type EventWithAuthor = CaseEventRow & { author_name: string | null; organisation_name: string };

/** Every event of a case with who wrote it and for which organisation; callers keep what the reader reaches. */
export function eventsWithAuthors(db: Executor, caseId: string): Promise<EventWithAuthor[]> {
  return db
    .selectFrom('case_event')
    .innerJoin('organisation as writer', 'writer.id', 'case_event.organisation_id')
    .leftJoin('app_user as author', 'author.id', 'case_event.author_id')
    .selectAll('case_event')
    .select(['author.display_name as author_name', 'writer.name as organisation_name'])
    .where('case_event.case_id', '=', caseId)
    .orderBy('case_event.occurred_on')
    .orderBy('case_event.seq')
    .execute();
}

/** The events of a case the reader reaches: all for the lead, a participant's sections and its own writing. */
export async function readEvents(
  db: Executor,
  actor: Actor,
  caseId: string,
): Promise<{ reach: CaseReach; rows: EventWithAuthor[] }> {
  requirePermission(actor, 'case.read');
  const reach = await reachOf(db, actor, await selectCase(db, actor, caseId, 'read'));
  const rows = readableEvents(reach, await eventsWithAuthors(db, caseId));
  await auditCase(db, actor, 'case.read_events', caseId, { events: rows.length });
  return { reach, rows };
}

/** The events of one case a reader reaching it so may read: all for the lead, a participant's sections and writing. */
export function readableEvents<Row extends CaseEventRow>(reach: CaseReach, rows: readonly Row[]): Row[] {
  return rows.filter((row) => eventReadable(reach, row.type, row.organisation_id, row.payload));
}

/** Events of a case for a rule check inside a write; the caller already holds the case's lock. */
export function eventsForRules(trx: Executor, caseId: string) {
  return trx
    .selectFrom('case_event')
    .select(['id', 'type', 'occurred_on as occurredOn', 'payload', 'supersedes'])
    .where('case_id', '=', caseId)
    .orderBy('seq')
    .execute();
}

/** An event id already used, in any organisation, and the case it belongs to. */
export function eventIdUse(db: Executor, eventId: string) {
  return db
    .selectFrom('case_event')
    .select(['case_id', 'organisation_id', 'request_digest'])
    .where('id', '=', eventId)
    .executeTakeFirst();
}
