import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CONSENT_SCOPES, formatPlace, type ApprovalState, type CaseEvent, type CaseState } from '@homeward/core';
import { formatDate, localToday } from '../../text/dates';
import { useLanguage } from '../../text/use-language';
import { CsiChart } from './csi-chart.component';
import { pendingApprovals } from './step-context';

function Item({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="details__item" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A reintegrated child lives with a family or on their own, not in a placement: say with whom and where. */
function LivingWith({ livingWith }: { livingWith: NonNullable<CaseState['livingWith']> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <span data-testid="now-living-with">
      {t(`codes:destination.${livingWith.destination}`)}
      {livingWith.carerName ? (
        <>
          {' · '}
          <strong>{livingWith.carerName}</strong>
        </>
      ) : null}
      {livingWith.villageCode ? (
        <>
          <br />
          {formatPlace(livingWith.villageCode, language)}
        </>
      ) : null}
      <br />
      <span className="muted">{t('steps:now.since', { date: formatDate(livingWith.since, language) })}</span>
    </span>
  );
}

interface NowPanelProps {
  state: CaseState;
  events: readonly CaseEvent[];
  canApprove: boolean;
  /** Opens the decision form for a request, with the decision already chosen. */
  onDecide: (approval: ApprovalState, decision: 'approved' | 'rejected') => void;
}

/** The case as it stands: derived from its events by the server, never typed in. */
export function NowPanel({ state, events, canApprove, onDecide }: NowPanelProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const none = <span className="muted">{t('cases:none')}</span>;
  const date = (value: string) => <time dateTime={value}>{formatDate(value, language)}</time>;
  const pending = pendingApprovals(state);
  const { followUp } = state;
  const inFollowUp = state.status === 'follow_up' || state.status === 'lost_contact';

  return (
    <section className="card now-panel" aria-labelledby="now-title" data-testid="now-panel">
      <h2 id="now-title">{t('steps:now.title')}</h2>
      <dl className="details">
        <Item label={t('cases:fields.status')} testId="now-status">
          <span className={`status status--${state.status}`}>{t(`codes:caseStatus.${state.status}`)}</span>
        </Item>
        <Item label={t('cases:fields.riskLevel')} testId="now-risk">
          {state.riskLevel ? (
            <span className={`risk risk--${state.riskLevel}`}>{t(`codes:riskLevel.${state.riskLevel}`)}</span>
          ) : (
            none
          )}
        </Item>
        <Item label={t('steps:now.placement')} testId="now-placement">
          {state.placement ? (
            <>
              {t(`codes:careType.${state.placement.careType}`)}
              {state.placement.facilityName ? (
                <>
                  {' · '}
                  <strong>{state.placement.facilityName}</strong>
                </>
              ) : null}
              <br />
              <span className="muted">
                {t('steps:now.since', { date: formatDate(state.placement.since, language) })}
              </span>
            </>
          ) : state.livingWith ? (
            <LivingWith livingWith={state.livingWith} />
          ) : (
            none
          )}
        </Item>
        {state.reintegratedOn ? (
          <Item label={t('steps:now.reintegratedOn')} testId="now-reintegrated">
            {date(state.reintegratedOn)}
          </Item>
        ) : null}
        {state.closedOn ? (
          <Item label={t('steps:now.closedOn')} testId="now-closed">
            {date(state.closedOn)}
          </Item>
        ) : null}
        {inFollowUp ? (
          <Item label={t('steps:now.nextFollowUp')} testId="now-follow-up">
            {followUp.next ? date(followUp.next) : t('steps:now.followUpDone')}
            {followUp.overdue.length > 0 ? (
              <span className="overdue" data-testid="now-overdue">
                {t('steps:now.overdue', {
                  count: followUp.overdue.length,
                  date: formatDate(followUp.overdue[0] ?? '', language),
                })}
              </span>
            ) : null}
            <span className="muted now-panel__progress">
              {t('steps:now.followUpProgress', { done: followUp.done.length, due: followUp.due.length })}
            </span>
          </Item>
        ) : null}
        <Item label={t('steps:now.consents')} testId="now-consents">
          <ul className="consent-chips">
            {CONSENT_SCOPES.map((scope) => (
              <li
                key={scope}
                className={state.consents[scope] ? 'consent-chip consent-chip--given' : 'consent-chip'}
                data-testid={`consent-${scope}`}
              >
                <span aria-hidden="true">{state.consents[scope] ? '✓' : '✕'}</span> {t(`codes:consentScope.${scope}`)}
                <span className="visually-hidden">
                  : {state.consents[scope] ? t('steps:consent.nowGiven') : t('steps:consent.nowNotGiven')}
                </span>
              </li>
            ))}
          </ul>
        </Item>
        <Item label={t('steps:now.carePlan')} testId="now-care-plan">
          {state.carePlan ? (
            <>
              <span className={state.carePlan.approved ? 'outcome outcome--good' : 'outcome outcome--waiting'}>
                {t(state.carePlan.approved ? 'steps:now.planApproved' : 'steps:now.planAwaiting')}
              </span>{' '}
              {state.carePlan.reviewOn < localToday() && state.status !== 'closed' ? (
                <span className="overdue" data-testid="now-review-overdue">
                  {t('steps:now.reviewOverdue', { date: formatDate(state.carePlan.reviewOn, language) })}
                </span>
              ) : (
                <span className="muted">
                  {t('steps:now.reviewOn', { date: formatDate(state.carePlan.reviewOn, language) })}
                </span>
              )}
            </>
          ) : (
            none
          )}
        </Item>
      </dl>
      <h3 className="now-panel__subtitle">{t('steps:now.approvals')}</h3>
      {pending.length === 0 ? (
        <p className="muted">{t('steps:now.noApprovals')}</p>
      ) : (
        <ul className="approval-list" data-testid="pending-approvals">
          {pending.map((approval) => (
            <li key={approval.requestId} className="approval-list__item" data-testid="pending-approval">
              <span id={`approval-${approval.requestId}`}>
                <strong>{t(`codes:approvalSubject.${approval.subject}`)}</strong>{' '}
                <span className="muted">
                  {t('steps:now.requestedOn', { date: formatDate(approval.requestedOn, language) })}
                </span>
              </span>
              {canApprove ? (
                <span className="approval-list__buttons">
                  <button
                    type="button"
                    className="button button--primary button--small"
                    aria-describedby={`approval-${approval.requestId}`}
                    onClick={() => onDecide(approval, 'approved')}
                  >
                    {t('steps:now.approve')}
                  </button>
                  <button
                    type="button"
                    className="button button--small"
                    aria-describedby={`approval-${approval.requestId}`}
                    onClick={() => onDecide(approval, 'rejected')}
                  >
                    {t('steps:now.reject')}
                  </button>
                </span>
              ) : (
                <span className="muted">{t('steps:now.waitingForSupervisor')}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      <CsiChart events={events} />
    </section>
  );
}
