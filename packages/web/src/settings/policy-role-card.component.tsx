import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELD_TIERS, PERMISSIONS, RECORD_SCOPES, ROLES, TIER_LEVELS, type Role } from '@homeward/core';
import { oneOf } from '../forms/one-of';
import { permissionChanged, roleChanged, tierChanged } from './access-policy-form';
import type { PolicyMatrixProps } from './policy-matrix.component';

/**
 * The roles-and-permissions matrix on a phone: one role at a time, chosen by name, its permissions, reach and
 * tiers one under the other with their names beside them. Seven roles side by side do not fit 390 px, and a
 * table scrolled sideways loses either the role or the permission from view.
 */
export function PolicyRoleCard({ draft, defaults, problems, onChange }: PolicyMatrixProps) {
  const { t } = useTranslation();
  const firstRefused = problems[0]?.role;
  const [role, setRole] = useState<Role>(firstRefused ?? ROLES[0]);
  const roleName = (r: Role) => t(`codes:role.${r}`);
  const current = draft[role];
  const fallback = defaults[role];
  const refused = (change: string, subject: string) =>
    problems.some((problem) => problem.role === role && problem.change === change && problem.subject === subject);
  const rowClass = (changed: boolean, error: boolean) =>
    ['policy-card__row', changed ? 'policy-table__cell--changed' : '', error ? 'policy-table__cell--error' : '']
      .filter(Boolean)
      .join(' ');
  const changedMark = (changed: boolean) =>
    changed ? <span className="visually-hidden">{t('oversight:roles.differs')}</span> : null;

  return (
    <div className="policy-card" data-testid="policy-card">
      <div className="field">
        <label htmlFor="policy-card-role" className="field__label">
          {t('oversight:roles.role')}
        </label>
        <select
          id="policy-card-role"
          value={role}
          onChange={(event) => {
            const next = oneOf(ROLES, event.target.value);
            if (next) setRole(next);
          }}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {roleChanged(draft[r], defaults[r]) ? `${roleName(r)} (${t('oversight:roles.changed')})` : roleName(r)}
            </option>
          ))}
        </select>
      </div>
      {roleChanged(current, fallback) ? (
        <button
          type="button"
          className="button button--small button--quiet"
          onClick={() => onChange(role, fallback)}
          data-testid={`reset-${role}`}
        >
          {t('oversight:roles.resetRole', { role: roleName(role) })}
        </button>
      ) : null}

      <fieldset className="policy-card__group">
        <legend>{t('oversight:roles.permissions')}</legend>
        <p className="policy-table__hint">{t('oversight:roles.permissionsHint')}</p>
        {PERMISSIONS.map((permission) => {
          const changed = permissionChanged(current, fallback, permission);
          const id = `policy-card-${permission}`;
          return (
            <div
              key={permission}
              className={rowClass(changed, refused('revoke', permission) || refused('grant', permission))}
            >
              <input
                type="checkbox"
                id={id}
                checked={current.permissions.includes(permission)}
                onChange={(event) =>
                  onChange(role, {
                    ...current,
                    // Kept in Homeward's order, so the saved list reads the same whatever the order of the clicks.
                    permissions: PERMISSIONS.filter((p) =>
                      p === permission ? event.target.checked : current.permissions.includes(p),
                    ),
                  })
                }
              />
              <label htmlFor={id}>
                <span className="policy-table__label">{t(`oversight:permission.${permission}.label`)}</span>
                <span className="policy-table__hint">{t(`oversight:permission.${permission}.hint`)}</span>
                {changedMark(changed)}
              </label>
            </div>
          );
        })}
      </fieldset>

      <fieldset className="policy-card__group">
        <legend>{t('oversight:roles.scope')}</legend>
        <p className="policy-table__hint">{t('oversight:roles.scopeHint')}</p>
        <div className={rowClass(current.scope !== fallback.scope, refused('scope', ''))}>
          <label htmlFor="policy-card-scope" className="policy-table__label">
            {t('oversight:roles.scopeLabel')}
            {changedMark(current.scope !== fallback.scope)}
          </label>
          <select
            id="policy-card-scope"
            value={current.scope}
            onChange={(event) => {
              const scope = oneOf(RECORD_SCOPES, event.target.value);
              if (scope) onChange(role, { ...current, scope });
            }}
          >
            {RECORD_SCOPES.map((scope) => (
              <option key={scope} value={scope}>
                {t(`oversight:scope.${scope}`)}
              </option>
            ))}
          </select>
        </div>
      </fieldset>

      <fieldset className="policy-card__group">
        <legend>{t('oversight:roles.tiers')}</legend>
        <p className="policy-table__hint">{t('oversight:roles.tiersHint')}</p>
        {FIELD_TIERS.map((tier) => {
          const changed = tierChanged(current, fallback, tier);
          const id = `policy-card-${tier}`;
          return (
            <div key={tier} className={rowClass(changed, refused('tiers', tier))}>
              <label htmlFor={id}>
                <span className="policy-table__label">{t(`oversight:tier.${tier}.label`)}</span>
                <span className="policy-table__hint">{t(`oversight:tier.${tier}.hint`)}</span>
                {changedMark(changed)}
              </label>
              <select
                id={id}
                value={current.tiers[tier]}
                onChange={(event) => {
                  const level = oneOf(TIER_LEVELS, event.target.value);
                  if (level) onChange(role, { ...current, tiers: { ...current.tiers, [tier]: level } });
                }}
              >
                {TIER_LEVELS.map((level) => (
                  <option key={level} value={level}>
                    {t(`oversight:tierLevel.${level}`)}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}
