import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { attachmentListSchema, attachmentSchema, type Attachment, type AttachmentKind } from '@homeward/core';
import { API_PREFIX, ApiError, request } from '../api/http';
import { orOffline, waitingOnDevice } from '../api/offline-fallback';
import { casesKeys } from '../api/query-keys';
import { useUser } from '../auth/user-context';

/** Under `cases`, so whatever refreshes a whole case refreshes its files too. */
export const attachmentsKey = (caseId: string) => ['cases', 'attachments', caseId] as const;

const attachmentsPath = (caseId: string) => `/cases/${encodeURIComponent(caseId)}/attachments`;

/** Where the browser fetches one file, decrypted by the server; the session cookie is enough for a GET. */
export function attachmentUrl(caseId: string, attachmentId: string): string {
  return `${API_PREFIX}${attachmentsPath(caseId)}/${encodeURIComponent(attachmentId)}`;
}

/**
 * The case's photos and documents; a 403 (`forbidden`) means the user's role may not see files at all. Those
 * added on this device and not yet synced are listed too, named in `waiting`; offline, only they are.
 */
export function useAttachments(caseId: string, enabled = true) {
  return useQuery({
    queryKey: attachmentsKey(caseId),
    queryFn: ({ signal }) =>
      orOffline(
        async () => {
          const { items } = await request(attachmentsPath(caseId), attachmentListSchema, { signal });
          const known = new Set(items.map((item) => item.id));
          const waiting = (await waitingOnDevice((offline) => offline.waitingAttachments(caseId))).filter(
            (item) => !known.has(item.id),
          );
          return { items: [...items, ...waiting], waiting: waiting.map((item) => item.id), offline: false };
        },
        async (offline) => {
          const waiting = await offline.offlineAttachments(caseId);
          return { items: waiting, waiting: waiting.map((item) => item.id), offline: true };
        },
      ),
    enabled,
  });
}

export interface AttachmentUpload {
  kind: AttachmentKind;
  title: string;
  file: File;
}

/**
 * Uploads one file as multipart/form-data. XMLHttpRequest rather than fetch, because fetch cannot report upload
 * progress and 10 MB over a provincial mobile connection takes a while. The browser sets the content type (with
 * its boundary); the fields go before the file, because the server reads them with the file part.
 */
function sendAttachment(
  caseId: string,
  upload: AttachmentUpload,
  csrfToken: string,
  onProgress: (fraction: number) => void,
): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('kind', upload.kind);
    form.append('title', upload.title);
    form.append('file', upload.file, upload.file.name);

    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_PREFIX}${attachmentsPath(caseId)}`);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(attachmentSchema.parse(JSON.parse(xhr.responseText)));
        } catch (error) {
          reject(error instanceof Error ? error : new Error('The server’s answer could not be read.'));
        }
        return;
      }
      reject(problemOf(xhr.status, xhr.responseText, xhr.getResponseHeader('Retry-After')));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', undefined));
    xhr.onabort = () => reject(new ApiError(0, 'network', undefined));
    xhr.send(form);
  });
}

/** The same reading of `application/problem+json` as `request()` in http.ts, for a response XHR received. */
function problemOf(status: number, text: string, retryAfterHeader: string | null): ApiError {
  let body: unknown = undefined;
  try {
    body = JSON.parse(text);
  } catch {
    // A proxy can answer a too-large upload with HTML; the status still says enough.
  }
  const problem = isRecord(body) ? body : {};
  const retryAfter = Number(retryAfterHeader);
  const errors = Array.isArray(problem.errors) ? problem.errors.filter(isRecord) : [];
  return new ApiError(
    status,
    stringOr(problem.code) ?? codeForStatus(status),
    stringOr(problem.detail) ?? stringOr(problem.title),
    errors.flatMap((error) => {
      const field = stringOr(error.field);
      const message = stringOr(error.message);
      if (field === undefined || message === undefined) return [];
      const code = stringOr(error.code);
      return [{ field, message, ...(code === undefined ? {} : { code }) }];
    }),
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}

function codeForStatus(status: number): string | undefined {
  if (status === 413) return 'file_too_large';
  if (status === 404) return 'not_found';
  if (status === 429) return 'throttled';
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Uploads a file; `progress` is 0 to 1 while it is sent. The new `document` event joins the case's timeline. */
export function useUploadAttachment(caseId: string) {
  const queryClient = useQueryClient();
  // The token the session was given at sign-in, the same one http.ts sends with every write.
  const { csrfToken } = useUser();
  const [progress, setProgress] = useState(0);
  const mutation = useMutation({
    mutationFn: (upload: AttachmentUpload) => {
      setProgress(0);
      return orOffline(
        async () => ({ ...(await sendAttachment(caseId, upload, csrfToken, setProgress)), queued: false }),
        async (offline) => ({ ...(await offline.queueAttachment(caseId, upload)), queued: true }),
      );
    },
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: attachmentsKey(caseId) }),
        queryClient.invalidateQueries({ queryKey: casesKeys.events(caseId) }),
        queryClient.invalidateQueries({ queryKey: casesKeys.state(caseId) }),
      ]);
    },
  });
  return { ...mutation, progress };
}
