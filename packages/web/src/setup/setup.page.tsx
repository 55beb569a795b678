import { useRef, useState, type FormEvent } from 'react';
import { Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH, setupSchema } from '@homeward/core';
import { useLoadDemo, useSetup, useSetupStatus } from '../api/setup.resource';
import { Field } from '../forms/field.component';
import { FormAlert } from '../forms/form-alert.component';
import { withoutError } from '../forms/without-error';
import { useFormFailure } from '../forms/use-form-failure';
import { serverFieldErrors, requestErrorMessage, type FieldErrors, type Message } from '../forms/messages';
import { commonIssueMessage, issuePath, type SchemaIssue } from '../forms/schema-issues';
import { useDocumentTitle } from '../text/use-document-title';
import { DemoSection } from './demo-section.component';

const FIELDS = ['organisationName', 'adminName', 'email', 'password'] as const;
type SetupField = (typeof FIELDS)[number];

function setupIssueMessage(issue: SchemaIssue): Message {
  switch (issuePath(issue)) {
    case 'organisationName':
      return issue.code === 'too_small' ? { key: 'setup.errors.organisationName' } : commonIssueMessage(issue);
    case 'adminName':
      return issue.code === 'too_small' ? { key: 'setup.errors.adminName' } : commonIssueMessage(issue);
    case 'email':
      return { key: 'errors.email' };
    case 'password':
      if (issue.code === 'too_small') return { key: 'errors.passwordTooShort', params: { min: PASSWORD_MIN_LENGTH } };
      if (issue.code === 'custom') return { key: 'errors.passwordTooEasy' };
      return commonIssueMessage(issue);
    default:
      return commonIssueMessage(issue);
  }
}

export function SetupPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('setup.title'));
  const setup = useSetup();
  const loadDemo = useLoadDemo();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Record<SetupField, string>>({
    organisationName: '',
    adminName: '',
    email: '',
    password: '',
  });
  const { errors, setErrors, general, setGeneral, fail } = useFormFailure(formRef);
  const { data: status } = useSetupStatus();

  // Leave by rendering, not from mutation callbacks: the setup status changes first and would unmount us.
  if (loadDemo.data) return <Navigate to="/login" replace state={{ demo: loadDemo.data }} />;
  if (setup.isSuccess) return <Navigate to="/cases" replace />;
  if (status && !status.needsSetup) return <Navigate to="/login" replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = setupSchema.safeParse(values);
    if (!parsed.success) {
      const fields: FieldErrors = {};
      for (const issue of parsed.error.issues) fields[issuePath(issue)] ??= setupIssueMessage(issue);
      fail(fields, null);
      return;
    }
    setup.mutate(parsed.data, {
      onError: (error) => {
        const { fields, general: other } = serverFieldErrors(error, FIELDS);
        fail(fields, other);
      },
    });
  };

  const onLoadDemo = () => {
    setGeneral(null);
    loadDemo.mutate(undefined, {
      onError: (error) => fail({}, requestErrorMessage(error)),
    });
  };

  const bind = (field: SetupField) => ({
    value: values[field],
    onChange: (event: { target: { value: string } }) => {
      setValues((v) => ({ ...v, [field]: event.target.value }));
      setErrors((current) => withoutError(current, field));
    },
  });

  return (
    <section className="page">
      <h1>{t('setup.title')}</h1>
      <p className="lead">{t('setup.intro')}</p>
      <form ref={formRef} className="form card" noValidate onSubmit={onSubmit} aria-labelledby="setup-form-title">
        <h2 id="setup-form-title">{t('setup.formTitle')}</h2>
        <FormAlert message={general} />
        <Field
          id="setup-organisation"
          name="organisationName"
          label={t('setup.organisationName')}
          required
          error={errors.organisationName}
        >
          {(control) => <input {...control} type="text" autoComplete="organization" {...bind('organisationName')} />}
        </Field>
        <Field id="setup-admin-name" name="adminName" label={t('setup.adminName')} required error={errors.adminName}>
          {(control) => <input {...control} type="text" autoComplete="name" {...bind('adminName')} />}
        </Field>
        <Field id="setup-email" name="email" label={t('email')} required error={errors.email}>
          {(control) => (
            <input {...control} type="email" autoComplete="username" inputMode="email" {...bind('email')} />
          )}
        </Field>
        <Field
          id="setup-password"
          name="password"
          label={t('password')}
          hint={t('setup.passwordHint', { min: PASSWORD_MIN_LENGTH })}
          required
          error={errors.password}
        >
          {(control) => <input {...control} type="password" autoComplete="new-password" {...bind('password')} />}
        </Field>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={setup.isPending}>
            {setup.isPending ? t('setup.creating') : t('setup.submit')}
          </button>
        </div>
      </form>
      <DemoSection onLoad={onLoadDemo} pending={loadDemo.isPending} />
    </section>
  );
}
