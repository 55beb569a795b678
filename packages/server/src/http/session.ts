import { DomainError, ROLES, type Role } from '@homeward/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import { resolveSession, type IssuedSession } from '../auth/auth.service';
import type { Config } from '../config';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions.repository';

export const SESSION_COOKIE = 'homeward_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RequestUser extends SessionUser {
  roles: Role[];
  actor: Actor;
  token: string;
}

export function tokenOf(request: FastifyRequest): { token: string; viaCookie: boolean } | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return { token: header.slice('Bearer '.length).trim(), viaCookie: false };
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? { token: cookie, viaCookie: true } : undefined;
}

/**
 * The signed-in user, or a 401. A cookie is sent by the browser on its own, so a state-changing request
 * that relies on it must also carry the session's CSRF token; a bearer token cannot be forged that way.
 */
export async function requireUser(request: FastifyRequest, db: Kysely<Database>, config: Config): Promise<RequestUser> {
  const credentials = tokenOf(request);
  const session = credentials ? await resolveSession(db, config, credentials.token) : undefined;
  if (!credentials || !session) {
    throw new DomainError(
      'unauthenticated',
      'Sign in to continue: your session has ended or is missing.',
      [],
      'unauthenticated',
    );
  }
  if (credentials.viaCookie && UNSAFE.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
    throw new DomainError(
      'forbidden',
      'This request lacks its security token (CSRF). Reload the page and try again.',
      [],
      'csrf',
    );
  }
  const roles = session.roles.filter((role): role is Role => (ROLES as readonly string[]).includes(role));
  return {
    ...session,
    roles,
    token: credentials.token,
    actor: { userId: session.userId, organisationId: session.organisationId, roles, ip: request.ip },
  };
}

export function setSessionCookie(reply: FastifyReply, config: Config, session: IssuedSession): void {
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: config.secureCookies,
    expires: new Date(session.expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
