import { accessFor, type Access, type Role } from '@homeward/core';

/** Who is acting: every service and repository call that touches a case takes one. */
export interface Actor {
  userId: string;
  organisationId: string;
  roles: Role[];
  /** What the user's roles allow under their organisation's policy. */
  access: Access;
  /** Decide which cases a `team` or `facility` scope reaches. */
  team: string | null;
  facilityId: string | null;
  ip: string | null;
}

/** An actor for work done outside a request (demo data, the command line), under the default policy. */
export function actorOf(user: { userId: string; organisationId: string; roles: Role[] }): Actor {
  return { ...user, access: accessFor(user.roles), team: null, facilityId: null, ip: null };
}
