import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUser } from '../auth/user-context';
import { useDocumentTitle } from '../text/use-document-title';
import { PasswordChange } from './password-change.component';
import { RecoveryCodesRenewal } from './recovery-codes.component';
import { TwoFactorEnrolment } from './two-factor-enrolment.component';

/**
 * `/account`: who is signed in, their password and their second factor. The only screen of a user who must enrol
 * first, and then only the enrolment.
 */
export function AccountPage() {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  // Fixed when the page opens: enrolment refreshes the user, and the recovery codes must stay on screen.
  const [enrolling, setEnrolling] = useState(!user.twoFactor.enrolled);
  useDocumentTitle(t('account:page.title'));

  return (
    <section className="page">
      <h1>{t('account:page.title')}</h1>
      <dl className="card account-facts">
        <dt>{t('account:page.name')}</dt>
        <dd>{user.displayName}</dd>
        <dt>{t('email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('account:page.organisation')}</dt>
        <dd>{user.organisationName}</dd>
        <dt>{t('account:page.roles')}</dt>
        <dd>{user.roles.map((role) => t(`codes:role.${role}`)).join(', ')}</dd>
      </dl>
      <section aria-labelledby="two-factor-title" className="account-section">
        <h2 id="two-factor-title">{t('account:twoFactor.title')}</h2>
        {user.twoFactor.mustEnrol ? (
          <p className="card card--note" data-testid="enrolment-required">
            {t('account:twoFactor.required')}
          </p>
        ) : null}
        {enrolling ? (
          <>
            <p>{t('account:twoFactor.why')}</p>
            <TwoFactorEnrolment
              onFinished={() => {
                setEnrolling(false);
                void navigate('/cases');
              }}
            />
          </>
        ) : (
          <>
            <p className="card" data-testid="two-factor-on">
              <span className="status status--active">{t('account:twoFactor.on')}</span> {t('account:twoFactor.onHelp')}
            </p>
            <h3>{t('account:recovery.title')}</h3>
            <RecoveryCodesRenewal />
          </>
        )}
      </section>
      {user.twoFactor.mustEnrol ? null : (
        <section aria-labelledby="password-title" className="account-section">
          <h2 id="password-title">{t('account:password.title')}</h2>
          <PasswordChange />
        </section>
      )}
    </section>
  );
}
