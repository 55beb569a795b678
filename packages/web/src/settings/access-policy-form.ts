import {
  FIELD_TIERS,
  PERMISSIONS,
  ROLES,
  type AccessPolicySettings,
  type FieldTier,
  type Permission,
  type PolicyAdjustments,
  type Role,
  type TierLevel,
} from '@homeward/core';

export type RolePolicies = AccessPolicySettings['effective'];
export type RolePolicyDraft = RolePolicies[Role];

/** Where one role's cell differs from Homeward's default, so the page can mark it. */
export function permissionChanged(draft: RolePolicyDraft, fallback: RolePolicyDraft, permission: Permission): boolean {
  return draft.permissions.includes(permission) !== fallback.permissions.includes(permission);
}

export function tierChanged(draft: RolePolicyDraft, fallback: RolePolicyDraft, tier: FieldTier): boolean {
  return draft.tiers[tier] !== fallback.tiers[tier];
}

export function roleChanged(draft: RolePolicyDraft, fallback: RolePolicyDraft): boolean {
  return (
    draft.scope !== fallback.scope ||
    PERMISSIONS.some((permission) => permissionChanged(draft, fallback, permission)) ||
    FIELD_TIERS.some((tier) => tierChanged(draft, fallback, tier))
  );
}

/**
 * The organisation's changes as the server stores them: only what differs from the default, so a permission
 * Homeward adds later reaches the organisation's roles as the default has it.
 */
export function adjustmentsFrom(draft: RolePolicies, defaults: RolePolicies): PolicyAdjustments {
  const adjustments: PolicyAdjustments = {};
  for (const role of ROLES) {
    const edited = draft[role];
    const base = defaults[role];
    if (!roleChanged(edited, base)) continue;
    const tiers: Partial<Record<FieldTier, TierLevel>> = {};
    for (const tier of FIELD_TIERS) if (tierChanged(edited, base, tier)) tiers[tier] = edited.tiers[tier];
    adjustments[role] = {
      grant: edited.permissions.filter((permission) => !base.permissions.includes(permission)),
      revoke: base.permissions.filter((permission) => !edited.permissions.includes(permission)),
      ...(edited.scope === base.scope ? {} : { scope: edited.scope }),
      ...(Object.keys(tiers).length > 0 ? { tiers } : {}),
    };
  }
  return adjustments;
}

/** A refusal by the rules both sides apply (`org_admin.revoke.policy.manage`), read back into its parts. */
export type PolicyProblem =
  { role: Role; change: 'grant' | 'revoke'; subject: Permission } | { role: Role; change: 'tiers'; subject: FieldTier };

/** Null for a field these rules do not name, whose message the page then shows as the server gave it. */
export function problemOf(field: string): PolicyProblem | null {
  const [role = '', change = '', ...rest] = field.split('.');
  const subject = rest.join('.');
  const knownRole = ROLES.find((r) => r === role);
  if (!knownRole) return null;
  const permission = PERMISSIONS.find((p) => p === subject);
  if ((change === 'grant' || change === 'revoke') && permission)
    return { role: knownRole, change, subject: permission };
  const tier = FIELD_TIERS.find((t) => t === subject);
  if (change === 'tiers' && tier) return { role: knownRole, change, subject: tier };
  return null;
}
