import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, type CaseState, type ServiceReferral } from '@homeward/core';
import { useUser } from '../auth/user-context';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { formatDate } from '../text/dates';
import { useLanguage } from '../text/use-language';
import { ReferForm } from './refer-form.component';
import { useCaseParticipants, useCaseReferrals, useWithdrawReferral } from './referrals.resource';

/**
 * "Organisations working with this child" and the case's referrals with their status and dates; for the lead's
 * writers, "Refer" and "Withdraw".
 */
export function CaseReferrals({
  caseId,
  isLead,
  state,
}: {
  caseId: string;
  isLead: boolean;
  state: CaseState | undefined;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const user = useUser();
  const participants = useCaseParticipants(caseId);
  const referrals = useCaseReferrals(caseId);
  const [referring, setReferring] = useState(false);
  const canRefer = isLead && can(user.access, 'case.write') && state?.status !== 'closed';
  return (
    <section className="card case-referrals" aria-labelledby="partners-title" data-testid="case-referrals">
      <h2 id="partners-title">{t('cases:referrals.partnersTitle')}</h2>
      {participants.isPending ? <LoadingState /> : null}
      {participants.error ? (
        <RequestErrorState error={participants.error} onRetry={() => void participants.refetch()} />
      ) : null}
      {participants.data ? (
        <ul className="plain-list partner-list">
          {participants.data.items.map((p) => (
            <li key={`${p.organisationId}-${p.startedOn ?? ''}`} data-testid="case-partner">
              <strong>{p.organisationName}</strong> · {t(`cases:referrals.role.${p.role}`)}
              {p.role !== 'lead' ? (
                <span className="muted">
                  {' '}
                  · {p.sections.map((section) => t(`cases:referrals.section.${section}`)).join(', ')}
                </span>
              ) : null}
              <span className="muted">
                {' '}
                ·{' '}
                {p.endedOn
                  ? t('cases:referrals.between', {
                      from: formatDate(p.startedOn ?? '', language),
                      to: formatDate(p.endedOn, language),
                    })
                  : t('cases:referrals.since', { date: formatDate(p.startedOn ?? '', language) })}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <h3>{t('cases:referrals.title')}</h3>
      {referrals.data && referrals.data.items.length === 0 ? (
        <p className="muted">{t('cases:referrals.none')}</p>
      ) : null}
      {referrals.data ? (
        <ul className="plain-list referral-list">
          {referrals.data.items.map((referral) => (
            <ReferralItem
              key={referral.id}
              referral={referral}
              mayWithdraw={isLead && can(user.access, 'case.write')}
            />
          ))}
        </ul>
      ) : null}
      {canRefer && !referring ? (
        <button type="button" className="button" onClick={() => setReferring(true)} data-testid="refer-open">
          {t('cases:referrals.refer')}
        </button>
      ) : null}
      {canRefer && referring ? (
        <ReferForm
          caseId={caseId}
          sharingConsent={state?.consents.sharing ?? false}
          onDone={() => setReferring(false)}
        />
      ) : null}
    </section>
  );
}

/** The dates of each step, as both sides read them. */
export function ReferralSteps({ referral }: { referral: ServiceReferral }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const date = (value: string) => formatDate(value, language);
  return (
    <p className="muted referral__steps">
      {t('cases:referrals.sentOn', { date: date(referral.sentOn), name: referral.sentByName ?? '' })}
      {referral.answeredOn
        ? ` · ${t(referral.status === 'declined' ? 'cases:referrals.declinedOn' : 'cases:referrals.acceptedOn', { date: date(referral.answeredOn) })}`
        : ''}
      {referral.doneOn ? ` · ${t('cases:referrals.doneOn', { date: date(referral.doneOn) })}` : ''}
      {referral.withdrawnOn ? ` · ${t('cases:referrals.withdrawnOn', { date: date(referral.withdrawnOn) })}` : ''}
    </p>
  );
}

export function ReferralStatus({ referral }: { referral: ServiceReferral }) {
  const { t } = useTranslation();
  return (
    <>
      <span className={`badge referral__status referral__status--${referral.status}`} data-testid="referral-status">
        {t(`cases:referrals.status.${referral.status}`)}
      </span>
      {referral.urgency === 'urgent' ? <span className="badge badge--alert">{t('cases:referrals.urgent')}</span> : null}
      {referral.overdue ? (
        <span className="badge badge--alert" data-testid="referral-overdue">
          {t('cases:referrals.overdue')}
        </span>
      ) : null}
    </>
  );
}

function ReferralItem({ referral, mayWithdraw }: { referral: ServiceReferral; mayWithdraw: boolean }) {
  const { t } = useTranslation();
  const withdraw = useWithdrawReferral();
  const open = referral.status === 'sent' || referral.status === 'accepted';
  return (
    <li className="referral" data-testid="case-referral">
      <p className="referral__head">
        <strong>{referral.receiver.name}</strong> <ReferralStatus referral={referral} />
      </p>
      <p>{referral.services.map((service) => t(`codes:serviceKind.${service}`)).join(', ')}</p>
      <ReferralSteps referral={referral} />
      {referral.declineReason ? (
        <p className="prose">{t('cases:referrals.reason', { text: referral.declineReason })}</p>
      ) : null}
      {referral.feedback ? <p className="prose">{t('cases:referrals.feedback', { text: referral.feedback })}</p> : null}
      {mayWithdraw && open ? (
        <button
          type="button"
          className="button--link"
          disabled={withdraw.isPending}
          onClick={() => {
            if (window.confirm(t('cases:referrals.withdrawConfirm'))) withdraw.mutate({ id: referral.id });
          }}
          data-testid="referral-withdraw"
        >
          {t('cases:referrals.withdraw')}
        </button>
      ) : null}
    </li>
  );
}
