import type { ReactNode } from 'react';
import { khmerName, latinName, placePath, placeName, SEXES, type Place } from '@homeward/core';
import { localToday } from '../text/dates';
import { Check, DigitBoxes, Field, FieldRow, Signatures, type Signer } from './form-parts.component';
import { useFormText } from './form-text';
import { childCode, type MosvyCase } from './mosvy-data';
import { formNumber, type MosvyFormId } from './mosvy-forms';
import { useGazetteer } from '../locations/use-gazetteer';

/** What a printed form may show of who the child is. */
export interface Privacy {
  /** Print the alias instead of the child's names, and leave out what would identify the family. */
  useAlias: boolean;
}

export interface FormProps {
  data: MosvyCase;
  privacy: Privacy;
}

/** The child's name as this print may show it: both scripts, or the alias when printing for sharing. */
export function ChildName({ data, privacy }: FormProps) {
  const { detail } = data;
  if (privacy.useAlias) return detail.alias ? <>{detail.alias}</> : null;
  const km = khmerName(detail);
  const latin = latinName(detail);
  if (!km && !latin) return null;
  return (
    <>
      {km ? <span lang="km">{km}</span> : null}
      {km && latin ? ' · ' : null}
      {latin ? <span lang="en">{latin}</span> : null}
    </>
  );
}

/** Village, commune, district and province as four fields; the village and commune stay blank for sharing. */
export function AddressFields({ villageCode, privacy }: { villageCode: string | null | undefined; privacy: Privacy }) {
  useGazetteer();
  const { t, lang } = useFormText();
  const path = villageCode ? placePath(villageCode) : [];
  const at = (level: Place['level']) => {
    const place = path.find((candidate) => candidate.level === level);
    if (!place || (privacy.useAlias && (level === 'village' || level === 'commune'))) return null;
    return placeName(place, lang);
  };
  return (
    <>
      <FieldRow>
        <Field label={t('doc.village')}>{at('village')}</Field>
        <Field label={t('doc.commune')}>{at('commune')}</Field>
      </FieldRow>
      <FieldRow>
        <Field label={t('doc.district')}>{at('district')}</Field>
        <Field label={t('doc.province')}>{at('province')}</Field>
      </FieldRow>
    </>
  );
}

/** The line under "Nation Religion King" on Cambodian official documents. */
function Ornament() {
  return (
    <svg className="mosvy-head__ornament" viewBox="0 0 120 12" aria-hidden="true" focusable="false">
      <path d="M0 6 H48 M72 6 H120" stroke="currentColor" strokeWidth="1" />
      <path d="M60 1 L66 6 L60 11 L54 6 Z" fill="none" stroke="currentColor" strokeWidth="1" />
      <circle cx="50.5" cy="6" r="1.3" fill="currentColor" />
      <circle cx="69.5" cy="6" r="1.3" fill="currentColor" />
    </svg>
  );
}

export function FormDocument({
  form,
  data,
  privacy,
  organisationName,
  formDate,
  signers,
  children,
}: FormProps & {
  form: MosvyFormId;
  organisationName: string;
  /** The date the form is filled on, from the record it prints; blank boxes to date by hand when none. */
  formDate: string | null;
  /** Who signs besides the case worker and the supervisor (the child, a carer), first. */
  signers?: Signer[];
  children: ReactNode;
}) {
  const { t, code, date, num, lang } = useFormText();
  const { detail } = data;
  const number = formNumber(form);
  const codeParts = childCode(detail.villageCode, detail.caseNumber);
  return (
    <article className="mosvy-doc" lang={lang} aria-labelledby="mosvy-doc-title" data-testid="mosvy-document">
      <header className="mosvy-head">
        <div className="mosvy-head__kingdom">
          <p className="mosvy-head__realm">{t('doc.kingdom')}</p>
          <p className="mosvy-head__motto">{t('doc.motto')}</p>
          <Ornament />
        </div>
        <div className="mosvy-head__ministry">
          <p className="mosvy-head__ministry-name">{t('doc.ministry')}</p>
          <p>{organisationName}</p>
        </div>
      </header>

      <h2 id="mosvy-doc-title" className="mosvy-title">
        <span className="mosvy-title__number">{t('doc.formNumber', { number: num(number) })}</span>
        <span className="mosvy-title__text">{t(`forms.${form}.title`)}</span>
      </h2>

      <div className="mosvy-ids">
        <FieldRow>
          <Field label={t('doc.formDate')}>{formDate ? date(formDate) : null}</Field>
          <Field label={t('doc.caseNumber')}>
            <span className="mosvy-code">{detail.caseNumber}</span>
          </Field>
        </FieldRow>
        <div className="mosvy-row mosvy-ids__code">
          <span className="mosvy-field__label">{t('doc.childCode')}</span>
          <span className="mosvy-ids__boxes">
            <DigitBoxes digits={privacy.useAlias ? null : codeParts.village} length={8} label={t('doc.villageCode')} />
            <span className="mosvy-ids__plus" aria-hidden="true">
              +
            </span>
            <DigitBoxes digits={codeParts.child} length={4} label={t('doc.childNumber')} />
          </span>
          <span className="mosvy-ids__legend">{t('doc.childCodeLegend')}</span>
        </div>
        <FieldRow>
          <Field label={t('doc.organisation')}>{organisationName}</Field>
          <Field label={t('doc.caseWorker')}>{detail.assignedWorkerName}</Field>
        </FieldRow>
      </div>

      <div className="mosvy-child">
        <FieldRow>
          <Field label={privacy.useAlias ? t('doc.childAlias') : t('doc.childName')}>
            <ChildName data={data} privacy={privacy} />
          </Field>
        </FieldRow>
        <FieldRow>
          <span className="mosvy-field mosvy-field--checks">
            <span className="mosvy-field__label">{t('doc.sex')}</span>
            {SEXES.map((sex) => (
              <Check key={sex} checked={detail.sex === sex}>
                {code('sex', sex)}
              </Check>
            ))}
          </span>
          <Field label={t('doc.dateOfBirth')}>
            {date(detail.dateOfBirth)}
            {detail.dateOfBirthEstimated ? ` (${t('doc.estimated')})` : null}
          </Field>
        </FieldRow>
        <p className="mosvy-child__address">{t('doc.villageOfOrigin')}</p>
        <AddressFields villageCode={detail.villageCode} privacy={privacy} />
      </div>

      {children}

      <Signatures
        signers={[
          ...(signers ?? []),
          { role: t('doc.signer.caseWorker'), name: detail.assignedWorkerName },
          { role: t('doc.signer.supervisor') },
        ]}
      />

      <footer className="mosvy-foot">
        <p>{t('doc.confidential')}</p>
        <p>{t('doc.printedOn', { date: date(localToday()) })}</p>
      </footer>
    </article>
  );
}
