import { createHash, randomUUID } from 'node:crypto';
import {
  CASE_TYPES,
  checkNewEvent,
  DomainError,
  eventPayloadSchemas,
  findDuplicates,
  importOptionsSchema,
  projectCase,
  romanisedSearchKey,
  type ImportOptions,
  type ImportResult,
} from '@homeward/core';
import type { Kysely, Transaction } from 'kysely';
import { requirePermission } from '../access/require-permission';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import { refreshChildKeys } from '../cases/child-keys.repository';
import { childLens } from '../cases/child-visibility';
import { eventsForRules, insertEvent } from '../cases/case-events.repository';
import { insertCase, nextCaseNumber } from '../cases/case-creation.repository';
import { updateCaseProjection } from '../cases/case-projection.repository';
import { lockCaseForWrite } from '../cases/case-reads.repository';
import { caseSearchKey, toSummary, type Clock } from '../cases/cases.service';
import type { Database } from '../db/schema';
import type { FileKeys } from '../documents/attachments.service';
import { seal } from '../documents/file-crypto';
import { readCaseSettings } from '../organisations/case-settings.repository';
import { identitiesForMatching } from '../intake/duplicate-identities.repository';
import { refuseBundle } from './bundle-format';
import { isEventType, type BundleCase, type Manifest } from './bundle-manifest';
import { openVerifiedBundle } from './bundle-verify';
import { importedCases, insertImportedAttachment, insertImportedCase, insertImportedEvent } from './bundles.repository';
import { ownIdentity } from './installation.service';

type Match = ImportResult['cases'][number]['matches'][number];

/** Each event's payload as this version's catalogue reads it; a type or payload it does not know is refused. */
function checkedEvents(item: BundleCase) {
  return item.events.map((event) => {
    const schema = isEventType(event.type) ? eventPayloadSchemas[event.type] : undefined;
    const parsed = schema?.safeParse(event.payload);
    if (!parsed?.success) {
      refuseBundle(
        'bundle_newer_version',
        `Case ${item.caseNumber}: an event (${event.type.slice(0, 40)}) is not one this version of Homeward reads: update this installation first.`,
      );
    }
    return { ...event, payload: parsed.data };
  });
}

function checkedDocuments(item: BundleCase) {
  return item.documents.map((doc) => {
    const data = Buffer.from(doc.data, 'base64');
    if (createHash('sha256').update(data).digest('hex') !== doc.sha256) {
      refuseBundle('bundle_damaged', `Case ${item.caseNumber}: a document is not the one that was signed.`);
    }
    return { ...doc, data };
  });
}

/**
 * Ids here are new (an id is unique across the installation's organisations, and the same case may come to two
 * of them); references between the case's own events and files follow. A placement keeps its facility's name in
 * the history but not the sender's facility id, which names nothing here.
 */
function remapPayload(
  type: string,
  payload: Record<string, unknown>,
  files: Map<string, string>,
): Record<string, unknown> {
  if (type === 'document' && typeof payload.attachmentId === 'string') {
    return { ...payload, attachmentId: files.get(payload.attachmentId) ?? payload.attachmentId };
  }
  if (type === 'placement' && 'facilityId' in payload) {
    return Object.fromEntries(Object.entries(payload).filter(([key]) => key !== 'facilityId'));
  }
  return payload;
}

