import { accessUnder, DomainError, mustEnrolTwoFactor, type Access, type Role } from '@homeward/core';
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
  access: Access;
  actor: Actor;
  token: string;
  /** Signed in with the password only, in an organisation that requires this user's second factor. */
  mustEnrolTwoFactor: boolean;
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
 * A user who must enrol a second factor first gets a 403 everywhere but the few routes that say
 * `whileEnrolling` (who am I, sign out, enrolment).
 */
const resolved = new WeakMap<FastifyRequest, Promise<RequestUser>>();

/**
 * The endpoint policy resolves the user before the handler does: the session is read once per request. A user
 * who must still enrol a second factor is refused everywhere but the enrolment endpoints (`whileEnrolling`).
 */
export async function requireUser(
  request: FastifyRequest,
  db: Kysely<Database>,
  config: Config,
  options: { whileEnrolling?: boolean } = {},
): Promise<RequestUser> {
  let pending = resolved.get(request);
  if (!pending) {
    pending = resolveUser(request, db, config);
    resolved.set(request, pending);
  }
  const user = await pending;
  if (user.mustEnrolTwoFactor && !options.whileEnrolling) {
    throw new DomainError(
      'forbidden',
      'Your organisation requires a second factor for your account: set it up on your account page first.',
      [],
      'two_factor_enrolment_required',
    );
  }
  return user;
}

/** The user this request was signed in as, when it got that far; for auditing what it was refused. */
export async function signedInUserOf(request: FastifyRequest): Promise<RequestUser | undefined> {
  return resolved.get(request)?.catch(() => undefined);
}

async function resolveUser(request: FastifyRequest, db: Kysely<Database>, config: Config): Promise<RequestUser> {
  const credentials = tokenOf(request);
  // The app's polls (the notification count) say so, and leave the idle timer where the person left it.
  const touch = request.headers['x-homeward-background'] !== '1';
  const session = credentials ? await resolveSession(db, config, credentials.token, touch) : undefined;
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
  const { roles, access } = accessUnder(session.roles, session.accessPolicy);
  const mustEnrol = mustEnrolTwoFactor({
    roles,
    enrolled: session.twoFactorEnrolledAt !== null,
    organisationRequiresTwoFactor: session.organisationRequiresTwoFactor,
  });
  return {
    ...session,
    roles,
    access,
    mustEnrolTwoFactor: mustEnrol,
    token: credentials.token,
    actor: {
      userId: session.userId,
      organisationId: session.organisationId,
      roles,
      access,
      team: session.team,
      facilityId: session.facilityId,
      ip: request.ip,
    },
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
