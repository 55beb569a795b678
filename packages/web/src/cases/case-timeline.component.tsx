import { useUser } from '../auth/user-context';
import { useMemo, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseEvent } from '@homeward/core';
import { formatDate, localToday } from '../text/dates';
import { useLanguage } from '../text/use-language';
import { WithheldNote } from './withheld.component';
import { EventSummary, type TimelineLookup } from './steps/event-summary.component';
import { familyMembers, isStepType } from './steps/step-context';

/** Newest first: what happened last matters most when opening a case. Ties go to the later recording. */
function newestFirst(events: readonly CaseEvent[]): CaseEvent[] {
  return [...events].sort(
    (a, b) => b.occurredOn.localeCompare(a.occurredOn) || b.recordedAt.localeCompare(a.recordedAt),
  );
}

interface CaseTimelineProps {
  events: readonly CaseEvent[];
  /** Names of the facilities placements refer to, by id. */
  facilityNames?: ReadonlyMap<string, string>;
  /** Opens the event's form prefilled, to record a correction; absent for readers. */
  onCorrect?: ((event: CaseEvent) => void) | undefined;
  /** Whether this user may correct this event now. */
  canCorrect?: (event: CaseEvent) => boolean;
  /** Events made on this device that the server has not taken yet: shown "waiting to sync". */
  waiting?: readonly string[] | undefined;
}

export function CaseTimeline({ events, facilityNames, onCorrect, canCorrect, waiting = [] }: CaseTimelineProps) {
  const { t } = useTranslation();
  const lookup = useMemo<TimelineLookup>(() => {
    const members = new Map(familyMembers(events).map((member) => [member.memberId, member.name]));
    return {
      events,
      facilityName: (id) => facilityNames?.get(id),
      memberName: (id) => members.get(id),
    };
  }, [events, facilityNames]);
  if (events.length === 0) return <p className="muted">{t('cases:timeline.empty')}</p>;
  const byId = new Map(events.map((event) => [event.id, event]));
  return (
    <ol className="timeline" data-testid="timeline">
      {newestFirst(events).map((event) => (
        <TimelineItem
          key={event.id}
          event={event}
          lookup={lookup}
          waiting={waiting.includes(event.id)}
          correction={event.supersededBy ? byId.get(event.supersededBy) : undefined}
          original={event.supersedes ? byId.get(event.supersedes) : undefined}
          onCorrect={
            onCorrect && isStepType(event.type) && !event.supersededBy && (canCorrect?.(event) ?? true)
              ? () => onCorrect(event)
              : undefined
          }
        />
      ))}
    </ol>
  );
}

/** Moves focus to another entry of the timeline (the correction, or what it corrects) and brings it into view. */
function goTo(id: string) {
  return (event: MouseEvent<HTMLAnchorElement>) => {
    const target = document.getElementById(`event-${id}`);
    if (!target) return;
    event.preventDefault();
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };
}

interface TimelineItemProps {
  event: CaseEvent;
  lookup: TimelineLookup;
  /** The later event that corrects this one. */
  correction: CaseEvent | undefined;
  /** The earlier event this one corrects. */
  original: CaseEvent | undefined;
  onCorrect: (() => void) | undefined;
  waiting: boolean;
}

function TimelineItem({ event, lookup, correction, original, onCorrect, waiting }: TimelineItemProps) {
  const { t } = useTranslation();
  // Another organisation's writing (a receiver's service, the lead's note) says whose it is.
  const user = useUser();
  const language = useLanguage();
  const superseded = event.supersededBy !== null;
  const className = ['timeline__item', `timeline__item--${event.type}`, superseded ? 'timeline__item--superseded' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <li
      id={`event-${event.id}`}
      className={className}
      tabIndex={-1}
      data-testid="timeline-item"
      data-type={event.type}
      data-superseded={superseded ? 'true' : undefined}
      data-waiting={waiting ? 'true' : undefined}
    >
      <div className="timeline__head">
        <time className="timeline__date" dateTime={event.occurredOn}>
          {formatDate(event.occurredOn, language)}
        </time>
        <span className="timeline__type">{t(`codes:eventType.${event.type}`)}</span>
        <span className="timeline__author">
          {t('cases:timeline.by', { name: event.authorName ?? t('cases:timeline.unknownAuthor') })}
        </span>
        {waiting ? (
          <span className="badge badge--waiting" data-testid="waiting-to-sync">
            {t('offline:waiting')}
          </span>
        ) : null}
        {event.organisationId !== user.organisationId ? (
          <span className="badge timeline__organisation" data-testid="timeline-organisation">
            {event.organisationName}
          </span>
        ) : null}
        {onCorrect ? (
          <button
            type="button"
            className="timeline__correct button--link"
            onClick={onCorrect}
            data-testid="correct-event"
          >
            {t('steps:timeline.correct')}
            <span className="visually-hidden">
              {' '}
              {t('steps:timeline.correctWhat', {
                step: t(`codes:eventType.${event.type}`),
                date: formatDate(event.occurredOn, language),
              })}
            </span>
          </button>
        ) : null}
      </div>
      <WithheldNote hidden={event.hidden} testId="event-withheld" />
      {superseded && event.supersededBy ? (
        <p className="timeline__correction" data-testid="superseded-note">
          {t('steps:timeline.correctedOn', {
            date: correction ? formatDate(localToday(new Date(correction.recordedAt)), language) : '',
          })}{' '}
          <a href={`#event-${event.supersededBy}`} onClick={goTo(event.supersededBy)}>
            {t('steps:timeline.seeCorrection')}
          </a>
        </p>
      ) : null}
      {event.supersedes ? (
        <p className="timeline__correction timeline__correction--new">
          {original
            ? t('steps:timeline.corrects', { date: formatDate(original.occurredOn, language) })
            : t('steps:timeline.correctsUnknown')}{' '}
          <a href={`#event-${event.supersedes}`} onClick={goTo(event.supersedes)}>
            {t('steps:timeline.seeOriginal')}
          </a>
        </p>
      ) : null}
      <div className={superseded ? 'timeline__content timeline__content--superseded' : 'timeline__content'}>
        <EventSummary event={event} lookup={lookup} />
      </div>
    </li>
  );
}
