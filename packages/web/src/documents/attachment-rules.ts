import {
  ALLOWED_MEDIA_TYPES,
  ATTACHMENT_KINDS,
  attachmentFieldsSchema,
  MAX_ATTACHMENT_BYTES,
  type AttachmentKind,
} from '@homeward/core';
import { isApiError } from '../api/http';
import { requestErrorMessage, type FieldErrors, type Message } from '../forms/messages';
import { commonIssueMessage, issuePath } from '../forms/schema-issues';
import type { AttachmentUpload } from './documents.resource';

export const UPLOAD_FIELDS = ['kind', 'title', 'file'] as const;

/** The server's refusals of a file, each with its own sentence in both languages. */
const FILE_CODES = ['file_type', 'file_too_large', 'empty_file', 'file_unreadable'] as const;

export interface UploadDraft {
  kind: AttachmentKind | '';
  title: string;
  file: File | null;
}

export type UploadValidation = { ok: true; value: AttachmentUpload } | { ok: false; errors: FieldErrors };

function fileTypeMessage(kind: AttachmentKind | ''): Message {
  return { key: kind === 'photo' ? 'documents:errors.file_type_photo' : 'documents:errors.file_type_document' };
}

/** What the file picker offers: the types the server accepts for this kind. */
export function acceptFor(kind: AttachmentKind | ''): string {
  const types =
    kind === '' ? [...new Set(ATTACHMENT_KINDS.flatMap((k) => ALLOWED_MEDIA_TYPES[k]))] : ALLOWED_MEDIA_TYPES[kind];
  return types.join(',');
}

/**
 * The checks the server makes, made first so that nobody waits for 10 MB to travel only to be refused. The
 * server still checks the bytes themselves: a browser guesses the type from the file's name.
 */
export function validateUpload(draft: UploadDraft): UploadValidation {
  const errors: FieldErrors = {};
  const parsed = attachmentFieldsSchema.safeParse({ kind: draft.kind, title: draft.title });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issuePath(issue);
      if (path === 'kind') errors.kind ??= { key: 'documents:errors.kindRequired' };
      else if (path === 'title')
        errors.title ??=
          issue.code === 'too_small' ? { key: 'documents:errors.titleRequired' } : commonIssueMessage(issue);
    }
  }
  const { file } = draft;
  if (!file) errors.file = { key: 'documents:errors.fileRequired' };
  else if (file.size === 0) errors.file = { key: 'documents:errors.empty_file' };
  else if (file.size > MAX_ATTACHMENT_BYTES) errors.file = { key: 'documents:errors.file_too_large' };
  else if (draft.kind !== '' && file.type !== '' && !ALLOWED_MEDIA_TYPES[draft.kind].includes(file.type))
    errors.file = fileTypeMessage(draft.kind);

  if (!parsed.success || !file || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { ...parsed.data, file } };
}

export type UploadFailure =
  { kind: 'no_photo_consent' } | { kind: 'fields'; fields: FieldErrors; general: Message | null };

/** A refused upload: no photo consent (its own alert, with the way to the Consent step), a bad file, or else. */
export function uploadFailure(error: unknown, kind: AttachmentKind | ''): UploadFailure {
  if (!isApiError(error)) return { kind: 'fields', fields: {}, general: requestErrorMessage(error) };
  if (error.code === 'no_photo_consent') return { kind: 'no_photo_consent' };
  if (error.code === 'file_type') return { kind: 'fields', fields: { file: fileTypeMessage(kind) }, general: null };
  if ((FILE_CODES as readonly string[]).includes(error.code ?? '') || error.status === 413) {
    const code = error.status === 413 ? 'file_too_large' : (error.code ?? '');
    return { kind: 'fields', fields: { file: { key: `documents:errors.${code}` } }, general: null };
  }
  const fields: FieldErrors = {};
  let general: Message | null = null;
  for (const issue of error.fieldErrors) {
    const message: Message = { server: issue.message, ...(issue.code === undefined ? {} : { code: issue.code }) };
    if ((UPLOAD_FIELDS as readonly string[]).includes(issue.field)) fields[issue.field] ??= message;
    else general ??= message;
  }
  if (error.fieldErrors.length === 0) general = requestErrorMessage(error);
  return { kind: 'fields', fields, general };
}
