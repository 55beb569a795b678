import { createHash } from 'node:crypto';
import {
  accessUnder,
  DomainError,
  type HubFile,
  type HubIdentity,
  type HubPullResponse,
  type HubPushRequest,
  type PullRequest,
  type PushResponse,
  type PushResult,
  type StagedFile,
} from '@homeward/core';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Clock } from '../cases/cases.service';
import type { Database } from '../db/schema';
import { attachmentIdUse, readAttachment } from '../documents/attachments.repository';
import type { FileKeys } from '../documents/attachments.service';
import { open } from '../documents/file-crypto';
import { readCase } from '../cases/case-reads.repository';
import { caseOf, type ApplyContext } from '../sync/apply-operation';
import { pull } from '../sync/pull.service';
import { pushOne, settle } from '../sync/push.service';
import { stageFile } from '../sync/sync-files.service';
import { activeAuthors, hubDirectory, hubScope } from './hub-directory.repository';
import type { Hub } from './hub-devices.service';

const OTHER_DEVICE = 'A hub syncs only as itself: this device id is not the one its token was made for.';
const NOT_ACTIVE =
  'The person named as having made this change is not an active user of the organisation here: an administrator ' +
  'decides what becomes of it.';

export async function hubIdentity(db: Kysely<Database>, hub: Hub): Promise<HubIdentity> {
  const { organisation } = await hubDirectory(db, hub.organisationId, []);
  return { deviceId: hub.deviceId, name: hub.name, organisation: { id: organisation.id, name: organisation.name } };
}

function ownDevice(hub: Hub, deviceId: string): void {
  if (deviceId !== hub.deviceId) throw new DomainError('not_found', OTHER_DEVICE, [], 'not_found');
}

/** A file made at the hub, sent ahead of its operation as a phone sends one (decision 0020). */
export function hubStageFile(
  db: Kysely<Database>,
  hub: Hub,
  deviceId: string,
  file: { id: string; sha256: string; data: Buffer },
  fileKeys: FileKeys,
): Promise<StagedFile> {
  ownDevice(hub, deviceId);
  return stageFile(db, hub.actor, deviceId, file, fileKeys);
}

const NO_FILE = 'No file with this id.';

/**
 * A photo or document of a case the organisation leads (the hub pull's scope), for the hub to hold under the same id.
 * The case is read through the one access check and audited, the file's reading too, as a download is; a file of a
 * case outside the scope, or no file, is 404 alike.
 */
export async function hubFile(db: Kysely<Database>, hub: Hub, attachmentId: string, keys: FileKeys): Promise<HubFile> {
  const use = await attachmentIdUse(db, attachmentId);
  if (!use) throw new DomainError('not_found', NO_FILE, [], 'not_found');
  const { reach, organisation_id: lead } = await readCase(db, hub.actor, use.case_id);
  if (lead !== hub.organisationId) throw new DomainError('not_found', NO_FILE, [], 'not_found');
  // The hub reads its organisation's files as it reads its cases: for this read only, not for its other requests.
  const permissions = [...hub.actor.access.permissions, 'attachment.read' as const];
  const reader = { ...hub.actor, access: { ...hub.actor.access, permissions } };
  const row = await readAttachment(db, reader, use.case_id, attachmentId, reach);
  const data = open(keys.all, { keyId: row.key_id, iv: row.iv, authTag: row.auth_tag, content: row.content });
  return {
    id: row.id,
    caseId: row.case_id,
    organisationId: row.organisation_id,
    kind: row.kind as HubFile['kind'],
    title: row.title,
    fileName: row.file_name,
    mediaType: row.media_type,
    size: row.size,
    uploadedBy: null,
    uploadedById: row.uploaded_by,
    uploadedAt: row.created_at.toISOString(),
    sha256: createHash('sha256').update(data).digest('hex'),
    content: data.toString('base64'),
  };
}

/**
 * A phone's pull over the cases the organisation leads, with the organisation's facilities and people (their
 * password hashes, not their second factors) and the names of the other organisations that wrote on the cases.
 */
export async function hubPull(db: Kysely<Database>, hub: Hub, request: PullRequest): Promise<HubPullResponse> {
  ownDevice(hub, request.deviceId);
  const answer = await pull(db, hub.actor, request, hubScope);
  const writers = [...new Set(answer.events.map((event) => event.organisationId))];
  return { ...answer, directory: await hubDirectory(db, hub.organisationId, writers) };
}

/**
 * A phone's push, each operation applied as the person who made it at the hub, through the same services and her
 * own access rules; an operation by someone who is not an active user of the organisation is kept for an
 * administrator. As decision 0016 asks, the first `failed` ends the deciding: what follows may depend on it.
 */
export async function hubPush(
  db: Kysely<Database>,
  hub: Hub,
  request: HubPushRequest,
  clock: Clock,
  fileKeys: FileKeys,
): Promise<PushResponse> {
  ownDevice(hub, request.deviceId);
  const authors = await activeAuthors(db, hub.organisationId, [
    ...new Set(request.operations.map((operation) => operation.madeBy)),
  ]);
  const actors = new Map<string, Actor>(
    authors.map((row) => {
      const { roles, access } = accessUnder(row.roles, row.access_policy);
      const actor = { ...hub.actor, userId: row.id, roles, access, team: row.team, facilityId: row.facility_id };
      return [row.id, actor];
    }),
  );
  const context: ApplyContext = { deviceId: hub.deviceId, receivedAt: new Date().toISOString(), clock, fileKeys };
  const unsynced = new Map<string, 'held' | 'failed'>();
  const results: PushResult[] = [];
  for (const { madeBy, ...operation } of request.operations) {
    const author = actors.get(madeBy);
    const result: PushResult = results.some((earlier) => earlier.status === 'failed')
      ? { opId: operation.opId, status: 'failed', caseId: caseOf(operation), caseNumber: null, held: null }
      : author
        ? await pushOne(db, author, operation, context, unsynced)
        : await settle(db, hub.actor, operation, context, {
            status: 'held',
            kind: 'attention',
            reason: 'author_not_active',
            message: NOT_ACTIVE,
            conflicts: [],
          });
    if (operation.kind === 'case' && result.status !== 'applied') {
      unsynced.set(operation.opId, result.status === 'failed' ? 'failed' : 'held');
    }
    results.push(result);
  }
  return { results };
}
