import { z } from 'zod';
import { PERMISSIONS, ROLES, type Permission, type Role } from './roles';

/**
 * Which cases a role reaches: the cases assigned to the user, those of the user's team, the whole
 * organisation's, those of children placed in the user's facility (caregivers), or only the cases referred or
 * handed over to the user's department (government officers).
 */
export const RECORD_SCOPES = ['assigned', 'team', 'facility', 'referred', 'organisation'] as const;
export type RecordScope = (typeof RECORD_SCOPES)[number];

/**
 * The sensitive parts of a child's file, each hidden, readable or writable per role: who the child is and how to
 * reach the family; what happened to the child (every free-text account); health, HIV status included; where
 * the child's family and the shelters are.
 */
export const FIELD_TIERS = ['identity', 'narrative', 'health', 'location'] as const;
export type FieldTier = (typeof FIELD_TIERS)[number];
export const TIER_LEVELS = ['none', 'read', 'write'] as const;
export type TierLevel = (typeof TIER_LEVELS)[number];
export type TierLevels = Record<FieldTier, TierLevel>;

export interface RolePolicy {
  permissions: Permission[];
  scope: RecordScope;
  tiers: TierLevels;
}
export type AccessPolicy = Record<Role, RolePolicy>;

const ALL_WRITE: TierLevels = { identity: 'write', narrative: 'write', health: 'write', location: 'write' };
const ALL_READ: TierLevels = { identity: 'read', narrative: 'read', health: 'read', location: 'read' };
const NONE: TierLevels = { identity: 'none', narrative: 'none', health: 'none', location: 'none' };

/**
 * Homeward's policy before an organisation adjusts it. Deny by default: a permission not listed for any of a
 * user's roles is refused, and a tier not opened is hidden.
 */
export const DEFAULT_POLICY: AccessPolicy = {
  caseworker: {
    permissions: ['case.read', 'case.create', 'case.write', 'attachment.read'],
    scope: 'team',
    tiers: ALL_WRITE,
  },
  // Daily care needs the child's name and health, not the account of the abuse nor where the family lives.
  caregiver: {
    permissions: ['case.read'],
    scope: 'facility',
    tiers: { identity: 'read', narrative: 'none', health: 'write', location: 'none' },
  },
  supervisor: {
    permissions: [
      'case.read',
      'case.create',
      'case.write',
      'case.approve',
      'case.assign',
      'case.transfer',
      'case.access_log',
      'attachment.read',
      'report.read',
      'report.manage',
      'handover.manage',
      'handover.receive',
    ],
    scope: 'organisation',
    tiers: ALL_WRITE,
  },
  // Monitoring and evaluation checks the data without knowing who the children are.
  me_officer: {
    permissions: ['case.read', 'report.read', 'report.manage', 'target.manage'],
    scope: 'organisation',
    tiers: NONE,
  },
  // Everything, a permission added in a later version included.
  org_admin: {
    permissions: [...PERMISSIONS],
    scope: 'organisation',
    tiers: ALL_WRITE,
  },
  // Statistics of the province, and the files of the children referred or handed over to the department.
  government_officer: {
    permissions: ['case.read', 'report.read', 'target.manage', 'handover.receive'],
    scope: 'referred',
    tiers: ALL_READ,
  },
  system_admin: { permissions: ['user.manage', 'audit.read'], scope: 'assigned', tiers: NONE },
};

/**
 * What an organisation's administrator may change: permissions added to or taken from a role, its scope, its
 * tier levels. Stored on the organisation, applied over the default, so a new permission in a later version
 * starts from the default rather than from an old snapshot.
 */
export const roleAdjustmentSchema = z.object({
  grant: z.array(z.enum(PERMISSIONS)).default([]),
  revoke: z.array(z.enum(PERMISSIONS)).default([]),
  scope: z.enum(RECORD_SCOPES).optional(),
  tiers: z.partialRecord(z.enum(FIELD_TIERS), z.enum(TIER_LEVELS)).optional(),
});
export const policyAdjustmentsSchema = z.partialRecord(z.enum(ROLES), roleAdjustmentSchema);
export type PolicyAdjustments = z.output<typeof policyAdjustmentsSchema>;
export type PolicyAdjustmentsInput = z.input<typeof policyAdjustmentsSchema>;

/**
 * Permissions an organisation may not take from its administrators, so that nobody can lock the organisation
 * out of its own settings; and permissions no organisation may give to a role that reaches beyond it.
 */
export const ADMIN_KEEPS: readonly Permission[] = ['user.manage', 'policy.manage'];
const GOVERNMENT_NEVER: readonly Permission[] = [
  'case.create',
  'case.write',
  'case.delete',
  'case.export',
  'installation.manage',
  'case.transfer',
];

