import { DomainError, mayRead } from '@homeward/core';
import type { Actor } from '../auth/actor';

/** What a search or a duplicate check may be asked with that only someone who may read identity may ask. */
const IDENTITY_TERMS = ['familyNameKm', 'givenNameKm', 'familyNameLatin', 'givenNameLatin', 'dateOfBirth'] as const;

/**
 * Asking "is there a child called ... born on ...?" and being told yes confirms a child's identity as surely as
 * reading it, so a role that may not read identity may not ask with a name or birth date at all.
 */
export function refuseIdentityTerms(actor: Actor, terms: Partial<Record<string, unknown>>): void {
  if (mayRead(actor.access, 'identity')) return;
  const asked = IDENTITY_TERMS.filter((term) => {
    const value = terms[term];
    return typeof value === 'string' && value.trim() !== '';
  });
  if (asked.length === 0) return;
  throw new DomainError(
    'forbidden',
    'Your role may not search by a child’s name or date of birth.',
    asked.map((field) => ({ field, message: 'Your role may not search by this.' })),
    'identity_terms_refused',
  );
}
