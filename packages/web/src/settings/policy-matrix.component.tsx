import { useTranslation } from 'react-i18next';
import {
  FIELD_TIERS,
  PERMISSIONS,
  RECORD_SCOPES,
  ROLES,
  TIER_LEVELS,
  type FieldTier,
  type Permission,
  type RecordScope,
  type Role,
  type TierLevel,
} from '@homeward/core';
import { oneOf } from '../forms/one-of';
import {
  permissionChanged,
  roleChanged,
  tierChanged,
  type PolicyProblem,
  type RolePolicies,
  type RolePolicyDraft,
} from './access-policy-form';

export interface PolicyMatrixProps {
  draft: RolePolicies;
  defaults: RolePolicies;
  problems: readonly PolicyProblem[];
  onChange: (role: Role, next: RolePolicyDraft) => void;
}

/**
 * Every role side by side: its permissions, which cases it reaches and how much of a child's file it sees. A
 * cell that differs from Homeward's default is marked in colour and, for screen readers, in words.
 */
export function PolicyMatrix({ draft, defaults, problems, onChange }: PolicyMatrixProps) {
  const { t } = useTranslation();
  const roleName = (role: Role) => t(`codes:role.${role}`);
  const refused = (role: Role, change: string, subject: string) =>
    problems.some((problem) => problem.role === role && problem.change === change && problem.subject === subject);

  const cellClass = (changed: boolean, error: boolean) =>
    ['policy-table__cell', changed ? 'policy-table__cell--changed' : '', error ? 'policy-table__cell--error' : '']
      .filter(Boolean)
      .join(' ');
  const changedMark = (changed: boolean) =>
    changed ? <span className="visually-hidden">{t('oversight:roles.differs')}</span> : null;

  const togglePermission = (role: Role, permission: Permission, on: boolean) => {
    const current = draft[role].permissions;
    // Kept in Homeward's order, so the saved list reads the same whatever the order of the clicks.
    const permissions = PERMISSIONS.filter((p) => (p === permission ? on : current.includes(p)));
    onChange(role, { ...draft[role], permissions });
  };
  const setScope = (role: Role, scope: RecordScope) => onChange(role, { ...draft[role], scope });
  const setTier = (role: Role, tier: FieldTier, level: TierLevel) =>
    onChange(role, { ...draft[role], tiers: { ...draft[role].tiers, [tier]: level } });

  const groupRow = (title: string, hint: string) => (
    <tr className="policy-table__group">
      <th scope="colgroup" colSpan={ROLES.length + 1}>
        {title}
        <span className="policy-table__hint">{hint}</span>
      </th>
    </tr>
  );

  return (
    <div className="policy-matrix" role="region" aria-labelledby="policy-caption" tabIndex={0}>
      <table className="data-table policy-table" data-testid="policy-matrix">
        <caption id="policy-caption" className="visually-hidden">
          {t('oversight:roles.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="policy-table__corner">
              {t('oversight:roles.role')}
            </th>
            {ROLES.map((role) => {
              const changed = roleChanged(draft[role], defaults[role]);
              return (
                <th key={role} scope="col" className="policy-table__role" data-role={role}>
                  <span className="policy-table__role-name">{roleName(role)}</span>
                  {changed ? (
                    <>
                      <span className="badge policy-table__badge">{t('oversight:roles.changed')}</span>
                      <button
                        type="button"
                        className="button button--small button--quiet policy-table__reset"
                        onClick={() => onChange(role, defaults[role])}
                        aria-label={t('oversight:roles.resetRole', { role: roleName(role) })}
                        data-testid={`reset-${role}`}
                      >
                        {t('oversight:roles.reset')}
                      </button>
                    </>
                  ) : null}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {groupRow(t('oversight:roles.permissions'), t('oversight:roles.permissionsHint'))}
          {PERMISSIONS.map((permission) => {
            // The dot in a permission's name (`case.read`) nests its translation: `permission.case.read.label`.
            const label = t(`oversight:permission.${permission}.label`);
            return (
              <tr key={permission} data-permission={permission}>
                <th scope="row" className="policy-table__row-head">
                  <span className="policy-table__label">{label}</span>
                  <span className="policy-table__hint">{t(`oversight:permission.${permission}.hint`)}</span>
                </th>
                {ROLES.map((role) => {
                  const changed = permissionChanged(draft[role], defaults[role], permission);
                  return (
                    <td
                      key={role}
                      className={cellClass(
                        changed,
                        refused(role, 'revoke', permission) || refused(role, 'grant', permission),
                      )}
                    >
                      <input
                        type="checkbox"
                        id={`policy-${role}-${permission}`}
                        checked={draft[role].permissions.includes(permission)}
                        onChange={(event) => togglePermission(role, permission, event.target.checked)}
                        aria-label={`${label}: ${roleName(role)}`}
                      />
                      {changedMark(changed)}
                    </td>
                  );
                })}
              </tr>
            );
          })}
          {groupRow(t('oversight:roles.scope'), t('oversight:roles.scopeHint'))}
          <tr data-row="scope">
            <th scope="row" className="policy-table__row-head">
              <span className="policy-table__label">{t('oversight:roles.scopeLabel')}</span>
            </th>
            {ROLES.map((role) => {
              const changed = draft[role].scope !== defaults[role].scope;
              return (
                <td key={role} className={cellClass(changed, refused(role, 'scope', ''))}>
                  <select
                    id={`policy-${role}-scope`}
                    value={draft[role].scope}
                    onChange={(event) => {
                      const scope = oneOf(RECORD_SCOPES, event.target.value);
                      if (scope) setScope(role, scope);
                    }}
                    aria-label={`${t('oversight:roles.scopeLabel')}: ${roleName(role)}`}
                  >
                    {RECORD_SCOPES.map((scope) => (
                      <option key={scope} value={scope}>
                        {t(`oversight:scope.${scope}`)}
                      </option>
                    ))}
                  </select>
                  {changedMark(changed)}
                </td>
              );
            })}
          </tr>
          {groupRow(t('oversight:roles.tiers'), t('oversight:roles.tiersHint'))}
          {FIELD_TIERS.map((tier) => {
            const label = t(`oversight:tier.${tier}.label`);
            return (
              <tr key={tier} data-tier={tier}>
                <th scope="row" className="policy-table__row-head">
                  <span className="policy-table__label">{label}</span>
                  <span className="policy-table__hint">{t(`oversight:tier.${tier}.hint`)}</span>
                </th>
                {ROLES.map((role) => {
                  const changed = tierChanged(draft[role], defaults[role], tier);
                  return (
                    <td key={role} className={cellClass(changed, refused(role, 'tiers', tier))}>
                      <select
                        id={`policy-${role}-${tier}`}
                        value={draft[role].tiers[tier]}
                        onChange={(event) => {
                          const level = oneOf(TIER_LEVELS, event.target.value);
                          if (level) setTier(role, tier, level);
                        }}
                        aria-label={`${label}: ${roleName(role)}`}
                      >
                        {TIER_LEVELS.map((level) => (
                          <option key={level} value={level}>
                            {t(`oversight:tierLevel.${level}`)}
                          </option>
                        ))}
                      </select>
                      {changedMark(changed)}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
