import { useState, type FormEvent } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, passwordResetSchema, PASSWORD_MIN_LENGTH, type Role, type UserSummary } from '@homeward/core';
import { useManagedUser, useUserAction, type UserAction } from '../api/users.resource';
import { useUser } from '../auth/user-context';
import { accountErrorMessage } from '../account/account-messages';
import { CheckboxGroup } from '../forms/choice-group.component';
import { Field } from '../forms/field.component';
import { FormAlert } from '../forms/form-alert.component';
import type { Message } from '../forms/messages';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { useDocumentTitle } from '../text/use-document-title';
import { useLanguage } from '../text/use-language';
import { assignableRoles, formatDay } from './user-format';

/** `/users/:userId`: one colleague's roles, access, password and second factor. */
export function UserPage() {
  const { t } = useTranslation();
  const actor = useUser();
  const { userId = '' } = useParams();
  const allowed = can(actor.access, 'user.manage');
  const person = useManagedUser(userId);
  useDocumentTitle(person.data?.displayName ?? t('users:users.title'));
  if (!allowed) return <Navigate to="/cases" replace />;
  if (person.isPending) return <LoadingState />;
  if (person.error) {
    return (
      <section className="page">
        <RequestErrorState error={person.error} onRetry={() => void person.refetch()} />
      </section>
    );
  }
  return <UserDetail person={person.data} own={person.data.id === actor.id} actorRoles={actor.roles} />;
}

interface UserDetailProps {
  person: UserSummary;
  own: boolean;
  actorRoles: readonly Role[];
}

function UserDetail({ person, own, actorRoles }: UserDetailProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const action = useUserAction(person.id);
  const [done, setDone] = useState<string | null>(null);
  const [general, setGeneral] = useState<Message | null>(null);

  const run = (next: UserAction, success: string) => {
    setDone(null);
    setGeneral(null);
    action.mutate(next, {
      onSuccess: () => setDone(success),
      onError: (error) => setGeneral(accountErrorMessage(error)),
    });
  };

  return (
    <section className="page">
      <p>
        <Link to="/users">{t('users:user.back')}</Link>
      </p>
      <h1>{person.displayName}</h1>
      <dl className="card account-facts">
        <dt>{t('email')}</dt>
        <dd>{person.email}</dd>
        <dt>{t('users:users.status')}</dt>
        <dd>
          <span className={person.status === 'active' ? 'status status--active' : 'status status--closed'}>
            {t(`account:status.${person.status}`)}
          </span>
        </dd>
        <dt>{t('users:users.twoFactor')}</dt>
        <dd>{person.twoFactorEnrolled ? t('account:twoFactor.on') : t('account:twoFactor.off')}</dd>
        <dt>{t('users:users.lastLogin')}</dt>
        <dd>{person.lastLoginAt ? formatDay(person.lastLoginAt, language) : t('users:users.never')}</dd>
        <dt>{t('users:user.sessions')}</dt>
        <dd data-testid="active-sessions">{person.activeSessions}</dd>
      </dl>
      <FormAlert message={general} />
      <p className="form__status" role="status" data-testid="user-action-done">
        {done ? t(`users:user.done.${done}`) : null}
      </p>
      {own ? <p className="card card--note">{t('users:user.own')}</p> : null}
      {person.lockedUntil && !own ? (
        <section className="account-section card card--note" aria-labelledby="locked-title" data-testid="user-locked">
          <h2 id="locked-title">{t('users:user.locked')}</h2>
          <p className="field__hint">{t('users:user.lockedHint')}</p>
          <button
            type="button"
            className="button button--primary"
            disabled={action.isPending}
            onClick={() => run({ kind: 'unlock' }, 'unlocked')}
          >
            {t('users:user.unlock')}
          </button>
        </section>
      ) : null}
      <RolesForm person={person} disabled={own || action.isPending} actorRoles={actorRoles} onSave={run} />
      <section className="account-section" aria-labelledby="access-title">
        <h2 id="access-title">{t('users:user.access')}</h2>
        <div className="form__actions">
          <button
            type="button"
            className="button"
            disabled={action.isPending || person.activeSessions === 0}
            onClick={() => run({ kind: 'endSessions' }, 'sessionsEnded')}
          >
            {t('users:user.endSessions')}
          </button>
          {person.status === 'active' ? (
            <button
              type="button"
              className="button button--danger"
              disabled={own || action.isPending}
              onClick={() => run({ kind: 'disable' }, 'disabled')}
            >
              {t('users:user.disable')}
            </button>
          ) : (
            <button
              type="button"
              className="button"
              disabled={own || action.isPending}
              onClick={() => run({ kind: 'enable' }, 'enabled')}
            >
              {t('users:user.enable')}
            </button>
          )}
        </div>
        <p className="field__hint">{t('users:user.disableHint')}</p>
      </section>
      {own ? null : <PasswordForm disabled={action.isPending} onSave={run} />}
      {person.twoFactorEnrolled && !own ? (
        <section className="account-section" aria-labelledby="reset-two-factor-title">
          <h2 id="reset-two-factor-title">{t('users:users.twoFactor')}</h2>
          <p className="field__hint">{t('users:user.resetTwoFactorHint')}</p>
          <button
            type="button"
            className="button"
            disabled={action.isPending}
            onClick={() => run({ kind: 'resetTwoFactor' }, 'twoFactorReset')}
          >
            {t('users:user.resetTwoFactor')}
          </button>
        </section>
      ) : null}
    </section>
  );
}

