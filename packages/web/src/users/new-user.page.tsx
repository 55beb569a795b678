import { useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, newUserSchema, PASSWORD_MIN_LENGTH, type Role } from '@homeward/core';
import { useCreateUser } from '../api/users.resource';
import { useUser } from '../auth/user-context';
import { accountFieldErrors } from '../account/account-messages';
import { CheckboxGroup } from '../forms/choice-group.component';
import { Field, type ControlProps } from '../forms/field.component';
import { useFormFailure } from '../forms/use-form-failure';
import { FormAlert } from '../forms/form-alert.component';
import type { FieldErrors, Message } from '../forms/messages';
import { issuePath } from '../forms/schema-issues';
import { useDocumentTitle } from '../text/use-document-title';
import { assignableRoles } from './user-format';
import { DraftNotice } from '../forms/draft-notice.component';

const FIELDS = ['displayName', 'email', 'roles', 'password'] as const;

/** The browser's wording for what the schema in core refuses, field by field. */
function schemaMessage(field: string, code: string): Message {
  if (field === 'password') {
    if (code === 'too_small') return { key: 'errors.passwordTooShort', params: { min: PASSWORD_MIN_LENGTH } };
    return { key: 'account:errors.password_is_email' };
  }
  if (field === 'email') return { key: 'errors.email' };
  return { key: `users:newUser.errors.${field}` };
}

/** `/users/new`: an administrator adds a colleague with roles and a first password. */
export function NewUserPage() {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const create = useCreateUser();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState({ displayName: '', email: '', password: '' });
  const [roles, setRoles] = useState<Role[]>(['caseworker']);
  const { errors, setErrors, general, fail, draft } = useFormFailure(formRef, { form: 'new-user' });
  useDocumentTitle(t('users:newUser.title'));
  if (!can(user.access, 'user.manage')) return <Navigate to="/cases" replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = newUserSchema.safeParse({ ...values, roles });
    if (!parsed.success) {
      const fields: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issuePath(issue);
        fields[field] ??= schemaMessage(field, issue.code);
      }
      fail(fields, { key: 'errors.formHasErrors' });
      return;
    }
    create.mutate(parsed.data, {
      onSuccess: (created) => {
        draft.clear();
        void navigate(`/users/${created.id}`);
      },
      onError: (error) => {
        const { fields, general: other } = accountFieldErrors(error, FIELDS);
        fail(fields, other);
      },
    });
  };

  const input = (
    control: ControlProps,
    field: 'displayName' | 'email' | 'password',
    type: string,
    autoComplete: string,
  ) => (
    <input
      {...control}
      type={type}
      autoComplete={autoComplete}
      value={values[field]}
      onChange={(event) => {
        setValues({ ...values, [field]: event.target.value });
        setErrors(({ [field]: _cleared, ...rest }) => rest);
      }}
    />
  );

  return (
    <section className="page">
      <h1 id="new-user-title">{t('users:newUser.title')}</h1>
      <form ref={formRef} className="form form--narrow" noValidate onSubmit={onSubmit} aria-labelledby="new-user-title">
        <DraftNotice draft={draft} />
        <FormAlert message={general} />
        <Field id="user-name" name="displayName" label={t('users:users.name')} required error={errors.displayName}>
          {(control) => input(control, 'displayName', 'text', 'off')}
        </Field>
        <Field id="user-email" name="email" label={t('email')} required error={errors.email}>
          {(control) => input(control, 'email', 'email', 'off')}
        </Field>
        <CheckboxGroup<Role>
          id="user-roles"
          name="roles"
          legend={t('account:page.roles')}
          required
          choices={assignableRoles(user.roles).map((role) => ({ value: role, label: t(`codes:role.${role}`) }))}
          values={roles}
          onChange={(next) => {
            setRoles(next);
            setErrors(({ roles: _cleared, ...rest }) => rest);
          }}
          error={errors.roles}
        />
        <Field
          id="user-password"
          name="password"
          label={t('users:newUser.password')}
          hint={t('account:passwordRules', { min: PASSWORD_MIN_LENGTH })}
          required
          error={errors.password}
        >
          {(control) => input(control, 'password', 'text', 'new-password')}
        </Field>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {create.isPending ? t('saving') : t('users:newUser.submit')}
          </button>
          <Link to="/users" className="button button--quiet">
            {t('cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
