import { DomainError, type DomainErrorKind, type FieldIssue } from '@homeward/core';
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
}

const STATUS: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 423,
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  413: 'Too large',
  415: 'Unsupported content type',
  423: 'Locked',
  429: 'Too many requests',
  500: 'Server error',
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

export function toProblem(error: unknown): Problem {
  if (error instanceof DomainError) {
    return problem(STATUS[error.kind], error.message, {
      ...(error.code ? { code: error.code } : {}),
      ...(error.issues.length ? { errors: error.issues } : {}),
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
