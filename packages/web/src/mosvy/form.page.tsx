import { useId, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, mayRead, type Language } from '@homeward/core';
import { isApiError } from '../api/http';
import { useUser } from '../auth/user-context';
import { isLanguage } from '../i18n';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { useDocumentTitle } from '../text/use-document-title';
import { useLanguage } from '../text/use-language';
import type { Privacy } from './form-document.component';
import { FormTextContext, useFormTextFor } from './form-text';
import { AssessmentForm } from './forms/assessment.form';
import { ClosureForm } from './forms/closure.form';
import { FollowUpForm } from './forms/follow-up.form';
import { InitialInformationForm } from './forms/initial-information.form';
import { PlacementForm } from './forms/placement.form';
import { ServicePlanForm } from './forms/service-plan.form';
import type { MosvyCase } from './mosvy-data';
import { formNumber, formPath, formsPath, isMosvyForm, MOSVY_FORMS, type MosvyFormId } from './mosvy-forms';
import { useMosvyCase } from './use-mosvy-case';
import { usePrintRecording } from '../records/use-print-recording';
import { FormAlert } from '../forms/form-alert.component';
import './mosvy.css';

/** Each language is named in itself, so a user who cannot read the current one still finds theirs. */
const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', km: 'ខ្មែរ' };

/**
 * One MoSVY form, laid out as the A4 paper form and filled from the case: in Khmer or English whatever the
 * screen's language (`?lang=`), and with the alias instead of the child's names when printed for sharing
 * (`?alias=1`).
 */
export function MosvyFormPage() {
  const { caseId = '', form } = useParams();
  const { t } = useTranslation();
  const query = useMosvyCase(caseId);
  const caseNumber = query.data?.detail.caseNumber ?? '';
  const known = isMosvyForm(form);
  useDocumentTitle(
    known
      ? t('mosvy:page.documentTitle', { number: formNumber(form), title: t(`mosvy:forms.${form}.title`), caseNumber })
      : t('mosvy:list.title'),
  );

  const back = (
    <p className="breadcrumb">
      <Link to={formsPath(caseId)}>{t('mosvy:page.back')}</Link>
    </p>
  );
  if (!known) {
    return (
      <section className="page">
        {back}
        <h1>{t('mosvy:list.title')}</h1>
        <p>{t('mosvy:page.unknownForm')}</p>
      </section>
    );
  }
  if (query.isPending) return <LoadingState />;
  if (!query.data) {
    return (
      <section className="page">
        {back}
        <h1>{t(`mosvy:forms.${form}.title`)}</h1>
        {isApiError(query.error, 404) ? (
          <p>{t('mosvy:list.notFound')}</p>
        ) : (
          <RequestErrorState error={query.error} onRetry={query.refetch} />
        )}
      </section>
    );
  }
  return <FormScreen caseId={caseId} form={form} data={query.data} facilityNames={query.facilityNames} back={back} />;
}

function FormScreen({
  caseId,
  form,
  data,
  facilityNames,
  back,
}: {
  caseId: string;
  form: MosvyFormId;
  data: MosvyCase;
  facilityNames: ReadonlyMap<string, string>;
  back: ReactNode;
}) {
  const { t } = useTranslation();
  const user = useUser();
  const screenLanguage = useLanguage();
  const [params, setParams] = useSearchParams();
  const requested = params.get('lang');
  const lang: Language = isLanguage(requested) ? requested : screenLanguage;
  const canSeeNames = mayRead(user.access, 'identity');
  const aliasChosen = params.get('alias') === '1';
  const privacy: Privacy = { useAlias: aliasChosen || !canSeeNames };
  const text = useFormTextFor(lang);
  const ids = useId();
  const number = formNumber(form);

  const update = (name: string, value: string | null) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === null) next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true },
    );
  };
  const { printing, printError, printRecorded } = usePrintRecording(caseId, form, privacy.useAlias);
  const search = params.toString() ? `?${params.toString()}` : '';
  const props = { data, privacy, organisationName: user.organisationName };

  return (
    <article className="page mosvy-form-page" aria-labelledby={`${ids}-title`}>
      <div className="mosvy-toolbar">
        {back}
        <header className="mosvy-toolbar__header">
          <h1 id={`${ids}-title`}>{t('mosvy:page.heading', { number, title: t(`mosvy:forms.${form}.title`) })}</h1>
          <span className="case-number">{data.detail.caseNumber}</span>
        </header>
        <div className="mosvy-toolbar__controls">
          <div className="mosvy-toggle" role="group" aria-labelledby={`${ids}-lang`}>
            <span id={`${ids}-lang`} className="mosvy-toggle__label">
              {t('mosvy:page.language')}
            </span>
            {LANGUAGES.map((language) => (
              <button
                key={language}
                type="button"
                lang={language}
                className="mosvy-toggle__button"
                aria-pressed={lang === language}
                data-testid={`form-language-${language}`}
                onClick={() => update('lang', language)}
              >
                {LANGUAGE_NAMES[language]}
              </button>
            ))}
          </div>
          <div className="mosvy-alias">
            <label className="mosvy-alias__label">
              <input
                type="checkbox"
                checked={privacy.useAlias}
                disabled={!canSeeNames}
                aria-describedby={`${ids}-alias-hint`}
                data-testid="form-alias"
                onChange={(event) => update('alias', event.target.checked ? '1' : null)}
              />
              {t('mosvy:page.alias')}
            </label>
            <p id={`${ids}-alias-hint`} className="mosvy-alias__hint">
              {!canSeeNames
                ? t('mosvy:page.aliasOnly')
                : privacy.useAlias && !data.detail.alias
                  ? t('mosvy:page.noAlias')
                  : t('mosvy:page.aliasHint')}
            </p>
          </div>
          <button
            type="button"
            className="button button--primary mosvy-toolbar__print"
            data-testid="form-print"
            disabled={printing}
            onClick={() => void printRecorded()}
          >
            {t('mosvy:page.print')}
          </button>
        </div>
        <FormAlert message={printError} />
        <p className="mosvy-toolbar__hint">{t('mosvy:page.printHint')}</p>
        <nav className="mosvy-tabs" aria-label={t('mosvy:page.formsNav')}>
          <ol>
            {MOSVY_FORMS.map((other) => (
              <li key={other}>
                <Link
                  to={formPath(caseId, other, search)}
                  className="mosvy-tabs__link"
                  aria-current={other === form ? 'page' : undefined}
                >
                  <span className="mosvy-tabs__number">{formNumber(other)}</span>
                  {t(`mosvy:forms.${other}.short`)}
                </Link>
              </li>
            ))}
          </ol>
        </nav>
      </div>

      <div className="mosvy-paper">
        <FormTextContext.Provider value={text}>
          {form === 'initial-information' ? <InitialInformationForm {...props} /> : null}
          {form === 'assessment' ? <AssessmentForm {...props} /> : null}
          {form === 'service-plan' ? <ServicePlanForm {...props} /> : null}
          {form === 'placement' ? <PlacementForm {...props} facilityNames={facilityNames} /> : null}
          {form === 'follow-up' ? <FollowUpForm {...props} /> : null}
          {form === 'closure' ? <ClosureForm {...props} /> : null}
        </FormTextContext.Provider>
      </div>
    </article>
  );
}