async function importCase(
  trx: Transaction<Database>,
  actor: Actor,
  manifest: Manifest,
  item: BundleCase,
  keys: FileKeys,
  linkTo: string | null,
  clock: Clock,
) {
  const events = checkedEvents(item);
  const documents = checkedDocuments(item);
  const caseId = randomUUID();
  const eventIds = new Map(events.map((event) => [event.id, randomUUID()]));
  const fileIds = new Map(documents.map((doc) => [doc.id, randomUUID()]));
  const stored = events.map((event) => ({
    id: eventIds.get(event.id) as string,
    type: event.type,
    occurredOn: event.occurredOn,
    supersedes: event.supersedes ? (eventIds.get(event.supersedes) ?? null) : null,
    payload: remapPayload(event.type, event.payload, fileIds),
    source: event,
  }));
  const settings = await readCaseSettings(trx, actor.organisationId);
  const projection = projectCase(stored, settings);
  const { profile } = item;
  const caseNumber = await nextCaseNumber(trx, actor.organisationId, Number(projection.openedOn.slice(0, 4)));
  const names = { ...profile };
  await insertCase(trx, actor, {
    id: caseId,
    organisation_id: actor.organisationId,
    case_number: caseNumber,
    family_name_km: profile.familyNameKm,
    given_name_km: profile.givenNameKm,
    family_name_latin: profile.familyNameLatin,
    given_name_latin: profile.givenNameLatin,
    alias: profile.alias,
    sex: profile.sex,
    date_of_birth: profile.dateOfBirth,
    date_of_birth_estimated: profile.dateOfBirthEstimated,
    village_code: profile.villageCode,
    nationality: profile.nationality,
    child_type: projection.childType,
    case_types: projection.caseTypes.filter((type) => (CASE_TYPES as readonly string[]).includes(type)),
    referral: JSON.stringify(projection.referral),
    search_key: caseSearchKey(names, caseNumber),
    romanised_key: romanisedSearchKey(names),
    status: projection.status,
    risk_level: projection.riskLevel,
    opened_on: projection.openedOn,
    last_event_on: projection.lastEventOn,
    assigned_worker_id: actor.userId,
    created_by: actor.userId,
  });
  // Files first: a document event names its file. Supersedes are set in order, each after the event it names.
  for (const doc of documents) {
    await insertImportedAttachment(trx, {
      id: fileIds.get(doc.id) as string,
      caseId,
      organisationId: actor.organisationId,
      kind: doc.kind,
      title: doc.title,
      fileName: doc.fileName,
      mediaType: doc.mediaType,
      size: doc.data.length,
      sealed: seal(keys.current, doc.data),
    });
  }
  const inserted = new Set<string>();
  for (const event of stored) {
    await insertImportedEvent(trx, {
      id: event.id,
      caseId,
      organisationId: actor.organisationId,
      type: event.type,
      occurredOn: event.occurredOn,
      supersedes: event.supersedes && inserted.has(event.supersedes) ? event.supersedes : null,
      payload: event.payload,
      origin: {
        organisation: event.source.writer.organisation,
        author: event.source.writer.author,
        installation: manifest.sender.installation,
        fingerprint: manifest.sender.fingerprint,
        eventId: event.source.id,
        recordedAt: event.source.recordedAt,
      },
    });
    inserted.add(event.id);
  }
  await updateCaseProjection(trx, caseId, projection);
  await insertImportedCase(trx, {
    organisationId: actor.organisationId,
    senderFingerprint: manifest.sender.fingerprint,
    sourceCaseId: item.sourceCaseId,
    sourceCaseNumber: item.caseNumber,
    senderOrganisation: manifest.sender.organisation,
    caseId,
    bundleId: manifest.bundleId,
    importedBy: actor.userId,
  });
  if (linkTo) await linkCases(trx, actor, caseId, linkTo, clock);
  await appendAudit(trx, {
    ...actor,
    action: 'bundle.import',
    caseId,
    detail: {
      bundleId: manifest.bundleId,
      sender: manifest.sender.fingerprint,
      senderOrganisation: manifest.sender.organisation,
      sourceCaseNumber: item.caseNumber,
      events: stored.length,
      documents: documents.length,
      consentEvents: item.consent.map((id) => eventIds.get(id) ?? id),
      ...(linkTo ? { linkedTo: linkTo } : {}),
    },
  });
  return { caseId, caseNumber, events: stored.length, documents: documents.length };
}

/** The imported case and a case already here are one child: recorded on both, as a supervisor's link is. */
async function linkCases(trx: Transaction<Database>, actor: Actor, imported: string, existing: string, clock: Clock) {
  await lockCaseForWrite(trx, actor, existing);
  const settings = await readCaseSettings(trx, actor.organisationId);
  for (const [caseId, otherCaseId] of [
    [imported, existing],
    [existing, imported],
  ] as const) {
    const event = {
      id: randomUUID(),
      type: 'duplicate_resolution',
      occurredOn: clock.today(),
      payload: { otherCaseId, resolution: 'linked', note: 'Case file imported from a partner installation.' },
    };
    const projection = checkNewEvent(await eventsForRules(trx, caseId), event, { today: clock.today(), settings });
    await insertEvent(trx, actor, { ...event, caseId });
    await updateCaseProjection(trx, caseId, projection);
  }
  await refreshChildKeys(trx, [imported, existing]);
}

