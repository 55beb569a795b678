import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, type ServiceReferral } from '@homeward/core';
import { useUser } from '../auth/user-context';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { ReferralStatus, ReferralSteps } from './case-referrals.component';
import { OwnCaseAccept } from './own-case-accept.component';
import { ReferralWorkerPicker } from './referral-worker-picker.component';
import { useAcceptReferral, useCompleteReferral, useDeclineReferral, useIncomingReferrals } from './referrals.resource';

/**
 * Incoming referrals: what other organisations ask of us, those waiting first. Before accepting, the worker sees
 * what the answer needs (services, urgency, the note, the child's sex and age) and the name only when shared.
 */
export function IncomingReferralsPage() {
  const { t } = useTranslation();
  const inbox = useIncomingReferrals();
  return (
    <section className="page" aria-labelledby="incoming-title">
      <h1 id="incoming-title">{t('cases:referrals.incoming.title')}</h1>
      <p className="field__hint">{t('cases:referrals.incoming.intro')}</p>
      {inbox.isPending ? <LoadingState /> : null}
      {inbox.error ? <RequestErrorState error={inbox.error} onRetry={() => void inbox.refetch()} /> : null}
      {inbox.data && inbox.data.items.length === 0 ? (
        <p className="muted">{t('cases:referrals.incoming.none')}</p>
      ) : null}
      {inbox.data ? (
        <ul className="plain-list incoming-list">
          {inbox.data.items.map((referral) => (
            <IncomingReferral key={referral.id} referral={referral} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

type Answer = null | 'decline' | 'done' | 'own_case';

function IncomingReferral({ referral }: { referral: ServiceReferral }) {
  const { t } = useTranslation();
  const accept = useAcceptReferral();
  const decline = useDeclineReferral();
  const complete = useCompleteReferral();
  const [answer, setAnswer] = useState<Answer>(null);
  const [text, setText] = useState('');
  const user = useUser();
  // A supervisor chooses which of the organisation's workers takes the child on; a caseworker takes it on.
  const mayAssign = can(user.access, 'case.assign');
  const [workerId, setWorkerId] = useState(user.id);
  const chosenWorker = mayAssign ? { workerId } : {};
  const failed = accept.error ?? decline.error ?? complete.error;
  const child = referral.child;
  return (
    <li className="card incoming" data-testid="incoming-referral">
      <p className="incoming__head">
        <strong>{referral.sender.name}</strong> · {referral.caseNumber} <ReferralStatus referral={referral} />
      </p>
      <p data-testid="incoming-child">
        {child.name ?? child.alias ?? t('cases:referrals.incoming.childWithheld')} · {t(`codes:sex.${child.sex}`)}
        {child.age !== null ? ` · ${t('cases:referrals.incoming.age', { count: child.age })}` : ''}
      </p>
      <p>
        <strong>{t('cases:referrals.form.services')}:</strong>{' '}
        {referral.services.map((service) => t(`codes:serviceKind.${service}`)).join(', ')}
      </p>
      {referral.note ? <p className="prose">{referral.note}</p> : null}
      <p className="muted">
        {t('cases:referrals.incoming.shared')}{' '}
        {referral.sections.map((section) => t(`cases:referrals.section.${section}`)).join(', ')}
      </p>
      <ReferralSteps referral={referral} />
      {referral.feedback ? <p className="prose">{t('cases:referrals.feedback', { text: referral.feedback })}</p> : null}
      {failed ? (
        <p role="alert" className="form-alert">
          {failed.message}
        </p>
      ) : null}
      {referral.status === 'sent' && mayAssign && (answer === null || answer === 'own_case') ? (
        <ReferralWorkerPicker id={`worker-${referral.id}`} value={workerId} onChange={setWorkerId} />
      ) : null}
      {referral.status === 'sent' && answer === null ? (
        <div className="form-actions">
          <button
            type="button"
            className="button button--primary"
            disabled={accept.isPending}
            onClick={() => accept.mutate({ id: referral.id, body: { mode: 'participate', ...chosenWorker } })}
            data-testid="referral-accept"
          >
            {t('cases:referrals.incoming.accept')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => setAnswer('own_case')}
            data-testid="referral-own-case"
          >
            {t('cases:referrals.ownCase.button')}
          </button>
          <button type="button" className="button" onClick={() => setAnswer('decline')} data-testid="referral-decline">
            {t('cases:referrals.incoming.decline')}
          </button>
        </div>
      ) : null}
      {referral.status === 'accepted' && answer === null ? (
        <div className="form-actions">
          <Link
            className="button"
            to={`/cases/${referral.receiverCaseId ?? referral.caseId}`}
            data-testid="referral-open-case"
          >
            {t('cases:referrals.incoming.openCase')}
          </Link>
          <button type="button" className="button" onClick={() => setAnswer('done')} data-testid="referral-done">
            {t('cases:referrals.incoming.markDone')}
          </button>
        </div>
      ) : null}
      {answer === 'own_case' ? (
        <OwnCaseAccept referral={referral} chosenWorker={chosenWorker} onClose={() => setAnswer(null)} />
      ) : null}
      {answer === 'decline' || answer === 'done' ? (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!text.trim()) return;
            const done = { onSuccess: () => setAnswer(null) };
            if (answer === 'decline') decline.mutate({ id: referral.id, reason: text.trim() }, done);
            else complete.mutate({ id: referral.id, feedback: text.trim() }, done);
          }}
        >
          <label htmlFor={`answer-${referral.id}`}>
            {t(answer === 'decline' ? 'cases:referrals.incoming.reason' : 'cases:referrals.incoming.feedback')}
          </label>
          <textarea
            id={`answer-${referral.id}`}
            rows={3}
            value={text}
            onChange={(event) => setText(event.target.value)}
            required
            data-testid="referral-answer-text"
          />
          <div className="form-actions">
            <button type="submit" className="button button--primary" data-testid="referral-answer-send">
              {t(answer === 'decline' ? 'cases:referrals.incoming.decline' : 'cases:referrals.incoming.markDone')}
            </button>
            <button type="button" className="button" onClick={() => setAnswer(null)}>
              {t('cases:referrals.form.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </li>
  );
}
