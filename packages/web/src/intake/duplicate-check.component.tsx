import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  birthDateForAge,
  formatPlace,
  isRealDate,
  khmerName,
  latinName,
  type CaseSummary,
  type DuplicateMatch,
  type DuplicateQuery,
} from '@homeward/core';
import { useDuplicateCheck } from '../api/intake.resource';
import type { NewCaseFormState } from '../cases/new-case-form';
import { ageToday } from '../cases/case-format';
import { formatDate } from '../text/dates';
import { useLanguage } from '../text/use-language';
import { DuplicateMatchCard } from './duplicate-match.component';

const CHECK_DELAY_MS = 600;
const MAX_SHOWN = 5;

/**
 * The question to ask once a name and the sex are filled in, or null. An age alone becomes the estimated
 * birth date the server would record, so that it can be compared with known children's.
 */
export function duplicateQueryOf(state: NewCaseFormState, today: string): DuplicateQuery | null {
  const names = {
    familyNameKm: state.familyNameKm.trim(),
    givenNameKm: state.givenNameKm.trim(),
    familyNameLatin: state.familyNameLatin.trim(),
    givenNameLatin: state.givenNameLatin.trim(),
  };
  if (!Object.values(names).some(Boolean) || state.sex === '') return null;
  const query: DuplicateQuery = { sex: state.sex };
  for (const [field, value] of Object.entries(names) as [keyof typeof names, string][]) {
    if (value) query[field] = value;
  }
  const age = Number(state.estimatedAge);
  const referredOn =
    /^\d{4}-\d{2}-\d{2}$/.test(state.referredOn) && isRealDate(state.referredOn) ? state.referredOn : today;
  if (state.birthMode === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(state.dateOfBirth) && isRealDate(state.dateOfBirth)) {
    query.dateOfBirth = state.dateOfBirth;
    query.dateOfBirthEstimated = state.dateOfBirthEstimated;
  } else if (
    state.birthMode === 'age' &&
    state.estimatedAge.trim() !== '' &&
    Number.isInteger(age) &&
    age >= 0 &&
    age <= 30
  ) {
    query.dateOfBirth = birthDateForAge(age, referredOn);
    query.dateOfBirthEstimated = true;
  }
  if (state.villageCode) query.villageCode = state.villageCode;
  return query;
}

/** The value once it has stopped changing for a moment; compared by content, so a new equal object is no change. */
function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(JSON.parse(key) as T), delayMs);
    return () => clearTimeout(timer);
  }, [key, delayMs]);
  return settled;
}

/**
 * Warns, while a new case is being filled in, that the child may already be known: the likely and possible
 * matches side by side with what was entered, and why they match. Saving stays possible: it is a warning.
 */
export function DuplicateCheck({ state, today }: { state: NewCaseFormState; today: string }) {
  const { t } = useTranslation();
  const query = useSettled(duplicateQueryOf(state, today), CHECK_DELAY_MS);
  const check = useDuplicateCheck(query);
  const matches = query && check.data ? check.data.items.slice(0, MAX_SHOWN) : [];

  const status =
    query === null
      ? ''
      : check.isFetching && !check.data
        ? t('oversight:duplicates.checking')
        : check.error
          ? t('oversight:duplicates.failed')
          : check.data
            ? matches.length === 0
              ? t('oversight:duplicates.none')
              : t('oversight:duplicates.found', { count: check.data.items.length })
            : '';

  return (
    <section className="duplicate-check" aria-labelledby="duplicate-check-title" data-testid="duplicate-check">
      <h2 id="duplicate-check-title" className="visually-hidden">
        {t('oversight:duplicates.title')}
      </h2>
      <p
        className={
          matches.length > 0 ? 'duplicate-check__status duplicate-check__status--found' : 'duplicate-check__status'
        }
        role="status"
        data-testid="duplicate-status"
      >
        {status}
      </p>
      {matches.length > 0 ? (
        <div className="duplicate-check__warning" data-testid="duplicate-matches">
          <p className="duplicate-check__advice">{t('oversight:duplicates.advice')}</p>
          <ul className="match-list">
            {matches.map((match) => (
              <MatchCard key={match.case.id} match={match} state={state} today={today} />
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function MatchCard({ match, state, today }: { match: DuplicateMatch; state: NewCaseFormState; today: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const existing = match.case;
  return (
    <DuplicateMatchCard
      match={match}
      ns="oversight:duplicates"
      titleId={`match-${existing.id}-title`}
      testId="duplicate-match"
      mineHeading={t('oversight:duplicates.entered')}
      theirsHeading={t('oversight:duplicates.existing', { caseNumber: existing.caseNumber })}
      mine={{
        nameKm: joinNames(state.familyNameKm, state.givenNameKm),
        nameLatin: joinNames(state.familyNameLatin, state.givenNameLatin),
        sex: state.sex ? t(`codes:sex.${state.sex}`) : null,
        birth: enteredBirth(state, language, t),
        village: state.villageCode ? formatPlace(state.villageCode, language) : null,
      }}
      theirs={{
        nameKm: khmerName(existing),
        nameLatin: latinName(existing),
        sex: t(`codes:sex.${existing.sex}`),
        birth: knownBirth(existing, language, today, t),
        village: existing.villageCode ? formatPlace(existing.villageCode, language) : null,
      }}
    />
  );
}

type Translate = (key: string, params?: Record<string, unknown>) => string;

function joinNames(family: string, given: string): string | null {
  return [family.trim(), given.trim()].filter(Boolean).join(' ') || null;
}

function enteredBirth(state: NewCaseFormState, language: 'en' | 'km', t: Translate): string | null {
  if (state.birthMode === 'age') {
    const age = Number(state.estimatedAge);
    return state.estimatedAge.trim() !== '' && Number.isInteger(age)
      ? t('cases:ageEstimatedYears', { count: age })
      : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(state.dateOfBirth)) return null;
  const date = formatDate(state.dateOfBirth, language);
  return state.dateOfBirthEstimated ? `${date} (${t('cases:estimated')})` : date;
}

function knownBirth(existing: CaseSummary, language: 'en' | 'km', today: string, t: Translate): string {
  const date = formatDate(existing.dateOfBirth, language);
  const age = ageToday(existing, today);
  return existing.dateOfBirthEstimated
    ? `${date} (${t('cases:estimated')}) · ${t('cases:ageEstimatedYears', { count: age })}`
    : `${date} · ${t('cases:ageYears', { count: age })}`;
}
