import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import {
  DomainError,
  FieldConflictError,
  type DomainErrorKind,
  type FieldConflictDetail,
  type FieldIssue,
} from '@homeward/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/** RFC 9457 problem details: the one shape of every error this API returns. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  errors?: FieldIssue[];
  /** A stale correction: each field someone else changed, your value beside the current one. */
  conflicts?: FieldConflictDetail[];
}

const STATUS: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 423,
  throttled: 429,
  busy: 503,
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  408: 'Too slow',
  409: 'Conflict',
  413: 'Too large',
  414: 'Address too long',
  415: 'Unsupported content type',
  423: 'Locked',
  429: 'Too many requests',
  431: 'Headers too large',
  500: 'Server error',
  503: 'Busy',
};

export function problem(status: number, detail: string, extra: Partial<Problem> = {}): Problem {
  return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, ...extra };
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type('application/problem+json').send(body);
}

function fieldOf(instancePath: string, part: string): string {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  // Query and path parameters are named too, so a person knows where to look.
  return part === 'body' ? path : [part, path].filter(Boolean).join('.');
}

/**
 * PostgreSQL refuses NUL in text ("invalid byte sequence", 22021) and in JSON ("unsupported Unicode escape",
 * 22P05). Schemas accept it as an ordinary character; the transaction is rolled back, so this is the client's fault.
 */
const UNSTORABLE_TEXT = new Set(['22021', '22P05']);

export function toProblem(error: unknown): Problem {
  if (error instanceof DomainError) {
    return problem(STATUS[error.kind], error.message, {
      ...(error.code ? { code: error.code } : {}),
      ...(error.issues.length ? { errors: error.issues } : {}),
      ...(error instanceof FieldConflictError ? { conflicts: error.conflicts } : {}),
    });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const part = (error as { validationContext?: string }).validationContext ?? 'body';
    const errors = error.validation.map((issue) => ({
      field: fieldOf(issue.instancePath, part),
      message: issue.message ?? 'Not valid.',
    }));
    const first = errors[0];
    const detail = first ? `${first.field || part}: ${first.message}` : 'The request is not valid.';
    return problem(400, detail, { code: 'validation', errors });
  }
  if (UNSTORABLE_TEXT.has((error as { code?: unknown }).code as string)) {
    return problem(400, 'The request holds a character that cannot be stored, such as NUL (U+0000).', {
      code: 'unstorable_text',
    });
  }
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return problem(400, 'The request body is not valid JSON.', { code: 'malformed_json' });
  }
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500) {
    return problem(status, fastifyError.message ?? 'The request was refused.', {
      ...(fastifyError.code ? { code: fastifyError.code } : {}),
    });
  }
  return problem(
    500,
    'Something went wrong on the server. Please try again; if it happens again, tell your administrator.',
    { code: 'server' },
  );
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const body = toProblem(error);
  if (error instanceof DomainError && error.retryAfterSeconds !== undefined) {
    reply.header('retry-after', String(error.retryAfterSeconds));
  }
  if (body.status >= 500) {
    // The message and stack stay in the server log; the client never sees them. No request body is logged.
    request.log.error({ err: error }, 'request failed');
  }
  return sendProblem(reply, body);
}

/**
 * What Node's HTTP parser refuses (headers or an address too large, a request it cannot read) never reaches
 * Fastify's error handler; it is answered on the socket, in the same problem+json shape as every other error.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const body =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? problem(431, 'The request’s headers or address are too large.', { code: 'header_overflow' })
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? problem(408, 'The request took too long to arrive.', { code: 'timeout' })
        : problem(400, 'The request could not be read.', { code: 'unreadable_request' });
  if (socket.writable) {
    const text = JSON.stringify(body);
    socket.write(
      `HTTP/1.1 ${body.status} ${STATUS_CODES[body.status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(error);
}
