import { createHash } from 'node:crypto';
import type { HubOperation, HubPullResponse, KnownCase, PushResult } from '@homeward/core';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import { openText } from '../auth/secret-box';
import type { Database } from '../db/schema';
import { open, seal, type FileKey } from '../documents/file-crypto';
import { readCaseSettings } from '../organisations/case-settings.repository';
import { CentralClient } from './hub-client';
import { insertCentralFile, knownUser, missingFiles } from './hub-files.repository';
import {
  intakesOf,
  markKnown,
  readLink,
  readMarks,
  recordRound,
  saveMarks,
  storedFile,
  unsentCases,
  unsentEvents,
  type HubLink,
  type RoundRecord,
} from './hub-link.repository';
import { asOperation, attachmentOperation, caseOperation, eventOperation, type Candidate } from './hub-operations';
import {
  caseNumberOf,
  forgetCase,
  hasUnsentWork,
  insertEvents,
  replaceOwnIntake,
  reproject,
  upsertCase,
  upsertFacilities,
  upsertOrganisation,
  upsertUsers,
  upsertWriters,
  userIds,
} from './hub-replica.repository';

const BATCH = 500;

export const NOT_LINKED = 'This server is not linked to a central server: run `homeward hub link` first.';

export function clientFor(link: HubLink, keys: readonly FileKey[]): CentralClient {
  return new CentralClient(link.centralUrl, openText(keys, link.sealedToken));
}

/**
 * One sync round of a hub with its central server (decision 0019): push what was made here and not yet answered,
 * then pull with the central server's marks and write what it sends under the same ids. A round that fails is
 * logged (never with a child's name) and the next one starts where this one stopped: nothing made here is
 * dropped, and what was answered is not sent again.
 */
export async function runRound(db: Kysely<Database>, keys: readonly FileKey[]): Promise<RoundRecord> {
  const link = await readLink(db);
  if (!link) throw new Error(NOT_LINKED);
  const round: RoundRecord = {
    startedAt: new Date(),
    outcome: 'done',
    pushed: 0,
    held: [],
    pulledCases: 0,
    pulledEvents: 0,
    filesFetched: 0,
    error: null,
  };
  try {
    const central = clientFor(link, keys);
    await pushAll(db, keys, link, central, round);
    const answer = await central.pull(link.deviceId, await readMarks(db));
    round.held.push(...(await writePull(db, link, answer)));
    round.pulledCases = answer.cases.length;
    round.pulledEvents = answer.events.length;
    await fetchFiles(db, keys, central, round);
  } catch (error) {
    round.outcome = 'failed';
    round.error = error instanceof Error ? error.message : String(error);
  }
  await recordRound(db, round);
  return round;
}

/**
 * The photos and documents of the hub's cases that the central server holds and the hub does not, each stored under
 * its id, sealed with the hub's current key (the first of its keys). One that cannot be fetched is named in the
 * round's log and asked for again next round; the rest of the round stands.
 */
async function fetchFiles(db: Kysely<Database>, keys: readonly FileKey[], central: CentralClient, round: RoundRecord) {
  const [current] = keys;
  if (!current) throw new Error('No file key is configured.');
  for (const missing of await missingFiles(db)) {
    try {
      const file = await central.file(missing.id);
      const data = Buffer.from(file.content, 'base64');
      if (file.caseId !== missing.caseId || createHash('sha256').update(data).digest('hex') !== file.sha256) {
        throw new Error('The file the central server sent is not the one asked for.');
      }
      await db.transaction().execute(async (trx) =>
        insertCentralFile(trx, {
          ...file,
          uploadedBy: await knownUser(trx, file.uploadedById),
          uploadedAt: new Date(file.uploadedAt),
          size: data.length,
          sealed: seal(current, data),
        }),
      );
      round.filesFetched += 1;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      round.held.push({
        opId: missing.id,
        kind: 'not_fetched',
        reason,
        caseNumber: await caseNumberOf(db, missing.caseId),
      });
    }
  }
}

async function pendingOperations(db: Kysely<Database>, keys: readonly FileKey[], organisationId: string) {
  const cases = await unsentCases(db, organisationId);
  const intakes = new Map(
    (
      await intakesOf(
        db,
        cases.map((row) => row.id),
      )
    ).map((row) => [row.case_id, row.payload]),
  );
  const candidates: Candidate[] = cases.map((row) => caseOperation(row, intakes.get(row.id)));
  // A case's intake event goes up with the case; the central server makes its own.
  for (const row of await unsentEvents(db, organisationId)) {
    if (row.type === 'intake') continue;
    const file = row.type === 'document' ? await openStoredFile(db, keys, row.id) : undefined;
    candidates.push(file ? attachmentOperation(row, file) : eventOperation(row));
  }
  return candidates;
}

/**
 * The file of a document entry written with it under one id (decision 0020), opened. An entry whose file has
 * another id (written before files shared their entry's id) has none here, and stays at the hub as before.
 */
async function openStoredFile(db: Kysely<Database>, keys: readonly FileKey[], id: string) {
  const row = await storedFile(db, id);
  if (!row) return undefined;
  const data = open(keys, { keyId: row.key_id, iv: row.iv, authTag: row.auth_tag, content: row.content });
  return { fileName: row.file_name, data };
}

