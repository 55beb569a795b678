import { DomainError } from '@homeward/core';

/**
 * Text the database cannot hold: NUL, and UTF-16 halves without their pair (JSON allows `\udfff`; PostgreSQL's
 * jsonb refuses it). Refused at the edge, for every endpoint, before any rule or write runs.
 */
function unstorable(body: unknown): boolean {
  // Walked without recursion: a body may nest arrays thousands deep.
  const pending: unknown[] = [body];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (value.includes('\u0000') || !value.isWellFormed()) return true;
    } else if (Array.isArray(value)) {
      // One at a time: spreading a long array passes each element as an argument and overflows the stack.
      for (const item of value as unknown[]) pending.push(item);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) pending.push(key, item);
    }
  }
  return false;
}

export function refuseUnstorableText(body: unknown): void {
  if (unstorable(body)) {
    throw new DomainError(
      'invalid',
      'The request holds a character that cannot be stored, such as NUL (U+0000) or half of a UTF-16 pair.',
      [],
      'unstorable_text',
    );
  }
}
