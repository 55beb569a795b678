import { DomainError, tiersRefusedForWrite } from '@homeward/core';
import type { Actor } from '../auth/actor';

/** A write that would set a field of a tier the user may only read (or not see) is refused whole. */
export function refuseReadOnlyTiers(actor: Actor, input: unknown): void {
  const refused = tiersRefusedForWrite(input, actor.access);
  if (refused.length > 0) {
    throw new DomainError(
      'forbidden',
      `Your role may not record these details: ${refused.join(', ')}.`,
      [],
      'tier_read_only',
    );
  }
}