async function pushAll(
  db: Kysely<Database>,
  keys: readonly FileKey[],
  link: HubLink,
  central: CentralClient,
  round: RoundRecord,
) {
  const operations: HubOperation[] = [];
  for (const candidate of await pendingOperations(db, keys, link.organisationId)) {
    const operation = asOperation(candidate);
    if (operation) operations.push(operation);
    else round.held.push({ opId: candidate.opId, kind: 'not_sent', reason: 'not_in_protocol', caseNumber: null });
  }
  for (let start = 0; start < operations.length; start += BATCH) {
    const batch = operations.slice(start, start + BATCH);
    // Each file goes ahead of its operation, opened again here rather than all held in memory for the round.
    for (const operation of batch) {
      if (operation.kind !== 'attachment') continue;
      const file = await openStoredFile(db, keys, operation.opId);
      if (file) await central.sendFile(link.deviceId, operation.opId, operation.body.sha256, file.data);
    }
    const { results } = await central.push(link.deviceId, batch);
    await settleResults(db, results, round);
    if (results.some((result) => result.status === 'failed')) {
      throw new Error('The central server could not decide some changes; they are sent again next round.');
    }
  }
}

async function settleResults(db: Kysely<Database>, results: PushResult[], round: RoundRecord) {
  const byStatus = (status: PushResult['status']) =>
    results.filter((result) => result.status === status).map((result) => result.opId);
  await markKnown(db, byStatus('applied'), 'applied');
  await markKnown(db, byStatus('conflict'), 'conflict');
  await markKnown(db, byStatus('attention'), 'attention');
  round.pushed += results.filter((result) => result.status !== 'failed').length;
  for (const result of results) {
    if (result.status === 'conflict' || result.status === 'attention') {
      round.held.push({
        opId: result.opId,
        kind: result.status,
        reason: result.held?.reason ?? result.status,
        caseNumber: result.held?.caseNumber ?? null,
      });
    }
  }
}

/** The marks after a pull, for the cases it sent: the last event seq and the case version the central server has. */
function marksAfter(answer: HubPullResponse, before: readonly KnownCase[]): KnownCase[] {
  const previous = new Map(before.map((mark) => [mark.caseId, mark]));
  const marks = new Map<string, KnownCase>();
  const markOf = (caseId: string) =>
    marks.get(caseId) ?? { ...(previous.get(caseId) ?? { caseId, seq: 0, version: 0 }) };
  for (const item of answer.cases) marks.set(item.id, { ...markOf(item.id), version: item.version });
  for (const event of answer.events) {
    const mark = markOf(event.caseId);
    marks.set(event.caseId, { ...mark, seq: Math.max(mark.seq, event.seq) });
  }
  return [...marks.values()];
}

/**
 * Writes a pull into the hub's database in one transaction: all of it, or nothing and the next round again.
 * Answers the cases the central server said to forget that stay until what was made on them here is answered.
 */
async function writePull(db: Kysely<Database>, link: HubLink, answer: HubPullResponse): Promise<RoundRecord['held']> {
  const { directory } = answer;
  return db.transaction().execute(async (trx) => {
    const kept: RoundRecord['held'] = [];
    const before = new Set((await readMarks(trx)).map((mark) => mark.caseId));
    await upsertOrganisation(trx, directory.organisation);
    await upsertWriters(trx, directory.writers);
    await upsertFacilities(trx, directory.organisation.id, directory.facilities);
    await upsertUsers(trx, directory.organisation.id, directory.users);
    const users = await userIds(trx, directory.organisation.id);
    const settings = await readCaseSettings(trx, directory.organisation.id);
    for (const detail of answer.cases) await upsertCase(trx, detail);
    await insertEvents(trx, answer.events, users);
    const touched = new Set([...answer.cases.map((item) => item.id), ...answer.events.map((event) => event.caseId)]);
    for (const caseId of touched) {
      if (!before.has(caseId)) {
        const central = answer.events.filter((event) => event.caseId === caseId).map((event) => event.id);
        await replaceOwnIntake(trx, caseId, central);
      }
      await reproject(trx, caseId, settings);
    }
    // A case holding work not yet answered keeps its mark, so the central server names it again after the next push.
    for (const tombstone of answer.tombstones) {
      if (await hasUnsentWork(trx, tombstone.caseId)) {
        const caseNumber = await caseNumberOf(trx, tombstone.caseId);
        kept.push({ opId: tombstone.caseId, kind: 'not_sent', reason: 'forget_after_sending', caseNumber });
      } else await forgetCase(trx, tombstone.caseId);
    }
    await markKnown(
      trx,
      [...answer.cases.map((item) => item.id), ...answer.events.map((event) => event.id)],
      'central',
    );
    await saveMarks(trx, marksAfter(answer, await readMarks(trx)));
    await appendAudit(trx, {
      userId: null,
      organisationId: link.organisationId,
      roles: [],
      action: 'hub.sync',
      detail: {
        deviceId: link.deviceId,
        caseIds: [...touched],
        events: answer.events.length,
        tombstones: answer.tombstones.map((tombstone) => tombstone.caseId),
      },
    });
    return kept;
  });
}
