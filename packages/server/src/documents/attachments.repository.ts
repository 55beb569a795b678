import { can, DomainError, eventReadable, type CaseReach } from '@homeward/core';
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import type { Database } from '../db/schema';
import type { Sealed } from './file-crypto';

type Executor = Kysely<Database> | Transaction<Database>;

function requireRead(actor: Actor): void {
  if (!can(actor.access, 'attachment.read')) {
    throw new DomainError('forbidden', 'Your role does not allow you to see this case’s files.', [], 'forbidden');
  }
}

export interface NewAttachment {
  id: string;
  caseId: string;
  kind: string;
  title: string;
  fileName: string;
  mediaType: string;
  size: number;
  sealed: Sealed;
  sentSha256: string | null;
}

/** A stored file as its row holds it: the same columns whoever writes it (an upload, a case file, a hub). */
export function attachmentRow(
  file: Omit<NewAttachment, 'sentSha256'> & { organisationId: string; uploadedBy: string | null },
) {
  return {
    id: file.id,
    organisation_id: file.organisationId,
    case_id: file.caseId,
    kind: file.kind,
    title: file.title,
    file_name: file.fileName,
    media_type: file.mediaType,
    size: file.size,
    key_id: file.sealed.keyId,
    iv: file.sealed.iv,
    auth_tag: file.sealed.authTag,
    content: file.sealed.content,
    uploaded_by: file.uploadedBy,
  };
}

export async function insertAttachment(trx: Transaction<Database>, actor: Actor, file: NewAttachment): Promise<void> {
  await trx
    .insertInto('attachment')
    .values({
      ...attachmentRow({ ...file, organisationId: actor.organisationId, uploadedBy: actor.userId }),
      sent_sha256: file.sentSha256,
    })
    .execute();
}

/** An attachment id already used, in any organisation, with what a retry compares: client ids stay unique. */
export function attachmentIdUse(db: Executor, id: string) {
  return db
    .selectFrom('attachment')
    .select(['organisation_id', 'case_id', 'sent_sha256'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The lead reads every file of its case, a participant given the documents section too; others their own. */
function readsAllFiles(reach: CaseReach): boolean {
  return eventReadable(reach, 'document', '');
}

/** The case's files without their content; the caller has already read (and audited) the case. */
export async function listAttachments(db: Executor, actor: Actor, caseId: string, reach: CaseReach) {
  requireRead(actor);
  return db
    .selectFrom('attachment as a')
    .leftJoin('app_user as u', 'u.id', 'a.uploaded_by')
    .select([
      'a.id',
      'a.case_id',
      'a.kind',
      'a.title',
      'a.file_name',
      'a.media_type',
      'a.size',
      'a.created_at',
      'u.display_name as uploaded_by',
    ])
    .where('a.case_id', '=', caseId)
    .where((eb) => (readsAllFiles(reach) ? eb.val(true) : eb('a.organisation_id', '=', actor.organisationId)))
    .orderBy('a.created_at')
    .execute();
}

export async function readAttachment(
  db: Executor,
  actor: Actor,
  caseId: string,
  attachmentId: string,
  reach: CaseReach,
) {
  requireRead(actor);
  const row = await db
    .selectFrom('attachment')
    .selectAll()
    .where('id', '=', attachmentId)
    .where('case_id', '=', caseId)
    .where((eb) => (readsAllFiles(reach) ? eb.val(true) : eb('organisation_id', '=', actor.organisationId)))
    .executeTakeFirst();
  if (!row) throw new DomainError('not_found', 'No file with this id.', [], 'not_found');
  await appendAudit(db, {
    ...actor,
    action: 'attachment.read',
    caseId,
    detail: { attachmentId },
  });
  return row;
}

/** A batch of stored files sealed with another key than `keyId`, for re-sealing after a key rotation. */
export function attachmentsSealedOtherwise(db: Kysely<Database>, keyId: string, limit: number) {
  return db
    .selectFrom('attachment')
    .select(['id', 'key_id', 'iv', 'auth_tag', 'content'])
    .where('key_id', '!=', keyId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function resealAttachment(db: Kysely<Database>, id: string, sealed: Sealed): Promise<void> {
  await db
    .updateTable('attachment')
    .set({ key_id: sealed.keyId, iv: sealed.iv, auth_tag: sealed.authTag, content: sealed.content })
    .where('id', '=', id)
    .execute();
}