interface RolesFormProps {
  person: UserSummary;
  disabled: boolean;
  actorRoles: readonly Role[];
  onSave: (action: UserAction, success: string) => void;
}

function RolesForm({ person, disabled, actorRoles, onSave }: RolesFormProps) {
  const { t } = useTranslation();
  const [roles, setRoles] = useState<Role[]>(person.roles);
  const [error, setError] = useState<Message | undefined>(undefined);
  const choices = [...new Set([...assignableRoles(actorRoles), ...person.roles])];
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (roles.length === 0) {
      setError({ key: 'users:newUser.errors.roles' });
      return;
    }
    onSave({ kind: 'roles', roles }, 'rolesSaved');
  };
  return (
    <form className="form account-section" noValidate onSubmit={onSubmit} aria-labelledby="roles-title">
      <h2 id="roles-title">{t('account:page.roles')}</h2>
      <CheckboxGroup<Role>
        id="user-roles"
        name="roles"
        legend={t('users:user.rolesLegend')}
        choices={choices.map((role) => ({ value: role, label: t(`codes:role.${role}`) }))}
        values={roles}
        onChange={(next) => {
          setRoles(next);
          setError(undefined);
        }}
        error={error}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={disabled}>
          {t('users:user.saveRoles')}
        </button>
      </div>
    </form>
  );
}

function PasswordForm({
  disabled,
  onSave,
}: {
  disabled: boolean;
  onSave: (action: UserAction, success: string) => void;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<Message | undefined>(undefined);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!passwordResetSchema.safeParse({ password }).success) {
      setError({ key: 'errors.passwordTooShort', params: { min: PASSWORD_MIN_LENGTH } });
      return;
    }
    onSave({ kind: 'password', password }, 'passwordSet');
    setPassword('');
  };
  return (
    <form className="form account-section" noValidate onSubmit={onSubmit} aria-labelledby="password-title">
      <h2 id="password-title">{t('users:user.passwordTitle')}</h2>
      <Field
        id="user-new-password"
        name="password"
        label={t('users:user.newPassword')}
        hint={`${t('account:passwordRules', { min: PASSWORD_MIN_LENGTH })} ${t('users:user.passwordHint')}`}
        error={error}
      >
        {(control) => (
          <input
            {...control}
            type="text"
            autoComplete="new-password"
            value={password}
            onChange={(event) => {
              setPassword(event.target.value);
              setError(undefined);
            }}
          />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button" disabled={disabled}>
          {t('users:user.setPassword')}
        </button>
      </div>
    </form>
  );
}
