import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, displayName, eventWritable, mayWrite, RECORDABLE_EVENT_TYPES, type CaseEvent } from '@homeward/core';
import { useCase, useCaseEvents, useCaseState, usePlacementFacilities } from '../api/cases.resource';
import { isApiError } from '../api/http';
import { useUser } from '../auth/user-context';
import { PhoneFold } from '../layout/phone-fold.component';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { localToday } from '../text/dates';
import { useDocumentTitle } from '../text/use-document-title';
import { useLanguage } from '../text/use-language';
import { CaseAssignment } from './case-assignment.component';
import { CaseNoteForm } from './case-note-form.component';
import { CaseProfile } from './case-profile.component';
import { CaseShares } from './case-shares.component';
import { CaseTransfer } from '../transfers/case-transfer.component';
import { TransferReference } from '../transfers/transfer-reference.component';
import { CaseReferrals } from '../referrals/case-referrals.component';
import { CaseDuplicates } from './duplicates/case-duplicates.component';
import { CaseHistory } from './case-history.component';
import { CaseTimeline } from './case-timeline.component';
import { CaseFormsLink } from '../mosvy/case-forms-link.component';
import { CaseDocuments } from '../documents/case-documents.component';
import { GiveTask } from '../tasks/give-task.component';
import { CaseAccessLog } from '../records/case-access-log.component';
import { CaseDeletion } from '../records/case-deletion.component';
import { CaseFileExport } from '../records/case-file-export.component';
import { SendCaseFile } from '../bundles/send-case-file.component';
import { CaseSyncBanner } from '../sync/case-sync-banner.component';
import { NowPanel } from './steps/now-panel.component';
import { RecordStep } from './steps/record-step.component';
import { isStepType, type StepChoice, type StepContext } from './steps/step-context';
import { OfflineNotice } from '../offline/offline-notice.component';
import { useSyncStatus } from '../offline/sync-status';

// Shown only when this browser holds an unlocked device store; its code comes with the store's.
const KeepOnDevice = lazy(() =>
  import('../offline/keep-on-device.component').then((keep) => ({ default: keep.KeepOnDevice })),
);

/** Steps a closed case still accepts, so only those can be corrected there. */
const CORRECTABLE_WHEN_CLOSED = new Set(['note', 'consent', 'reopening']);

