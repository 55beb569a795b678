import type { HeldOperation, KnownCase } from '@homeward/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';

/** SQL of a hub's own bookkeeping: its link, the central server's marks, what the central server has, its rounds. */
type Executor = Kysely<Database> | Transaction<Database>;

export interface HubLink {
  centralUrl: string;
  deviceId: string;
  organisationId: string;
  /** Sealed with the stored-data key. */
  sealedToken: string;
}

export async function readLink(db: Executor): Promise<HubLink | undefined> {
  const row = await db.selectFrom('hub_link').selectAll().where('id', '=', 'this').executeTakeFirst();
  return row
    ? {
        centralUrl: row.central_url,
        deviceId: row.device_id,
        organisationId: row.organisation_id,
        sealedToken: row.token,
      }
    : undefined;
}

/** Linking again (a new token after a revocation) replaces the link; the hub's records stay. */
export async function saveLink(db: Executor, link: HubLink): Promise<void> {
  const values = {
    central_url: link.centralUrl,
    device_id: link.deviceId,
    organisation_id: link.organisationId,
    token: link.sealedToken,
    linked_at: new Date(),
  };
  await db
    .insertInto('hub_link')
    .values({ id: 'this', ...values })
    .onConflict((conflict) => conflict.column('id').doUpdateSet(values))
    .execute();
}

/** After a key rotation: the same token, sealed with the current key. */
export async function resealLinkToken(db: Executor, sealedToken: string): Promise<void> {
  await db.updateTable('hub_link').set({ token: sealedToken }).where('id', '=', 'this').execute();
}

export async function readMarks(db: Executor): Promise<KnownCase[]> {
  const rows = await db.selectFrom('hub_case_mark').selectAll().orderBy('case_id').execute();
  return rows.map((row) => ({ caseId: row.case_id, seq: Number(row.seq), version: row.version }));
}

/** Marks only move forward: two rounds at once may answer in either order. */
export async function saveMarks(trx: Transaction<Database>, marks: readonly KnownCase[]): Promise<void> {
  if (marks.length === 0) return;
  await trx
    .insertInto('hub_case_mark')
    .values(marks.map((mark) => ({ case_id: mark.caseId, seq: mark.seq, version: mark.version })))
    .onConflict((conflict) =>
      conflict.column('case_id').doUpdateSet({
        seq: sql`greatest(hub_case_mark.seq, excluded.seq)`,
        version: sql`greatest(hub_case_mark.version, excluded.version)`,
      }),
    )
    .execute();
}

/** Records the central server has: sent by it, or answered by it (applied, or held there for a person). */
export async function markKnown(
  db: Executor,
  ids: readonly string[],
  status: 'central' | 'applied' | 'conflict' | 'attention',
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .insertInto('hub_known')
    .values(ids.map((id) => ({ id, status })))
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
}

/** The organisation's cases made at the hub that the central server has not answered, oldest first. */
export function unsentCases(db: Executor, organisationId: string) {
  return db
    .selectFrom('child_case')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', 'not in', db.selectFrom('hub_known').select('id'))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * Events written at the hub on the organisation's cases that the central server has not answered, in the order
 * written. A case's intake event goes up with the case itself, not on its own.
 */
export function unsentEvents(db: Executor, organisationId: string) {
  return db
    .selectFrom('case_event')
    .innerJoin('child_case', 'child_case.id', 'case_event.case_id')
    .select([
      'case_event.id',
      'case_event.case_id',
      'case_event.type',
      'case_event.occurred_on',
      'case_event.recorded_at',
      'case_event.author_id',
      'case_event.supersedes',
      'case_event.payload',
    ])
    .where('child_case.organisation_id', '=', organisationId)
    .where('case_event.id', 'not in', db.selectFrom('hub_known').select('id'))
    .orderBy('case_event.seq')
    .execute();
}

/** A file stored at the hub, sealed, to send ahead of its `attachment` operation. */
export function storedFile(db: Executor, id: string) {
  return db
    .selectFrom('attachment')
    .select(['file_name', 'key_id', 'iv', 'auth_tag', 'content'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The intake event of each of these cases: what the hub's user entered when she opened the case. */
export function intakesOf(db: Executor, caseIds: readonly string[]) {
  if (caseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('case_event')
    .select(['case_id', 'payload'])
    .where('type', '=', 'intake')
    .where('case_id', 'in', [...caseIds])
    .execute();
}

export interface RoundRecord {
  startedAt: Date;
  outcome: 'done' | 'failed';
  pushed: number;
  /**
   * Changes held at the central server for a person, those the hub could not send (`not_sent`), and the central
   * server's files it could not fetch this round (`not_fetched`, by file id: asked for again next round).
   */
  held: {
    opId: string;
    kind: HeldOperation['kind'] | 'not_sent' | 'not_fetched';
    reason: string;
    caseNumber: string | null;
  }[];
  pulledCases: number;
  pulledEvents: number;
  /** Files of the central server's stored here this round; not kept in the round's row, which has no column. */
  filesFetched: number;
  error: string | null;
}

export async function recordRound(db: Executor, round: RoundRecord): Promise<void> {
  await db
    .insertInto('hub_round')
    .values({
      started_at: round.startedAt,
      outcome: round.outcome,
      pushed: round.pushed,
      held: JSON.stringify(round.held),
      pulled_cases: round.pulledCases,
      pulled_events: round.pulledEvents,
      error: round.error,
    })
    .execute();
}

export function lastRounds(db: Executor, limit: number) {
  return db.selectFrom('hub_round').selectAll().orderBy('id', 'desc').limit(limit).execute();
}
