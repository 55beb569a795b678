import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_SHARE_KINDS, can, mayWrite, newCaseShareSchema, type CaseShare } from '@homeward/core';
import { useCaseShares, useDepartments, useShareCase } from '../api/access.resource';
import { useUser } from '../auth/user-context';
import { RadioGroup } from '../forms/choice-group.component';
import { Field } from '../forms/field.component';
import { NoteField } from '../forms/note-field.component';
import { FormAlert } from '../forms/form-alert.component';
import { FormFooter } from '../forms/form-footer.component';
import { serverFieldErrors, type FieldErrors, type Message } from '../forms/messages';
import { commonIssueMessage, issuePath } from '../forms/schema-issues';
import { withoutError } from '../forms/without-error';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { formatDate } from '../text/dates';
import { useLanguage } from '../text/use-language';
import { PhoneFold } from '../layout/phone-fold.component';
import { WithheldNote } from './withheld.component';

type ShareKind = (typeof CASE_SHARE_KINDS)[number];
const SHARE_FIELDS = ['organisationId', 'kind', 'note'] as const;

/**
 * "Referred to departments": which Departments of Social Affairs may read the case, for everyone who reads it;
 * and, for those who work on it, referring or handing it over to one.
 */
export function CaseShares({ caseId, isLead }: { caseId: string; isLead: boolean }) {
  const { t } = useTranslation();
  const user = useUser();
  const shares = useCaseShares(caseId);
  // Only the lead refers its case to a department; a participant reads who oversees it (decision 0010).
  const canShare = isLead && can(user.access, 'case.write');

  return (
    <section className="card case-shares" aria-labelledby="shares-title" data-testid="case-shares">
      <h2 id="shares-title">{t('cases:shares.title')}</h2>
      <p className="field__hint">{t('cases:shares.intro')}</p>
      {shares.isPending ? <LoadingState /> : null}
      {shares.error ? <RequestErrorState error={shares.error} onRetry={() => void shares.refetch()} /> : null}
      {shares.data ? <ShareList shares={shares.data.items} /> : null}
      {canShare ? (
        <PhoneFold label={t('cases:shares.formTitle')} testId="share-form-fold">
          <ShareForm caseId={caseId} />
        </PhoneFold>
      ) : null}
    </section>
  );
}

function ShareList({ shares }: { shares: readonly CaseShare[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (shares.length === 0)
    return (
      <p className="muted" data-testid="shares-none">
        {t('cases:shares.none')}
      </p>
    );
  return (
    <ul className="plain-list share-list">
      {shares.map((share) => (
        <li key={share.id} className="share" data-testid="case-share">
          <p className="share__head">
            <strong>{share.organisationName}</strong>
            <span className={`badge share__kind share__kind--${share.kind}`}>
              {t(`cases:shares.kind.${share.kind}`)}
            </span>
          </p>
          <p className="share__meta">
            {share.sharedByName
              ? t('cases:shares.sharedOnBy', { date: formatDate(share.sharedOn, language), name: share.sharedByName })
              : t('cases:shares.sharedOn', { date: formatDate(share.sharedOn, language) })}
          </p>
          {share.note ? <p className="prose share__note">{share.note}</p> : null}
          <WithheldNote hidden={share.hidden} testId="share-withheld" />
        </li>
      ))}
    </ul>
  );
}

function ShareForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const user = useUser();
  const departments = useDepartments();
  const share = useShareCase(caseId);
  const [organisationId, setOrganisationId] = useState('');
  const [kind, setKind] = useState<ShareKind>('referral');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<Message | null>(null);
  const [sharedWith, setSharedWith] = useState<string | null>(null);
  // The note is an account of the case: a role that may not write accounts refers without one.
  const mayWriteNote = mayWrite(user.access, 'narrative');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSharedWith(null);
    const parsed = newCaseShareSchema.safeParse({ organisationId, kind, note: note.trim() === '' ? undefined : note });
    if (!parsed.success) {
      const found: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const path = issuePath(issue);
        found[path] ??=
          path === 'organisationId' ? { key: 'cases:shares.errors.department' } : commonIssueMessage(issue);
      }
      setErrors(found);
      return;
    }
    setErrors({});
    setGeneral(null);
    const name = departments.data?.items.find((department) => department.id === organisationId)?.name ?? '';
    share.mutate(parsed.data, {
      onSuccess: () => {
        setSharedWith(name);
        setOrganisationId('');
        setNote('');
      },
      onError: (error) => {
        const { fields, general: other } = serverFieldErrors(error, SHARE_FIELDS);
        setErrors(fields);
        setGeneral(other);
      },
    });
  };

  return (
    <form
      className="form share-form"
      noValidate
      onSubmit={onSubmit}
      aria-labelledby="share-form-title"
      data-testid="share-form"
    >
      <h3 id="share-form-title">{t('cases:shares.formTitle')}</h3>
      <FormAlert message={general} />
      <Field
        id="share-department"
        name="organisationId"
        label={t('cases:shares.department')}
        required
        error={errors.organisationId}
      >
        {(control) => (
          <select
            {...control}
            value={organisationId}
            disabled={!departments.data}
            aria-busy={departments.isPending || undefined}
            onChange={(event) => {
              setOrganisationId(event.target.value);
              setErrors((current) => withoutError(current, 'organisationId'));
            }}
          >
            <option value="">{departments.isPending ? t('loading') : t('cases:shares.chooseDepartment')}</option>
            {departments.data?.items.map((department) => (
              <option key={department.id} value={department.id}>
                {department.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {departments.error ? (
        <RequestErrorState error={departments.error} onRetry={() => void departments.refetch()} />
      ) : null}
      <RadioGroup<ShareKind>
        id="share-kind"
        name="kind"
        legend={t('cases:shares.kindLegend')}
        choices={CASE_SHARE_KINDS.map((value) => ({ value, label: t(`cases:shares.kindChoice.${value}`) }))}
        value={kind}
        onChange={setKind}
        error={errors.kind}
        required
      />
      {mayWriteNote ? (
        <NoteField
          id="share-note"
          name="note"
          label={t('cases:shares.note')}
          hint={t('cases:shares.noteHint')}
          value={note}
          onChange={setNote}
          errors={errors}
          setErrors={setErrors}
        />
      ) : null}
      <FormFooter
        pending={share.isPending}
        submitLabel={t('cases:shares.submit')}
        pendingLabel={t('cases:shares.pending')}
        status={sharedWith === null ? '' : t('cases:shares.done', { name: sharedWith })}
        statusTestId="share-status"
      />
    </form>
  );
}
