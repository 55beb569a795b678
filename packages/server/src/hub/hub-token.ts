import { createHash, randomBytes } from 'node:crypto';

/** A hub's token starts so, telling it from a session's token at a glance (and in a leaked-secret scan). */
const PREFIX = 'hwhub_';

export function newHubToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function isHubToken(token: string): boolean {
  return token.startsWith(PREFIX);
}

/** The central server keeps only this: a copy of its database does not let anyone sync as the hub. */
export function hubTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
