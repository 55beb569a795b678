import { can, DomainError } from '@homeward/core';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Database } from '../db/schema';

/** The identities of the organisation's cases, for the duplicate check; the matching itself is in core. */
export async function identitiesForMatching(db: Kysely<Database>, actor: Actor) {
  if (!can(actor.access, 'case.read'))
    throw new DomainError('forbidden', 'Your role does not allow this.', [], 'forbidden');
  return db.selectFrom('child_case').selectAll().where('organisation_id', '=', actor.organisationId).execute();
}
