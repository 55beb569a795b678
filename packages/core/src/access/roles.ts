/** The roles of Homeward's users. A user holds one or more, within one organisation. */
export const ROLES = [
  'caseworker',
  'caregiver',
  'supervisor',
  'me_officer',
  'org_admin',
  'government_officer',
  'system_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'case.read',
  'case.create',
  'case.write',
  'case.read_identity',
  'case.approve',
  'attachment.read',
  'facility.manage',
  'user.manage',
  'report.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Deny by default: a permission not listed for any of a user's roles is refused. The access-control issue
 * turns this into per-organisation data; until then this table is the whole policy.
 */
const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  caseworker: ['case.read', 'case.create', 'case.write', 'case.read_identity', 'attachment.read'],
  caregiver: ['case.read'],
  supervisor: [
    'case.read',
    'case.create',
    'case.write',
    'case.read_identity',
    'case.approve',
    'attachment.read',
    'report.read',
  ],
  me_officer: ['case.read', 'report.read'],
  org_admin: [
    'case.read',
    'case.create',
    'case.write',
    'case.read_identity',
    'case.approve',
    'attachment.read',
    'facility.manage',
    'user.manage',
    'report.read',
  ],
  government_officer: ['report.read'],
  system_admin: ['user.manage'],
};

export function can(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
}
