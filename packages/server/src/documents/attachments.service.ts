import { randomUUID } from 'node:crypto';
import {
  attachmentFieldsSchema,
  checkNewEvent,
  checkPhotoConsent,
  DomainError,
  projectCase,
  type Attachment,
  type AttachmentKind,
} from '@homeward/core';
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../auth/actor';
import { eventsForRules, insertEvent } from '../cases/case-events.repository';
import { updateCaseProjection } from '../cases/case-projection.repository';
import { lockCaseForEvent, readCase } from '../cases/case-reads.repository';
import type { Clock } from '../cases/cases.service';
import type { Database } from '../db/schema';
import { readCaseSettings } from '../organisations/case-settings.repository';
import { insertAttachment, listAttachments, readAttachment } from './attachments.repository';
import { checkedFile } from './file-check';
import { open, seal, type FileKey, type Sealed } from './file-crypto';

export interface FileKeys {
  current: FileKey;
  /** The current key and retired ones still needed to read older files. */
  all: FileKey[];
}

export interface Upload {
  fields: Record<string, unknown>;
  fileName: string;
  data: Buffer;
}

/** Stores a photo or document encrypted, with an entry on the case's timeline, or nothing at all. */
export async function uploadAttachment(
  db: Kysely<Database>,
  actor: Actor,
  caseId: string,
  upload: Upload,
  keys: FileKeys,
  clock: Clock,
): Promise<Attachment> {
  // The form fields of a multipart upload are not checked by the route's schema, so they are checked here.
  const parsed = attachmentFieldsSchema.safeParse(upload.fields);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
    throw new DomainError('invalid', issues[0]?.message ?? 'The form is not valid.', issues, 'validation');
  }
  const fields = parsed.data;
  const file = await checkedFile(fields.kind, upload.data);
  // One id for the file and its timeline entry, as an offline one has (decision 0020): a hub's push sends both
  // under it, and the central server's copy of the entry comes back as the one the hub holds.
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const locked = await lockCaseForEvent(trx, actor, caseId, 'document');
    await writeAttachment(trx, actor, locked.organisation_id, caseId, {
      id,
      fields,
      fileName: upload.fileName,
      file,
      sealed: seal(keys.current, file.data),
      sentSha256: null,
      today: clock.today(),
    });
  });
  const stored = (
    await listAttachments(db, actor, caseId, { kind: 'own_writing', organisationId: actor.organisationId })
  ).find((row) => row.id === id);
  if (!stored) throw new Error('A stored file was not read back.');
  return toAttachment(stored);
}

export interface AttachmentToWrite {
  id: string;
  fields: { kind: AttachmentKind; title: string };
  fileName: string;
  file: { data: Buffer; mediaType: string };
  sealed: Sealed;
  /** The SHA-256 of the bytes a device sent, for a file that came by sync. */
  sentSha256: string | null;
  today: string;
}

/**
 * Writes a checked file and its timeline entry on a case the caller's transaction has locked (`lockCaseForEvent`,
 * the lead organisation's id from it): the case's rules, and photo consent for a photo, decide as of now.
 */
export async function writeAttachment(
  trx: Transaction<Database>,
  actor: Actor,
  lead: string,
  caseId: string,
  attachment: AttachmentToWrite,
): Promise<void> {
  const { id, fields, file, today } = attachment;
  const events = await eventsForRules(trx, caseId);
  const settings = await readCaseSettings(trx, lead);
  if (fields.kind === 'photo') checkPhotoConsent(projectCase(events, settings));
  const event = { id, type: 'document', occurredOn: today, payload: { attachmentId: id, ...fields } };
  const projection = checkNewEvent(events, event, { today, settings });
  await insertAttachment(trx, actor, {
    id,
    caseId,
    kind: fields.kind,
    title: fields.title,
    fileName: attachment.fileName.slice(0, 200),
    mediaType: file.mediaType,
    size: file.data.length,
    sealed: attachment.sealed,
    sentSha256: attachment.sentSha256,
  });
  await insertEvent(trx, actor, { ...event, caseId });
  await updateCaseProjection(trx, caseId, projection);
}

export async function caseAttachments(db: Kysely<Database>, actor: Actor, caseId: string): Promise<Attachment[]> {
  const { reach } = await readCase(db, actor, caseId);
  return (await listAttachments(db, actor, caseId, reach)).map(toAttachment);
}

export async function downloadAttachment(
  db: Kysely<Database>,
  actor: Actor,
  caseId: string,
  attachmentId: string,
  keys: FileKeys,
): Promise<{ fileName: string; mediaType: string; data: Buffer }> {
  const { reach } = await readCase(db, actor, caseId);
  const row = await readAttachment(db, actor, caseId, attachmentId, reach);
  const data = open(keys.all, { keyId: row.key_id, iv: row.iv, authTag: row.auth_tag, content: row.content });
  return { fileName: row.file_name, mediaType: row.media_type, data };
}

function toAttachment(row: Awaited<ReturnType<typeof listAttachments>>[number]): Attachment {
  return {
    id: row.id,
    caseId: row.case_id,
    kind: row.kind as Attachment['kind'],
    title: row.title,
    fileName: row.file_name,
    mediaType: row.media_type,
    size: row.size,
    uploadedBy: row.uploaded_by,
    uploadedAt: row.created_at.toISOString(),
  };
}