export function policyAdjustmentProblems(adjustments: PolicyAdjustments): string[] {
  const problems: string[] = [];
  for (const permission of adjustments.org_admin?.revoke ?? []) {
    if (ADMIN_KEEPS.includes(permission)) problems.push(`org_admin.revoke.${permission}`);
  }
  for (const permission of adjustments.government_officer?.grant ?? []) {
    if (GOVERNMENT_NEVER.includes(permission)) problems.push(`government_officer.grant.${permission}`);
  }
  const governmentTiers = adjustments.government_officer?.tiers ?? {};
  for (const tier of FIELD_TIERS) {
    if (governmentTiers[tier] === 'write') problems.push(`government_officer.tiers.${tier}`);
  }
  return problems;
}

export function effectivePolicy(adjustments: PolicyAdjustments = {}): AccessPolicy {
  const policy = {} as AccessPolicy;
  for (const role of ROLES) {
    const base = DEFAULT_POLICY[role];
    const change = adjustments[role];
    const permissions = new Set(base.permissions);
    for (const permission of change?.grant ?? []) permissions.add(permission);
    for (const permission of change?.revoke ?? []) permissions.delete(permission);
    policy[role] = {
      permissions: PERMISSIONS.filter((permission) => permissions.has(permission)),
      scope: change?.scope ?? base.scope,
      tiers: { ...base.tiers, ...change?.tiers },
    };
  }
  return policy;
}

/** What one user may do: the union of their roles' permissions, the widest scope, the highest tier level. */
export const accessSchema = z.object({
  permissions: z.array(z.enum(PERMISSIONS)),
  scope: z.enum(RECORD_SCOPES),
  tiers: z.object({
    identity: z.enum(TIER_LEVELS),
    narrative: z.enum(TIER_LEVELS),
    health: z.enum(TIER_LEVELS),
    location: z.enum(TIER_LEVELS),
  }),
});
export type Access = z.infer<typeof accessSchema>;

/** Wider first: a user holding two roles reaches what the wider one reaches. */
const SCOPE_WIDTH: Record<RecordScope, number> = { organisation: 4, team: 3, facility: 2, assigned: 1, referred: 0 };

export const NO_ACCESS: Access = { permissions: [], scope: 'assigned', tiers: NONE };

export function accessFor(roles: readonly Role[], policy: AccessPolicy = DEFAULT_POLICY): Access {
  if (roles.length === 0) return NO_ACCESS;
  const permissions = new Set<Permission>();
  let scope: RecordScope | undefined;
  const tiers: TierLevels = { ...NONE };
  for (const role of roles) {
    const rolePolicy = policy[role];
    for (const permission of rolePolicy.permissions) permissions.add(permission);
    if (scope === undefined || SCOPE_WIDTH[rolePolicy.scope] > SCOPE_WIDTH[scope]) scope = rolePolicy.scope;
    for (const tier of FIELD_TIERS) {
      if (TIER_LEVELS.indexOf(rolePolicy.tiers[tier]) > TIER_LEVELS.indexOf(tiers[tier])) {
        tiers[tier] = rolePolicy.tiers[tier];
      }
    }
  }
  return {
    permissions: PERMISSIONS.filter((permission) => permissions.has(permission)),
    scope: scope ?? 'assigned',
    tiers,
  };
}

export function can(access: Pick<Access, 'permissions'>, permission: Permission): boolean {
  return access.permissions.includes(permission);
}

export function mayRead(access: Pick<Access, 'tiers'>, tier: FieldTier): boolean {
  return access.tiers[tier] !== 'none';
}

export function mayWrite(access: Pick<Access, 'tiers'>, tier: FieldTier): boolean {
  return access.tiers[tier] === 'write';
}

export const rolePolicySchema = z.object({
  permissions: z.array(z.enum(PERMISSIONS)),
  scope: z.enum(RECORD_SCOPES),
  tiers: accessSchema.shape.tiers,
});
/** The policy settings page: what the organisation changed, and what that makes of each role. */
export const accessPolicySettingsSchema = z.object({
  adjustments: policyAdjustmentsSchema,
  effective: z.record(z.enum(ROLES), rolePolicySchema),
  defaults: z.record(z.enum(ROLES), rolePolicySchema),
});
export type AccessPolicySettings = z.infer<typeof accessPolicySettingsSchema>;

/**
 * A stored user's roles and their organisation's stored adjustments, as a session or the command line reads them:
 * unknown roles are dropped, and adjustments that no longer parse (checked when saved) fall back to the default.
 */
export function accessUnder(
  storedRoles: readonly string[],
  storedAdjustments: unknown,
): { roles: Role[]; access: Access } {
  const roles = storedRoles.filter((role): role is Role => (ROLES as readonly string[]).includes(role));
  const adjustments = policyAdjustmentsSchema.safeParse(storedAdjustments);
  return { roles, access: accessFor(roles, effectivePolicy(adjustments.success ? adjustments.data : {})) };
}