export function CasePage() {
  const { caseId = '' } = useParams();
  const { t } = useTranslation();
  const language = useLanguage();
  const user = useUser();
  const caseQuery = useCase(caseId);
  const eventsQuery = useCaseEvents(caseId);
  const stateQuery = useCaseState(caseId);
  const events = eventsQuery.data?.items;
  const placedInFacility = events?.some((event) => event.type === 'placement' && event.payload.facilityId) ?? false;
  const facilitiesQuery = usePlacementFacilities(placedInFacility);
  const [choice, setChoice] = useState<StepChoice | null>(null);
  // Offline, the parts that only the server can answer (sharing, referrals, the access log) wait.
  const { connection, lastSyncAt } = useSyncStatus();
  const offline = connection === 'offline';
  const waiting = eventsQuery.data?.waiting;
  // A sync takes what waited to the server: the timeline is read again, so it no longer says it waits.
  const syncedAt = useRef(lastSyncAt);
  const hasWaiting = (waiting?.length ?? 0) > 0;
  const refetchEvents = eventsQuery.refetch;
  useEffect(() => {
    if (lastSyncAt === syncedAt.current) return;
    syncedAt.current = lastSyncAt;
    if (hasWaiting) void refetchEvents();
  }, [lastSyncAt, hasWaiting, refetchEvents]);
  const detail = caseQuery.data;
  // The lead's users change the case; a service provider's users add to the sections they were given (0010).
  const reach = detail?.reach ?? { kind: 'own_writing' as const, organisationId: '' };
  const canWrite = can(user.access, 'case.write') && reach.kind === 'lead';
  const mayRecord = (type: string) => can(user.access, 'case.write') && eventWritable(reach, type);
  const canApprove = can(user.access, 'case.approve') && reach.kind === 'lead';
  const state = stateQuery.data;
  // The tab title may be seen by others: the case number, never the child's name.
  useDocumentTitle(
    detail ? t('cases:detail.documentTitle', { caseNumber: detail.caseNumber }) : t('cases:detail.title'),
  );

  const facilityNames = useMemo(() => {
    const names = new Map((facilitiesQuery.data?.items ?? []).map((facility) => [facility.id, facility.name]));
    if (state?.placement?.facilityId && state.placement.facilityName) {
      names.set(state.placement.facilityId, state.placement.facilityName);
    }
    return names;
  }, [facilitiesQuery.data, state]);

  if (caseQuery.isPending) return <LoadingState />;
  if (caseQuery.error) {
    return (
      <section className="page">
        <h1>{t('cases:detail.title')}</h1>
        {isApiError(caseQuery.error, 404) ? (
          <p>{t('cases:detail.notFound')}</p>
        ) : (
          <RequestErrorState error={caseQuery.error} onRetry={() => void caseQuery.refetch()} />
        )}
        <p>
          <Link to="/cases">{t('cases:detail.back')}</Link>
        </p>
      </section>
    );
  }

  const context: StepContext | null =
    state && events && RECORDABLE_EVENT_TYPES.some(mayRecord)
      ? { caseId, openedOn: caseQuery.data.openedOn, events, state, today: localToday(), canApprove, mayRecord }
      : null;
  // Each organisation corrects its own writing: another organisation's service stays theirs (decision 0010).
  const canCorrect = (event: CaseEvent) =>
    event.organisationId === user.organisationId &&
    isStepType(event.type) &&
    mayRecord(event.type) &&
    (state?.status !== 'closed' || CORRECTABLE_WHEN_CLOSED.has(event.type)) &&
    (event.type !== 'approval_decision' || canApprove);
  const status = state?.status ?? caseQuery.data.status;

  // A participant not given identity knows the child by the alias, as a report does.
  const name = displayName(caseQuery.data, language) || caseQuery.data.alias || t('cases:none');
  return (
    <article className="page case-page" aria-labelledby="case-title">
      <p className="breadcrumb">
        <Link to="/cases">{t('cases:detail.back')}</Link>
      </p>
      <header className="case-page__header">
        <h1 id="case-title" data-testid="case-title">
          {name}
        </h1>
        <p className="case-page__meta">
          <span className="case-number" data-testid="case-number">
            {caseQuery.data.caseNumber}
          </span>
          <span className={`status status--${status}`} data-testid="case-status">
            {t(`codes:caseStatus.${status}`)}
          </span>
        </p>
        <CaseSyncBanner caseId={caseId} />
        {offline ? null : <TransferReference caseId={caseId} />}
        {offline ? null : <CaseFormsLink caseId={caseId} />}
        {waiting?.includes(caseId) ? <p className="field__hint">{t('offline:notice.provisional')}</p> : null}
        <Suspense fallback={null}>
          <KeepOnDevice caseId={caseId} />
        </Suspense>
      </header>
      <OfflineNotice serverOnly />
      <div className="case-page__layout">
        {context ? (
          <div className="case-page__record">
            <RecordStep context={context} choice={choice} onChoose={setChoice} />
          </div>
        ) : null}
        <div className="case-page__now">
          {stateQuery.isPending ? <LoadingState /> : null}
          {stateQuery.error ? (
            <section className="card now-panel" aria-labelledby="now-title">
              <h2 id="now-title">{t('steps:now.title')}</h2>
              <RequestErrorState error={stateQuery.error} onRetry={() => void stateQuery.refetch()} />
            </section>
          ) : null}
          {state && events ? (
            <NowPanel
              state={state}
              events={events}
              canApprove={canApprove}
              onDecide={(approval, decision) =>
                setChoice({ type: 'approval_decision', preset: { requestId: approval.requestId, decision } })
              }
            />
          ) : null}
          {canWrite && !offline ? (
            <PhoneFold label={t('documents:task.title')} testId="give-task-fold">
              <GiveTask caseId={caseId} />
            </PhoneFold>
          ) : null}
        </div>
        <CaseProfile
          detail={caseQuery.data}
          correctable={canWrite ? (mayWrite(user.access, 'identity') ? ['child', 'intake'] : ['intake']) : []}
        />
        {reach.kind === 'lead' && !offline ? <CaseDuplicates caseId={caseId} detail={caseQuery.data} /> : null}
        {offline ? null : (
          <div className="case-page__access">
            {reach.kind === 'lead' && can(user.access, 'case.assign') ? (
              <CaseAssignment detail={caseQuery.data} />
            ) : null}
            <CaseShares caseId={caseId} isLead={reach.kind === 'lead'} />
            <CaseReferrals caseId={caseId} isLead={reach.kind === 'lead'} state={state} />
            {reach.kind === 'lead' || reach.kind === 'own_writing' || reach.role === 'former_lead' ? (
              <CaseTransfer caseId={caseId} />
            ) : null}
          </div>
        )}
        <div className="case-page__work">
          {/* Offline, files are added to the device and listed as waiting to sync (decision 0020). */}
          <CaseDocuments caseId={caseId} />
          {offline ? null : (
            <>
              <CaseFileExport caseId={caseId} caseNumber={caseQuery.data.caseNumber} />
              <SendCaseFile caseId={caseId} caseNumber={caseQuery.data.caseNumber} />
              <CaseAccessLog caseId={caseId} />
            </>
          )}
          <CaseHistory title={t('cases:timeline.title')}>
            {mayRecord('note') && events ? (
              <CaseNoteForm caseId={caseId} openedOn={caseQuery.data.openedOn} events={events} />
            ) : null}
            {eventsQuery.isPending ? <LoadingState /> : null}
            {eventsQuery.error ? (
              <RequestErrorState error={eventsQuery.error} onRetry={() => void eventsQuery.refetch()} />
            ) : null}
            {events ? (
              <CaseTimeline
                events={events}
                facilityNames={facilityNames}
                onCorrect={
                  context
                    ? (event) => {
                        if (isStepType(event.type)) setChoice({ type: event.type, original: event });
                      }
                    : undefined
                }
                canCorrect={canCorrect}
                waiting={waiting}
              />
            ) : null}
          </CaseHistory>
          {reach.kind === 'lead' && !offline ? (
            <CaseDeletion caseId={caseId} caseNumber={caseQuery.data.caseNumber} />
          ) : null}
        </div>
      </div>
    </article>
  );
}
