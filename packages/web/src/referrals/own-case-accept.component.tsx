import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_TYPES, type DuplicateQuery, type ServiceReferral } from '@homeward/core';
import { useDuplicateCheck } from '../api/intake.resource';
import { localToday } from '../text/dates';
import { useAcceptReferral } from './referrals.resource';

type CaseType = (typeof CASE_TYPES)[number];
const opt = (value: string) => (value.trim() ? value.trim() : undefined);

/**
 * Point 3: the receiver takes the child on as a case of its own. The intake is pre-filled from what the sender
 * shared; the receiver's own children are checked first, and a match can be linked instead of opening a second
 * case. Either way the two cases are marked as the same child, so reports count the child once.
 */
export function OwnCaseAccept({
  referral,
  chosenWorker,
  onClose,
}: {
  referral: ServiceReferral;
  /** The worker picked in the inbox, when the one accepting may give the case to someone else. */
  chosenWorker: { workerId?: string };
  /** Closes the form: cancelled, or the referral accepted (the inbox then offers to open the case). */
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const accept = useAcceptReferral();
  const shared = referral.child.identity;
  const [familyNameLatin, setFamilyNameLatin] = useState(shared?.familyNameLatin ?? '');
  const [givenNameLatin, setGivenNameLatin] = useState(shared?.givenNameLatin ?? '');
  const [familyNameKm, setFamilyNameKm] = useState(shared?.familyNameKm ?? '');
  const [givenNameKm, setGivenNameKm] = useState(shared?.givenNameKm ?? '');
  const [dateOfBirth, setDateOfBirth] = useState(shared?.dateOfBirth ?? '');
  const [id] = useState(() => crypto.randomUUID());
  const caseTypes = referral.child.caseTypes.filter((type): type is CaseType =>
    (CASE_TYPES as readonly string[]).includes(type),
  );
  const names = { familyNameLatin, givenNameLatin, familyNameKm, givenNameKm };
  const query: DuplicateQuery | null =
    givenNameLatin || givenNameKm
      ? {
          ...Object.fromEntries(Object.entries(names).filter(([, value]) => value.trim())),
          sex: referral.child.sex,
          ...(dateOfBirth ? { dateOfBirth } : {}),
        }
      : null;
  const matches = useDuplicateCheck(query);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate(
      {
        id: referral.id,
        body: {
          mode: 'own_case',
          ...chosenWorker,
          newCase: {
            id,
            familyNameLatin: opt(familyNameLatin),
            givenNameLatin: opt(givenNameLatin),
            familyNameKm: opt(familyNameKm),
            givenNameKm: opt(givenNameKm),
            alias: referral.child.alias ?? undefined,
            sex: referral.child.sex,
            ...(dateOfBirth
              ? { dateOfBirth, dateOfBirthEstimated: shared?.dateOfBirthEstimated ?? false }
              : { estimatedAge: referral.child.age ?? undefined, dateOfBirthEstimated: true }),
            ...(shared?.villageCode ? { villageCode: shared.villageCode } : {}),
            caseTypes,
            referral: {
              source: 'ngo',
              sourceName: referral.sender.name,
              referredOn: localToday(),
              reason: referral.note ?? undefined,
            },
          },
        },
      },
      { onSuccess: onClose },
    );
  };

  return (
    <form className="form own-case" onSubmit={onSubmit} data-testid="own-case-form">
      <h3>{t('cases:referrals.ownCase.title')}</h3>
      <p className="field__hint">{t('cases:referrals.ownCase.intro')}</p>
      {(matches.data?.items.length ?? 0) > 0 ? (
        <div className="card card--warning" data-testid="own-case-matches">
          <p>{t('cases:referrals.ownCase.matches')}</p>
          <ul className="plain-list">
            {matches.data!.items.map((match) => (
              <li key={match.case.id}>
                {match.case.caseNumber} · {match.case.givenNameLatin ?? match.case.givenNameKm ?? match.case.alias}{' '}
                <button
                  type="button"
                  className="button--link"
                  onClick={() =>
                    accept.mutate(
                      { id: referral.id, body: { mode: 'link', caseId: match.case.id } },
                      { onSuccess: onClose },
                    )
                  }
                >
                  {t('cases:referrals.ownCase.link')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {(
        [
          ['own-family-latin', 'familyNameLatin', familyNameLatin, setFamilyNameLatin],
          ['own-given-latin', 'givenNameLatin', givenNameLatin, setGivenNameLatin],
          ['own-family-km', 'familyNameKm', familyNameKm, setFamilyNameKm],
          ['own-given-km', 'givenNameKm', givenNameKm, setGivenNameKm],
        ] as const
      ).map(([fieldId, key, value, set]) => (
        <div className="field" key={key}>
          <label htmlFor={fieldId} className="field__label">
            {t(`cases:referrals.ownCase.${key}`)}
          </label>
          <input id={fieldId} value={value} onChange={(event) => set(event.target.value)} />
        </div>
      ))}
      <div className="field">
        <label htmlFor="own-dob" className="field__label">
          {t('cases:referrals.ownCase.dateOfBirth')}
        </label>
        <input id="own-dob" type="date" value={dateOfBirth} onChange={(event) => setDateOfBirth(event.target.value)} />
      </div>
      <p className="muted">
        {t('cases:referrals.ownCase.caseTypes')} {caseTypes.join(', ')}
      </p>
      {accept.error ? (
        <p role="alert" className="form-alert">
          {accept.error.message}
        </p>
      ) : null}
      <div className="form-actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={accept.isPending}
          data-testid="own-case-open"
        >
          {t('cases:referrals.ownCase.open')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('cases:referrals.form.cancel')}
        </button>
      </div>
    </form>
  );
}
