import type { CaseReach, CaseSettings, PullRequest, PullResponse, Tombstone } from '@homeward/core';
import type { Kysely } from 'kysely';
import { requirePermission } from '../access/require-permission';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import { readableEvents, type EventWithAuthor } from '../cases/case-events.repository';
import { eventsAsSeenBy } from '../cases/case-events.service';
import { detailAsSeenBy } from '../cases/cases.service';
import { reachesOf } from '../cases/child-visibility';
import type { CaseWithWorker } from '../cases/case-reads.repository';
import type { Database } from '../db/schema';
import { recordDeviceSync } from '../devices/devices.repository';
import { deviceForSync } from '../devices/devices.service';
import { readCaseSettings } from '../organisations/case-settings.repository';
import { actableHeld } from './held.repository';
import { eventsAfterMarks, existingCases, offlineScope, readableCases } from './pull.repository';

/**
 * What a device must learn (decision 0013): the cases of the user's offline caseload new to it with all their
 * readable events (a backfill), the events above its marks and the case again where its version moved, a
 * tombstone for each case it holds and may no longer, the held operations she may act on, and the settings: the
 * offline ones, and the case rules of each organisation holding a case there, for the device's projections.
 * Cases and events are shown as `GET /cases/{id}` and its events would show them to her; one audit entry names
 * the cases sent.
 */
export async function pull(
  db: Kysely<Database>,
  actor: Actor,
  request: PullRequest,
  /** A phone holds its user's offline caseload; a shelter's hub its organisation's cases (decision 0019). */
  scopeOf: (db: Kysely<Database>, actor: Actor) => Promise<CaseWithWorker[]> = offlineScope,
): Promise<PullResponse> {
  requirePermission(actor, 'case.read');
  await deviceForSync(db, actor, request.deviceId);
  const known = new Map(request.known.map((mark) => [mark.caseId, mark]));
  const scope = await scopeOf(db, actor);
  const reaches = await reachesOf(db, actor, scope);
  const rows = await eventsAfterMarks(
    db,
    scope.map((row) => ({ caseId: row.id, after: known.get(row.id)?.seq ?? 0 })),
  );
  const eventsByCase = groupByCase(rows);

  const cases: PullResponse['cases'] = [];
  const events: PullResponse['events'] = [];
  for (const row of scope) {
    const reach = reaches.get(row.id) as CaseReach;
    const mark = known.get(row.id);
    const readable = readableEvents(reach, eventsByCase.get(row.id) ?? []);
    if (!mark || mark.version !== row.version) cases.push(detailAsSeenBy(actor, row, reach));
    const seqOf = new Map(readable.map((event) => [event.id, event.seq]));
    for (const event of eventsAsSeenBy(actor, reach, readable)) events.push({ ...event, seq: seqOf.get(event.id)! });
  }

  const inScope = new Set(scope.map((row) => row.id));
  const tombstones = await tombstonesFor(
    db,
    actor,
    [...known.keys()].filter((caseId) => !inScope.has(caseId)),
  );
  const sent = [...new Set([...cases.map((item) => item.id), ...events.map((event) => event.caseId)])];
  await db.transaction().execute(async (trx) => {
    await recordDeviceSync(trx, request.deviceId, [...inScope]);
    await appendAudit(trx, {
      ...actor,
      action: 'sync.pull',
      detail: {
        deviceId: request.deviceId,
        caseIds: sent,
        events: events.length,
        tombstones: tombstones.map((tombstone) => tombstone.caseId),
      },
    });
  });
  const settings = await readCaseSettings(db, actor.organisationId);
  return {
    cases,
    events,
    tombstones,
    held: await actableHeld(db, actor, { openOnly: true }),
    settings: settings.offline,
    caseSettings: await caseSettingsOf(db, actor.organisationId, scope),
  };
}

/** The rules of the user's organisation and of each other one holding a case in the caseload (a referred case). */
async function caseSettingsOf(
  db: Kysely<Database>,
  ownOrganisation: string,
  scope: CaseWithWorker[],
): Promise<Record<string, CaseSettings>> {
  const organisations = new Set([ownOrganisation, ...scope.map((row) => row.organisation_id)]);
  const settings: Record<string, CaseSettings> = {};
  for (const organisationId of organisations) settings[organisationId] = await readCaseSettings(db, organisationId);
  return settings;
}

function groupByCase(rows: EventWithAuthor[]): Map<string, EventWithAuthor[]> {
  const byCase = new Map<string, EventWithAuthor[]>();
  for (const row of rows) {
    const list = byCase.get(row.case_id) ?? [];
    list.push(row);
    byCase.set(row.case_id, list);
  }
  return byCase;
}

/**
 * Why the device must forget each case it holds outside the caseload: the case is gone, the user may no longer
 * read it, or she still may but it left her offline caseload (unassigned, unmarked).
 */
async function tombstonesFor(db: Kysely<Database>, actor: Actor, caseIds: string[]): Promise<Tombstone[]> {
  const existing = await existingCases(db, caseIds);
  const readable = await readableCases(db, actor, caseIds);
  return caseIds.map((caseId) => ({
    caseId,
    reason: !existing.has(caseId) ? 'removed' : readable.has(caseId) ? 'unmarked' : 'access_ended',
  }));
}
