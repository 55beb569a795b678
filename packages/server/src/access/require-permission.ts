import { can, DomainError, type Permission } from '@homeward/core';
import type { Actor } from '../auth/actor';

/** The one refusal for a permission the user's roles lack; repositories and services alike call it. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor.access, permission)) {
    throw new DomainError('forbidden', 'Your role does not allow this.', [], 'forbidden');
  }
}
