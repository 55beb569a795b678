import { useTranslation } from 'react-i18next';
import type { CaseEvent } from '@homeward/core';
import { sectionList } from './transfer-labels';

/** A transfer's step on the timeline: who offered the case to whom, and what came of it. */
export function TransferStep({ event }: { event: CaseEvent }) {
  const { t } = useTranslation();
  const p = event.payload as {
    fromOrganisationName?: string;
    toOrganisationName?: string;
    caseNumber?: string;
    previousCaseNumber?: string;
    declineReason?: string;
    sectionsKept?: string[];
  };
  const names = { from: p.fromOrganisationName ?? '', to: p.toOrganisationName ?? '' };
  const text =
    event.type === 'transfer_offered'
      ? t('transfers:step.offered', names)
      : event.type === 'transfer_accepted'
        ? t('transfers:step.accepted', { ...names, number: p.caseNumber, previous: p.previousCaseNumber })
        : event.type === 'transfer_declined'
          ? t('transfers:step.declined', { ...names, reason: t(`transfers:declineReason.${p.declineReason}`) })
          : t('transfers:step.withdrawn', names);
  return (
    <div className="timeline__body">
      <p data-testid="transfer-step">{text}</p>
      {event.type === 'transfer_offered' ? (
        <p className="muted">
          {p.sectionsKept?.length
            ? t('transfers:keptSections', { sections: sectionList(t, p.sectionsKept as never) })
            : t('transfers:keptNone')}
        </p>
      ) : null}
    </div>
  );
}
