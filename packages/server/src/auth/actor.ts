import type { Role } from '@homeward/core';

/** Who is acting: every service and repository call that touches a case takes one. */
export interface Actor {
  userId: string;
  organisationId: string;
  roles: Role[];
  ip: string | null;
}
