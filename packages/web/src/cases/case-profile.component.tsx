import { Withheld, WithheldNote } from './withheld.component';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPlace, khmerName, latinName, type CaseDetail } from '@homeward/core';
import { formatDate } from '../text/dates';
import { useLanguage } from '../text/use-language';
import { ageToday } from './case-format';
import { CaseTypeLabels } from './case-types.component';
import { CaseCorrectionForm } from './corrections/case-correction-form.component';
import type { CorrectionGroup } from './corrections/correction-fields';

type Card = 'child' | 'classification' | 'referral';

/** The "Correct" button of a card: it opens the form of that card's fields in the card's place. */
function CorrectButton({ card, onOpen }: { card: Card; onOpen: (card: Card) => void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="button button--small card__action"
      onClick={() => onOpen(card)}
      data-testid={`correct-${card}`}
    >
      {t('cases:correction.open')}
      <span className="visually-hidden"> {t(`cases:correction.what.${card}`)}</span>
    </button>
  );
}
import { useGazetteer } from '../locations/use-gazetteer';

function Item({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="details__item" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

interface CaseProfileProps {
  detail: CaseDetail;
  /** Which groups of fields this user may correct: none for readers. */
  correctable?: readonly CorrectionGroup[];
}

export function CaseProfile({ detail, correctable = [] }: CaseProfileProps) {
  useGazetteer();
  const { t } = useTranslation();
  const [open, setOpen] = useState<Card | null>(null);
  const button = (card: Card, group: CorrectionGroup) =>
    correctable.includes(group) && open === null ? <CorrectButton card={card} onOpen={setOpen} /> : null;
  const form = (card: Card, group: CorrectionGroup) =>
    open === card ? <CaseCorrectionForm detail={detail} group={group} onClose={() => setOpen(null)} /> : null;
  const language = useLanguage();
  const none = <span className="muted">{t('cases:none')}</span>;
  const km = khmerName(detail);
  const latin = latinName(detail);
  const age = ageToday(detail);
  const referral = detail.referral;

  // Three cards as siblings of the timeline, so the page grid can put the timeline beside them on a wide
  // screen and between them on a phone.
  return (
    <>
      <section className="card case-page__child" aria-labelledby="profile-title">
        <div className="card__head">
          <h2 id="profile-title">{t('cases:detail.child')}</h2>
          {button('child', 'child')}
        </div>
        <WithheldNote hidden={detail.hidden} />
        {form('child', 'child')}
        <dl className="details" hidden={open === 'child'}>
          <Item label={t('cases:fields.nameKm')} testId="profile-name-km">
            {km ? <span lang="km">{km}</span> : detail.hidden?.includes('identity') ? <Withheld /> : none}
          </Item>
          <Item label={t('cases:fields.nameLatin')} testId="profile-name-latin">
            {latin ? <span lang="en">{latin}</span> : detail.hidden?.includes('identity') ? <Withheld /> : none}
          </Item>
          <Item label={t('cases:fields.alias')}>{detail.alias ?? none}</Item>
          <Item label={t('cases:fields.caseNumber')}>{detail.caseNumber}</Item>
          <Item label={t('cases:fields.sex')}>{t(`codes:sex.${detail.sex}`)}</Item>
          <Item label={t('cases:fields.dateOfBirth')}>
            {detail.dateOfBirth === null ? (
              <Withheld />
            ) : (
              <time dateTime={detail.dateOfBirth}>{formatDate(detail.dateOfBirth, language)}</time>
            )}
            {detail.dateOfBirthEstimated ? <span className="badge">{t('cases:estimated')}</span> : null}
          </Item>
          <Item label={t('cases:fields.age')}>
            {age === null ? (
              <Withheld />
            ) : detail.dateOfBirthEstimated ? (
              t('cases:ageEstimatedYears', { count: age })
            ) : (
              t('cases:ageYears', { count: age })
            )}
          </Item>
          <Item label={t('cases:fields.village')}>
            {detail.villageCode ? (
              formatPlace(detail.villageCode, language)
            ) : detail.hidden?.includes('location') ? (
              <Withheld />
            ) : (
              none
            )}
          </Item>
          <Item label={t('cases:fields.nationality')}>
            {detail.nationality ?? (detail.hidden?.includes('identity') ? <Withheld /> : none)}
          </Item>
        </dl>
      </section>
      <section className="card case-page__details" aria-labelledby="classification-title">
        <div className="card__head">
          <h2 id="classification-title">{t('cases:detail.classification')}</h2>
          {button('classification', 'intake')}
        </div>
        {form('classification', 'intake')}
        <dl className="details" hidden={open === 'classification'}>
          <Item label={t('cases:fields.caseTypes')}>
            <CaseTypeLabels types={detail.caseTypes} />
          </Item>
          <Item label={t('cases:fields.childType')}>
            {detail.childType ? t(`codes:childType.${detail.childType}`) : none}
          </Item>
          <Item label={t('cases:fields.status')}>{t(`codes:caseStatus.${detail.status}`)}</Item>
          <Item label={t('cases:fields.riskLevel')}>
            {detail.riskLevel ? t(`codes:riskLevel.${detail.riskLevel}`) : none}
          </Item>
          <Item label={t('cases:fields.openedOn')}>
            <time dateTime={detail.openedOn}>{formatDate(detail.openedOn, language)}</time>
          </Item>
          <Item label={t('cases:fields.assignedWorker')}>{detail.assignedWorkerName ?? none}</Item>
        </dl>
      </section>
      <section className="card case-page__referral" aria-labelledby="referral-title">
        <div className="card__head">
          <h2 id="referral-title">{t('cases:detail.referral')}</h2>
          {button('referral', 'intake')}
        </div>
        {form('referral', 'intake')}
        <dl className="details" hidden={open === 'referral'}>
          <Item label={t('cases:fields.referralSource')}>{t(`codes:referralSource.${referral.source}`)}</Item>
          <Item label={t('cases:fields.referralSourceName')}>{referral.sourceName ?? none}</Item>
          <Item label={t('cases:fields.referredOn')}>
            <time dateTime={referral.referredOn}>{formatDate(referral.referredOn, language)}</time>
          </Item>
          <Item label={t('cases:fields.referralReason')}>
            {referral.reason ? <span className="prose">{referral.reason}</span> : none}
          </Item>
        </dl>
      </section>
    </>
  );
}
