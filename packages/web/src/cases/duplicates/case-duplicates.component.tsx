import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  can,
  formatPlace,
  khmerName,
  latinName,
  type CaseSummary,
  type DuplicateMatch,
  type DuplicateQuery,
  type DuplicateResolution,
} from '@homeward/core';
import { useCheckCaseDuplicates, useResolveDuplicate } from '../../api/cases.resource';
import { useUser } from '../../auth/user-context';
import { FormAlert } from '../../forms/form-alert.component';
import { requestErrorMessage } from '../../forms/messages';
import { DuplicateMatchCard, type MatchSide } from '../../intake/duplicate-match.component';
import { formatDate } from '../../text/dates';
import { useLanguage } from '../../text/use-language';
import { ageToday } from '../case-format';

type Resolution = DuplicateResolution['resolution'];

/** The identity the server compares, as this case records it. */
function queryOf(detail: CaseSummary): DuplicateQuery {
  const query: DuplicateQuery = {
    sex: detail.sex,
    dateOfBirth: detail.dateOfBirth ?? '',
    dateOfBirthEstimated: detail.dateOfBirthEstimated,
  };
  if (detail.familyNameKm) query.familyNameKm = detail.familyNameKm;
  if (detail.givenNameKm) query.givenNameKm = detail.givenNameKm;
  if (detail.familyNameLatin) query.familyNameLatin = detail.familyNameLatin;
  if (detail.givenNameLatin) query.givenNameLatin = detail.givenNameLatin;
  if (detail.villageCode) query.villageCode = detail.villageCode;
  return query;
}

/**
 * On demand, whether this child may already have another case: the matches side by side with this case and why
 * they match. A supervisor decides: the same child (link, or merge this case into the other) or not.
 */
