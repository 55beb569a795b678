import { useTranslation } from 'react-i18next';
import { eventPayloadSchemas, type CaseEvent } from '@homeward/core';
import { formatDate } from '../text/dates';
import { useLanguage } from '../text/use-language';
import { CaseTypeCodes } from './case-types.component';

/** Newest first: what happened last matters most when opening a case. Ties go to the later recording. */
function newestFirst(events: readonly CaseEvent[]): CaseEvent[] {
  return [...events].sort(
    (a, b) => b.occurredOn.localeCompare(a.occurredOn) || b.recordedAt.localeCompare(a.recordedAt),
  );
}

export function CaseTimeline({ events }: { events: readonly CaseEvent[] }) {
  const { t } = useTranslation();
  if (events.length === 0) return <p className="muted">{t('cases:timeline.empty')}</p>;
  return (
    <ol className="timeline" data-testid="timeline">
      {newestFirst(events).map((event) => (
        <TimelineItem key={event.id} event={event} />
      ))}
    </ol>
  );
}

function TimelineItem({ event }: { event: CaseEvent }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <li className={`timeline__item timeline__item--${event.type}`} data-testid="timeline-item">
      <div className="timeline__head">
        <time className="timeline__date" dateTime={event.occurredOn}>
          {formatDate(event.occurredOn, language)}
        </time>
        <span className="timeline__type">{t(`codes:eventType.${event.type}`)}</span>
        <span className="timeline__author">
          {t('cases:timeline.by', { name: event.authorName ?? t('cases:timeline.unknownAuthor') })}
        </span>
      </div>
      <EventContent event={event} />
    </li>
  );
}

function EventContent({ event }: { event: CaseEvent }) {
  const { t } = useTranslation();
  switch (event.type) {
    case 'intake': {
      const payload = eventPayloadSchemas.intake.safeParse(event.payload);
      if (!payload.success) return null;
      const { referral, caseTypes } = payload.data;
      const source = t(`codes:referralSource.${referral.source}`);
      return (
        <div className="timeline__body">
          <p>
            {referral.sourceName
              ? t('cases:timeline.referredByNamed', { source, name: referral.sourceName })
              : t('cases:timeline.referredBy', { source })}
          </p>
          <CaseTypeCodes types={caseTypes} />
          {referral.reason ? <p className="prose">{referral.reason}</p> : null}
        </div>
      );
    }
    case 'note': {
      const payload = eventPayloadSchemas.note.safeParse(event.payload);
      if (!payload.success) return null;
      return (
        <div className="timeline__body">
          {payload.data.confidential ? (
            <span className="badge badge--confidential">{t('cases:note.confidential')}</span>
          ) : null}
          <p className="prose">{payload.data.text}</p>
        </div>
      );
    }
  }
}