async function likelyMatches(db: Kysely<Database>, actor: Actor, manifest: Manifest, pending: BundleCase[]) {
  const rows = await identitiesForMatching(db, actor);
  const candidates = rows.map(toSummary);
  const found = pending.map((item) => ({
    item,
    matches: findDuplicates({ ...item.profile }, candidates, { limit: 5 }),
  }));
  const see = await childLens(
    db,
    actor,
    found.flatMap((entry) => entry.matches.map((match) => match.record.id)),
    { action: 'case.duplicate_check', detail: { compared: rows.length, bundleId: manifest.bundleId } },
  );
  return new Map(
    found.map(({ item, matches }) => [
      item.sourceCaseId,
      matches.map((match): Match => {
        const shown = see(match.record, match.record.id);
        const name = [shown.familyNameKm, shown.givenNameKm, shown.familyNameLatin, shown.givenNameLatin]
          .filter(Boolean)
          .join(' ');
        return {
          caseId: match.record.id,
          caseNumber: match.record.caseNumber,
          name: name || shown.alias || null,
          dateOfBirth: shown.hidden.includes('identity') ? null : match.record.dateOfBirth,
          level: match.level,
        };
      }),
    ]),
  );
}

/**
 * Imports a bundle into the actor's organisation: opened and believed only as `openVerifiedBundle` says; a case
 * already imported from that sender answers with the case made then; cases like children already known here
 * wait for the caller's choice (link or create). All the cases of the bundle are imported in one transaction,
 * or none.
 */
export async function importBundle(
  db: Kysely<Database>,
  actor: Actor,
  file: Buffer,
  options: ImportOptions,
  keys: FileKeys,
  clock: Clock,
): Promise<ImportResult> {
  requirePermission(actor, 'installation.manage');
  requirePermission(actor, 'case.create');
  const { passphrase, choices = {} } = importOptionsSchema.parse(options);
  const own = await ownIdentity(db, keys);
  let manifest: Manifest;
  try {
    ({ manifest } = await openVerifiedBundle(db, actor.organisationId, own, file, passphrase));
  } catch (error) {
    if (error instanceof DomainError) {
      await appendAudit(db, { ...actor, action: 'bundle.refused', detail: { code: error.code, bytes: file.length } });
    }
    throw error;
  }
  const sender = {
    installation: manifest.sender.installation,
    organisation: manifest.sender.organisation,
    fingerprint: manifest.sender.fingerprint,
  };
  const sourceIds = manifest.cases.map((item) => item.sourceCaseId);
  const answer = async (matches: Map<string, Match[]>, made: Map<string, Awaited<ReturnType<typeof importCase>>>) => {
    const earlier = new Map(
      (await importedCases(db, actor.organisationId, sender.fingerprint, sourceIds)).map((row) => [
        row.source_case_id,
        row,
      ]),
    );
    return manifest.cases.map((item) => {
      const now = made.get(item.sourceCaseId);
      const before = now ? undefined : earlier.get(item.sourceCaseId);
      const choice = choices[item.sourceCaseId];
      return {
        sourceCaseId: item.sourceCaseId,
        sourceCaseNumber: item.caseNumber,
        caseId: now?.caseId ?? before?.case_id ?? null,
        caseNumber: now?.caseNumber ?? before?.case_number ?? null,
        alreadyImported: before !== undefined,
        events: item.events.length,
        documents: item.documents.length,
        matches: matches.get(item.sourceCaseId) ?? [],
        linkedTo: now && choice?.action === 'link' ? choice.caseId : null,
      };
    });
  };
  const done = new Set(
    (await importedCases(db, actor.organisationId, sender.fingerprint, sourceIds)).map((row) => row.source_case_id),
  );
  const pending = manifest.cases.filter((item) => !done.has(item.sourceCaseId));
  if (pending.length === 0) return { status: 'imported', sender, cases: await answer(new Map(), new Map()) };
  const matches = await likelyMatches(db, actor, manifest, pending);
  const undecided = pending.some(
    (item) => (matches.get(item.sourceCaseId) ?? []).length > 0 && !choices[item.sourceCaseId],
  );
  if (undecided) return { status: 'needs_choice', sender, cases: await answer(matches, new Map()) };
  const made = new Map<string, Awaited<ReturnType<typeof importCase>>>();
  try {
    await db.transaction().execute(async (trx) => {
      for (const item of pending) {
        const choice = choices[item.sourceCaseId];
        const linkTo = choice?.action === 'link' ? choice.caseId : null;
        made.set(item.sourceCaseId, await importCase(trx, actor, manifest, item, keys, linkTo, clock));
      }
    });
  } catch (error) {
    made.clear();
    // The same bundle imported twice at once: the other import holds the cases, and this one answers with them.
    const now = await importedCases(db, actor.organisationId, sender.fingerprint, sourceIds);
    if (now.length !== sourceIds.length) throw error;
  }
  return { status: 'imported', sender, cases: await answer(matches, made) };
}
