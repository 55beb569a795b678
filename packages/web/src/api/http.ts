/**
 * The one way the web app talks to the server: JSON in and out, the session cookie, the CSRF header on every
 * write, and `application/problem+json` turned into an `ApiError` the screens can translate.
 */
import type { FieldConflictDetail, FieldIssue } from '@homeward/core';

export const API_PREFIX = '/api/v1';

/** Any schema with `parse` (the zod schemas in core): responses are checked, so a changed API fails loudly. */
export interface Parser<T> {
  parse(data: unknown): T;
}

export const noContent: Parser<void> = { parse: () => undefined };

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    /** A stable code to translate (`invalid_credentials`, `date_in_future`, `network`...), when known. */
    readonly code: string | undefined,
    /** The server's explanation, in English. */
    readonly detail: string | undefined,
    readonly fieldErrors: readonly FieldIssue[] = [],
    readonly retryAfterSeconds?: number,
    /** A stale correction (409): each field someone else changed, with both values. */
    readonly conflicts: readonly FieldConflictDetail[] = [],
  ) {
    super(detail ?? `HTTP ${status}`);
  }
}

let csrfToken: string | null = null;

/** Called with the token from login, setup or `/auth/me`; the cookie alone must not be enough to write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** A sign-out the server has not heard yet: that session's CSRF token, until it is ended (sign-out.ts). */
export const END_SESSION = 'homeward.endSession';

/**
 * Nothing more is sent with a session signed out of while the server could not hear it: it ends first. Over
 * already will do (401; 403 when the cookie is another session's since); unreachable, it stays remembered.
 */
export async function endRememberedSession(): Promise<void> {
  const token = localStorage.getItem(END_SESSION);
  if (!token) return;
  const ended = await fetch(`${API_PREFIX}/auth/logout`, { method: 'POST', headers: { 'X-CSRF-Token': token } });
  if (ended.status >= 500) throw new Error('The session could not be ended.');
  localStorage.removeItem(END_SESSION);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  method?: Method;
  /** Sent as JSON, except a Blob: a file's bytes, as they are. */
  body?: unknown;
  signal?: AbortSignal;
  /** Made by the app on its own (a poll), not by the person: the server does not count it as activity. */
  background?: boolean;
}

export async function request<T>(path: string, schema: Parser<T>, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (response.status === 204) return schema.parse(undefined);
  return schema.parse(await response.json());
}

/** A file the server makes (a ZIP export): the same session, CSRF header and problem handling as `request`. */
export async function requestFile(path: string, options: RequestOptions = {}): Promise<Blob> {
  return (await send(path, options)).blob();
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  const bytes = options.body instanceof Blob;
  if (options.body !== undefined) headers['Content-Type'] = bytes ? 'application/octet-stream' : 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.background) headers['X-Homeward-Background'] = '1';

  let response: Response;
  try {
    await endRememberedSession();
    response = await fetch(`${API_PREFIX}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: bytes ? (options.body as Blob) : options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', error instanceof Error ? error.message : undefined);
  }

  if (!response.ok) throw await problemFrom(response);
  return response;
}

async function problemFrom(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get('Retry-After'));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  let body: unknown = undefined;
  try {
    body = await response.json();
  } catch {
    // A proxy or a crash can answer with HTML; the status still says enough.
  }
  const problem = isRecord(body) ? body : {};
  const detail = stringOr(problem.detail) ?? stringOr(problem.title);
  return new ApiError(
    response.status,
    stringOr(problem.code) ?? codeFromType(problem.type) ?? codeForStatus(response.status),
    detail,
    fieldErrorsOf(problem.errors),
    retryAfterSeconds,
    conflictsOf(problem.conflicts),
  );
}

// Checked by shape rather than by core's schema, whose field list would bring every correctable field's
// schema (and the village list's checks) into the script the sign-in screen loads.
function conflictsOf(conflicts: unknown): FieldConflictDetail[] {
  if (!Array.isArray(conflicts)) return [];
  return conflicts.filter(
    (conflict): conflict is FieldConflictDetail =>
      isRecord(conflict) && typeof conflict.field === 'string' && typeof conflict.currentVersion === 'number',
  );
}

function fieldErrorsOf(errors: unknown): FieldIssue[] {
  if (!Array.isArray(errors)) return [];
  return errors.filter(isRecord).flatMap((error) => {
    const field = stringOr(error.field);
    const message = stringOr(error.message);
    if (field === undefined || message === undefined) return [];
    const code = stringOr(error.code);
    return [{ field, message, ...(code === undefined ? {} : { code }) }];
  });
}

/** Problem types may end in a code (`.../problems/locked`); `about:blank` says nothing. */
function codeFromType(type: unknown): string | undefined {
  const value = stringOr(type);
  if (value === undefined || value === 'about:blank') return undefined;
  const last = value.split(/[/#:]/).pop();
  return last && /^[a-z][a-z_]*$/.test(last) ? last : undefined;
}

function codeForStatus(status: number): string | undefined {
  switch (status) {
    case 404:
      return 'not_found';
    case 423:
      return 'locked';
    case 429:
      return 'throttled';
    default:
      return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}