export function CaseDuplicates({ caseId, detail }: { caseId: string; detail: CaseSummary }) {
  const { t } = useTranslation();
  const user = useUser();
  const canResolve = can(user.access, 'case.approve');
  const check = useCheckCaseDuplicates(caseId);
  const matches = check.data?.items ?? [];

  const status = check.isPending
    ? t('steps:duplicates.checking')
    : check.isError
      ? t('steps:duplicates.failed')
      : check.data
        ? matches.length === 0
          ? t('steps:duplicates.none')
          : t('steps:duplicates.found', { count: matches.length })
        : '';

  return (
    <section
      className="card case-page__duplicates case-duplicates"
      aria-labelledby="case-duplicates-title"
      data-testid="case-duplicates"
    >
      <h2 id="case-duplicates-title">{t('steps:duplicates.title')}</h2>
      <p className="muted">{t('steps:duplicates.intro')}</p>
      <p>
        <button
          type="button"
          className="button"
          disabled={check.isPending}
          onClick={() => check.mutate(queryOf(detail))}
          data-testid="check-duplicates"
        >
          {check.data ? t('steps:duplicates.checkAgain') : t('steps:duplicates.check')}
        </button>
      </p>
      <p
        className={
          matches.length > 0 ? 'duplicate-check__status duplicate-check__status--found' : 'duplicate-check__status'
        }
        role="status"
        data-testid="case-duplicates-status"
      >
        {status}
      </p>
      {matches.length > 0 ? (
        <>
          {canResolve ? null : <p className="case-duplicates__ask">{t('steps:duplicates.askSupervisor')}</p>}
          <ul className="match-list">
            {matches.map((match) => (
              <MatchCard key={match.case.id} caseId={caseId} detail={detail} match={match} canResolve={canResolve} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function MatchCard({
  caseId,
  detail,
  match,
  canResolve,
}: {
  caseId: string;
  detail: CaseSummary;
  match: DuplicateMatch;
  canResolve: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const other = match.case;
  const birth = (summary: CaseSummary) => {
    const date = formatDate(summary.dateOfBirth, language);
    const age = ageToday(summary);
    return summary.dateOfBirthEstimated
      ? `${date} (${t('cases:estimated')}) · ${t('cases:ageEstimatedYears', { count: age })}`
      : `${date} · ${t('cases:ageYears', { count: age })}`;
  };
  const side = (summary: CaseSummary): MatchSide => ({
    nameKm: khmerName(summary),
    nameLatin: latinName(summary),
    sex: t(`codes:sex.${summary.sex}`),
    birth: birth(summary),
    village: summary.villageCode ? formatPlace(summary.villageCode, language) : null,
  });

  return (
    <DuplicateMatchCard
      match={match}
      ns="steps:duplicates"
      titleId={`case-match-${other.id}-title`}
      testId="case-duplicate-match"
      titleExtra={<span className={`status status--${other.status}`}>{t(`codes:caseStatus.${other.status}`)}</span>}
      mineHeading={
        <>
          {t('steps:duplicates.thisCase')} ({detail.caseNumber})
        </>
      }
      theirsHeading={other.caseNumber}
      mine={side(detail)}
      theirs={side(other)}
    >
      {canResolve ? <ResolveActions caseId={caseId} other={other} closed={detail.status === 'closed'} /> : null}
    </DuplicateMatchCard>
  );
}

/** `closed`: this case is closed (perhaps just merged), so it takes no more decisions; the last one stays said. */
function ResolveActions({ caseId, other, closed }: { caseId: string; other: CaseSummary; closed: boolean }) {
  const { t } = useTranslation();
  const resolve = useResolveDuplicate(caseId);
  const [note, setNote] = useState('');
  const [confirmingMerge, setConfirmingMerge] = useState(false);
  const [done, setDone] = useState<Resolution | null>(null);
  const noteId = `case-match-${other.id}-note`;
  const confirmId = `case-match-${other.id}-confirm`;

  const decide = (resolution: Resolution) => {
    const trimmed = note.trim();
    resolve.mutate(
      { otherCaseId: other.id, resolution, ...(trimmed ? { note: trimmed } : {}) },
      {
        onSuccess: () => {
          setConfirmingMerge(false);
          setDone(resolution);
        },
      },
    );
  };

  if (done) {
    return (
      <p className="case-duplicates__done" role="status" data-testid="duplicate-resolved">
        {t(`steps:duplicates.done.${done}`, { caseNumber: other.caseNumber })}
      </p>
    );
  }
  if (closed) return null;

  return (
    <div
      className="case-duplicates__resolve"
      role="group"
      aria-label={t('steps:duplicates.actionsLabel', { caseNumber: other.caseNumber })}
    >
      <div className="field">
        <div className="field__label">
          <label htmlFor={noteId}>{t('steps:duplicates.note')}</label>
        </div>
        <textarea
          id={noteId}
          rows={2}
          value={note}
          maxLength={2000}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
      <FormAlert message={resolve.isError ? requestErrorMessage(resolve.error) : null} />
      {confirmingMerge ? (
        <div
          className="case-duplicates__confirm"
          role="alertdialog"
          aria-labelledby={confirmId}
          data-testid="confirm-merge"
        >
          <p id={confirmId} className="case-duplicates__confirm-title">
            {t('steps:duplicates.confirmMerge.title', { caseNumber: other.caseNumber })}
          </p>
          <p>{t('steps:duplicates.confirmMerge.body', { caseNumber: other.caseNumber })}</p>
          <div className="case-duplicates__actions">
            <button
              type="button"
              className="button button--primary"
              disabled={resolve.isPending}
              onClick={() => decide('merged_into_other')}
              data-testid="confirm-merge-button"
            >
              {resolve.isPending ? t('steps:duplicates.saving') : t('steps:duplicates.confirmMerge.confirm')}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setConfirmingMerge(false)}>
              {t('steps:duplicates.confirmMerge.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="case-duplicates__actions">
          <ActionButton disabled={resolve.isPending} onClick={() => decide('linked')} testId="duplicate-link">
            {t('steps:duplicates.actions.link')}
          </ActionButton>
          {other.status === 'closed' ? null : (
            <ActionButton
              disabled={resolve.isPending}
              onClick={() => setConfirmingMerge(true)}
              testId="duplicate-merge"
            >
              {t('steps:duplicates.actions.merge')}
            </ActionButton>
          )}
          <ActionButton
            disabled={resolve.isPending}
            onClick={() => decide('not_duplicate')}
            testId="duplicate-distinct"
          >
            {t('steps:duplicates.actions.notDuplicate')}
          </ActionButton>
        </div>
      )}
    </div>
  );
}

function ActionButton({
  children,
  disabled,
  onClick,
  testId,
}: {
  children: ReactNode;
  disabled: boolean;
  onClick: () => void;
  testId: string;
}) {
  return (
    <button type="button" className="button" disabled={disabled} onClick={onClick} data-testid={testId}>
      {children}
    </button>
  );
}
