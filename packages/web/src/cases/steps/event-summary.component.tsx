import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatPlace, type CaseEvent } from '@homeward/core';
import { formatDate } from '../../text/dates';
import { useLanguage } from '../../text/use-language';
import { CaseTypeCodes } from '../case-types.component';
import { Fact, Facts, Outcome, Prose, ScoreChips } from './event-parts.component';
import { payloadOf } from './step-context';
import { CorrectionSummary } from '../corrections/correction-summary.component';
import { TransferStep } from '../../transfers/transfer-step.component';
import { useGazetteer } from '../../locations/use-gazetteer';
import { PartnerNames } from '../../referrals/partner-names.component';

/** What the timeline knows beyond one event: names of facilities and relatives, and approval requests. */
export interface TimelineLookup {
  events: readonly CaseEvent[];
  facilityName: (id: string) => string | undefined;
  memberName: (id: string) => string | undefined;
}

/** A readable summary of any event, by type; an event whose payload no longer parses shows nothing. */
export function EventSummary({ event, lookup }: { event: CaseEvent; lookup: TimelineLookup }) {
  useGazetteer();
  const { t } = useTranslation();
  const language = useLanguage();
  const date = (value: string | undefined) => (value ? formatDate(value, language) : undefined);
  const code = (list: string, value: string | undefined) => (value ? t(`codes:${list}.${value}`) : undefined);
  const yes = (value: boolean | undefined) =>
    value === undefined ? undefined : t(value ? 'steps:form.yes' : 'steps:form.no');

  switch (event.type) {
    case 'intake': {
      const payload = payloadOf('intake', event);
      if (!payload) return null;
      const { referral, caseTypes } = payload;
      const source = t(`codes:referralSource.${referral.source}`);
      return (
        <div className="timeline__body">
          <p>
            {referral.sourceName
              ? t('cases:timeline.referredByNamed', { source, name: referral.sourceName })
              : t('cases:timeline.referredBy', { source })}
          </p>
          <CaseTypeCodes types={caseTypes} />
          {payload.interviewed && payload.interviewed.length > 0 ? (
            <p>
              {t('cases:timeline.interviewed', {
                people: payload.interviewed.map((who) => t(`codes:interviewee.${who}`)).join(', '),
              })}
            </p>
          ) : null}
          <Prose>{referral.reason}</Prose>
        </div>
      );
    }
    case 'note': {
      const payload = payloadOf('note', event);
      if (!payload) return null;
      return (
        <div className="timeline__body">
          {payload.confidential ? (
            <span className="badge badge--confidential">{t('cases:note.confidential')}</span>
          ) : null}
          <p className="prose">{payload.text}</p>
        </div>
      );
    }
    case 'consent': {
      const p = payloadOf('consent', event);
      if (!p) return null;
      return (
        <div className="timeline__body">
          <p>
            <Outcome good={p.action === 'given'}>{t(`steps:consent.actions.${p.action}`)}</Outcome>{' '}
            {t(`codes:consentScope.${p.scope}`)}
          </p>
          <Facts>
            <Fact label={t('steps:consent.givenBy')}>{code('consentGiver', p.givenBy)}</Fact>
            <Fact label={t('steps:consent.guardianName')}>{p.guardianName}</Fact>
            <Fact label={t('steps:consent.sharedWith')}>
              {p.sharedWith === 'any' ? (
                t('steps:consent.anyPartner')
              ) : p.sharedWith ? (
                <PartnerNames ids={p.sharedWith} />
              ) : undefined}
            </Fact>
          </Facts>
          <Prose>{p.note}</Prose>
        </div>
      );
    }
    case 'assessment_csi': {
      const p = payloadOf('assessment_csi', event);
      if (!p) return null;
      const total = p.scores.reduce((sum, entry) => sum + entry.score, 0);
      return (
        <div className="timeline__body">
          <p className="muted">
            {t('steps:timeline.csiTotal', { total, max: p.scores.length * 4, count: p.scores.length })}
          </p>
          <ScoreChips
            testId="csi-chips"
            entries={p.scores.map((entry) => ({
              label: t(`codes:csiDomain.${entry.domain}`),
              score: entry.score,
              reason: entry.reason,
            }))}
          />
          <Prose>{p.summary}</Prose>
        </div>
      );
    }
    case 'assessment_family': {
      const p = payloadOf('assessment_family', event);
      if (!p) return null;
      const names = p.familyMemberIds.map((id) => lookup.memberName(id)).filter(Boolean);
      return (
        <div className="timeline__body">
          <p>
            <strong>{t(`codes:familyConclusion.${p.conclusion}`)}</strong>
          </p>
          <Facts>
            <Fact label={t('steps:familyAssessment.members')}>{names.join(', ')}</Fact>
          </Facts>
          <ScoreChips
            entries={p.scores.map((entry) => ({
              label: t(`codes:familyDomain.${entry.domain}`),
              score: entry.score,
              reason: entry.comment,
            }))}
          />
          <Prose>{p.summary}</Prose>
        </div>
      );
    }
    case 'assessment_risk': {
      const p = payloadOf('assessment_risk', event);
      if (!p) return null;
      return (
        <div className="timeline__body">
          <p>
            {t('steps:risk.riskLevel')}:{' '}
            <span className={`risk risk--${p.riskLevel}`}>{t(`codes:riskLevel.${p.riskLevel}`)}</span>
          </p>
          <Facts>
            <Fact label={t('steps:risk.concerns')}>
              {p.concerns ? <span className="prose">{p.concerns}</span> : null}
            </Fact>
            <Fact label={t('steps:risk.childPerspective')}>
              {p.childPerspective ? <span className="prose">{p.childPerspective}</span> : null}
            </Fact>
          </Facts>
        </div>
      );
    }
    case 'assessment_readiness': {
      const p = payloadOf('assessment_readiness', event);
      if (!p) return null;
      return (
        <div className="timeline__body">
          <p>
            <Outcome good={p.readiness === 'ready'}>{t(`codes:readiness.${p.readiness}`)}</Outcome>
          </p>
          <Prose>{p.summary}</Prose>
        </div>
      );
    }
    case 'care_plan': {
      const p = payloadOf('care_plan', event);
      if (!p) return null;
      return (
        <div className="timeline__body">
          <ol className="plan-summary" data-testid="care-plan-goals">
            {p.goals.map((goal, index) => (
              <li key={index}>
                <span className="plan-summary__domain">
                  {goal.domain === 'family' ? t('steps:carePlan.familyDomain') : t(`codes:csiDomain.${goal.domain}`)}
                </span>
                : <span className="prose">{goal.goal}</span>
                <ul className="plan-summary__actions">
                  {goal.actions.map((action, actionIndex) => (
                    <li key={actionIndex}>
                      {t('steps:timeline.planAction', { action: action.action, who: action.who, by: date(action.by) })}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
          <p className="muted">{t('steps:timeline.reviewOn', { date: date(p.reviewOn) })}</p>
        </div>
      );
    }
    case 'approval_request': {
      const p = payloadOf('approval_request', event);
      if (!p) return null;
      return (
        <div className="timeline__body">
          <p>{t('steps:timeline.approvalAsked', { subject: t(`codes:approvalSubject.${p.subject}`) })}</p>
          <Prose>{p.note}</Prose>
        </div>
      );
    }
    case 'approval_decision': {
      const p = payloadOf('approval_decision', event);
      if (!p) return null;
      const request = payloadOf(
        'approval_request',
        lookup.events.find((candidate) => candidate.id === p.requestId),
      );
      return (
        <div className="timeline__body">
          <p>
            <Outcome good={p.decision === 'approved'}>{t(`codes:approvalDecision.${p.decision}`)}</Outcome>
            {request ? ` ${t(`codes:approvalSubject.${request.subject}`)}` : null}
          </p>
          {p.comment ? <blockquote className="event-quote prose">{p.comment}</blockquote> : null}
        </div>
      );
    }
    case 'placement': {
      const p = payloadOf('placement', event);
      if (!p) return null;
      const facility = p.facilityId
        ? (lookup.facilityName(p.facilityId) ?? t('steps:timeline.unknownFacility'))
        : undefined;
      return (
        <div className="timeline__body">
          <p>
            <strong>{t(`codes:careType.${p.careType}`)}</strong>
            {facility ? ` · ${facility}` : null}
          </p>
          <Facts>
            <Fact label={t('steps:placement.carerName')}>{p.carerName}</Fact>
            <Fact label={t('steps:placement.overCapacityReason')}>{p.overCapacityReason}</Fact>
          </Facts>
        </div>
      );
    }
    case 'service': {
      const p = payloadOf('service', event);
      if (!p) return null;
      return (
        <div className="timeline__body">
          <p>
            <strong>{t(`codes:serviceKind.${p.kind}`)}</strong> · {t(`codes:serviceProvider.${p.provider}`)}
            {p.partnerName ? ` (${p.partnerName})` : null}
          </p>
          <Prose>{p.note}</Prose>
        </div>
      );
    }
    case 'education': {
      const p = payloadOf('education', event);
      if (!p) return null;
      return (
        <div className="timeline__body">
          <p>
            <strong>{p.school}</strong> · {t(`codes:grade.${p.grade}`)} · {p.schoolYear}
          </p>
          {p.rank !== undefined ? (
            <p>
              {p.classSize !== undefined
                ? t('steps:timeline.rankOf', { rank: p.rank, size: p.classSize })
                : t('steps:timeline.rank', { rank: p.rank })}
            </p>
          ) : null}
        </div>
      );
    }
    case 'vocational_training': {
      const p = payloadOf('vocational_training', event);
      if (!p) return null;
      return (
        <div className="timeline__body">
          <p>
            <strong>{t(`codes:skill.${p.skill}`)}</strong>
            {p.provider ? ` · ${p.provider}` : null}
          </p>
          <Facts>
            <Fact label={t('steps:training.endOn')}>{date(p.endOn)}</Fact>
            <Fact label={t('steps:training.completed')}>{yes(p.completed)}</Fact>
            <Fact label={t('steps:training.outcome')}>{code('trainingOutcome', p.outcome)}</Fact>
          </Facts>
          <Prose>{p.note}</Prose>
        </div>
      );
    }
    case 'group_session': {
      const p = payloadOf('group_session', event);
      if (!p) return null;
      return (
        <div className="timeline__body">
          <p>
            <strong>{t(`codes:lifeSkillsTopic.${p.topic}`)}</strong>
            {p.title ? ` · ${p.title}` : null}
          </p>
        </div>
      );
    }
    case 'family_member': {
      const p = payloadOf('family_member', event);
      if (!p) return null;
      return (
        <div className="timeline__body">
          <p>
            <strong>{p.name}</strong> ({t(`codes:relationship.${p.relationship}`)})
          </p>
          <Facts>
            <Fact label={t('steps:timeline.whereaboutsKnown')}>
              <Outcome good={p.whereaboutsKnown}>{yes(p.whereaboutsKnown)}</Outcome>
            </Fact>
            <Fact label={t('steps:familyMember.phone')}>{p.phone}</Fact>
            <Fact label={t('steps:familyMember.village')}>
              {p.villageCode ? formatPlace(p.villageCode, language) : undefined}
            </Fact>
          </Facts>
          <Prose>{p.note}</Prose>
        </div>
      );
    }
    case 'tracing_attempt': {
      const p = payloadOf('tracing_attempt', event);
      if (!p) return null;
      return (
        <div className="timeline__body">
          <p>
            <Outcome good={p.outcome === 'found'}>{t(`codes:tracingOutcome.${p.outcome}`)}</Outcome>
            {p.memberId && lookup.memberName(p.memberId) ? ` · ${lookup.memberName(p.memberId)}` : null}
          </p>
          <Facts>
            <Fact label={t('steps:tracing.method')}>{p.method}</Fact>
          </Facts>
          <Prose>{p.note}</Prose>
        </div>
      );
    }
    case 'family_visit': {
      const p = payloadOf('family_visit', event);
      if (!p) return null;
      return (
        <div className="timeline__body">
          <p>
            <strong>{t(`codes:familyVisitKind.${p.kind}`)}</strong> · {t(`codes:visitOccasion.${p.occasion}`)}
          </p>
          <Prose>{p.note}</Prose>
        </div>
      );
    }
    case 'reintegration': {
      const p = payloadOf('reintegration', event);
      if (!p) return null;
      return (
        <div className="timeline__body">
          <p>
            <strong>{t(`codes:destination.${p.destination}`)}</strong>
            {p.carerName ? ` · ${p.carerName}` : null}
          </p>
          <Facts>
            <Fact label={t('steps:reintegration.village')}>
              {p.villageCode ? formatPlace(p.villageCode, language) : undefined}
            </Fact>
            <Fact label={t('steps:timeline.childConsented')}>{yes(p.childConsents)}</Fact>
          </Facts>
          <Prose>{p.note}</Prose>
        </div>
      );
    }
    case 'follow_up_visit': {
      const p = payloadOf('follow_up_visit', event);
      if (!p) return null;
      return (
        <div className="timeline__body">
          <p>
            {t(`codes:followUpMode.${p.mode}`)} ·{' '}
            <Outcome good={p.livingInGoodConditions}>
              {t(p.livingInGoodConditions ? 'steps:timeline.goodConditions' : 'steps:timeline.notGoodConditions')}
            </Outcome>{' '}
            · {t(`codes:schoolOrWork.${p.schoolOrWork}`)}
          </p>
          <ScoreChips
            entries={p.wellbeing.map((entry) => ({ label: t(`codes:csiDomain.${entry.domain}`), score: entry.score }))}
          />
          <Facts>
            <Fact label={t('steps:followUp.risksFound')}>{p.risksFound}</Fact>
            <Fact label={t('steps:followUp.actionsTaken')}>{p.actionsTaken}</Fact>
            <Fact label={t('steps:followUp.nextVisitOn')}>{date(p.nextVisitOn)}</Fact>
          </Facts>
        </div>
      );
    }
    case 'lost_contact': {
      const p = payloadOf('lost_contact', event);
      if (!p) return null;
      return (
        <div className="timeline__body">
          <p>
            <strong>{t(`codes:lostContactReason.${p.reason}`)}</strong>
          </p>
          <Facts>
            <Fact label={t('steps:timeline.authoritiesInformed')}>
              <Outcome good={p.authoritiesInformed}>{yes(p.authoritiesInformed)}</Outcome>
            </Fact>
            <Fact label={t('steps:lostContact.informedWhom')}>{p.informedWhom}</Fact>
            <Fact label={t('steps:lostContact.informedOn')}>{date(p.informedOn)}</Fact>
          </Facts>
          <Prose>{p.note}</Prose>
        </div>
      );
    }
    case 'health_check': {
      const p = payloadOf('health_check', event);
      if (!p) return null;
      return (
        <div className="timeline__body">
          <Facts>
            <Fact label={t('steps:healthCheck.hivStatus')}>
              {p.hivStatus ? t(`codes:hivStatus.${p.hivStatus}`) : undefined}
            </Fact>
            <Fact label={t('steps:healthCheck.medication')}>{p.medication}</Fact>
            <Fact label={t('steps:healthCheck.nextCheckOn')}>{date(p.nextCheckOn)}</Fact>
          </Facts>
          <Prose>{p.condition}</Prose>
        </div>
      );
    }
    case 'contact_restored': {
      const p = payloadOf('contact_restored', event);
      if (!p) return null;
      return (
        <div className="timeline__body">
          <Prose>{p.note}</Prose>
        </div>
      );
    }
    case 'closure': {
      const p = payloadOf('closure', event);
      if (!p) return null;
      return (
        <div className="timeline__body">
          <p>
            <strong>{t(`codes:closureReason.${p.reason}`)}</strong>
          </p>
          <Prose>{p.summary}</Prose>
        </div>
      );
    }
    case 'duplicate_resolution': {
      const p = payloadOf('duplicate_resolution', event);
      if (!p) return null;
      return (
        <div className="timeline__body">
          <p>
            {t(`steps:timeline.duplicateResolution.${p.resolution}`)}{' '}
            <Link to={`/cases/${p.otherCaseId}`}>{t('steps:timeline.openOtherCase')}</Link>
          </p>
          <Prose>{p.note}</Prose>
        </div>
      );
    }
    // Handover (issue 10 point 4)
    case 'handover': {
      const p = payloadOf('handover', event);
      if (!p) return null;
      return (
        <div className="timeline__body">
          <p>
            {p.step === 'closed_as_stable' && p.planName && p.approverName
              ? t('handover:step.closed_as_stable_approved', {
                  from: p.fromOrganisationName,
                  plan: p.planName,
                  approver: p.approverName,
                })
              : t(`handover:step.${p.step}`, { from: p.fromOrganisationName, to: p.toOrganisationName ?? '' })}{' '}
            <span className="muted">({t(`handover:type.${p.type}`)})</span>
          </p>
          {p.reason ? <Prose>{p.reason}</Prose> : null}
        </div>
      );
    }
    case 'profile_correction': {
      const p = payloadOf('profile_correction', event);
      if (!p) return null;
      return <CorrectionSummary changes={p.changes} />;
    }
    case 'document': {
      const p = payloadOf('document', event);
      if (!p) return null;
      return (
        <div className="timeline__body">
          <p>
            <span className="badge badge--kind">{t(`steps:timeline.documentKind.${p.kind}`)}</span> {p.title}
          </p>
        </div>
      );
    }
    case 'transfer_offered':
    case 'transfer_accepted':
    case 'transfer_declined':
    case 'transfer_withdrawn':
      return <TransferStep event={event} />;
    case 'referral_sent':
    case 'referral_accepted':
    case 'referral_declined':
    case 'referral_withdrawn':
    case 'referral_done': {
      // Referral steps (issue 10): who to whom, for which services, and the reason or feedback.
      const p = event.payload as {
        senderName?: string;
        receiverName?: string;
        services?: string[];
        reason?: string | null;
        feedback?: string;
        urgency?: string;
      };
      return (
        <div className="timeline__body" data-testid="referral-step">
          <p>
            {t('cases:referrals.step', { sender: p.senderName ?? '', receiver: p.receiverName ?? '' })}
            {p.urgency === 'urgent' ? ` · ${t('cases:referrals.urgent')}` : null}
          </p>
          {p.services?.length ? <p>{p.services.map((s) => t(`codes:serviceKind.${s}`)).join(', ')}</p> : null}
          <Prose>{p.reason ?? p.feedback}</Prose>
        </div>
      );
    }
    case 'reopening': {
      const p = payloadOf('reopening', event);
      if (!p) return null;
      return (
        <div className="timeline__body">
          <Prose>{p.reason}</Prose>
        </div>
      );
    }
  }
}
