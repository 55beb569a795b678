import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  can,
  CASE_SECTIONS,
  mayWrite,
  newTransferSchema,
  SECTIONS_WITHOUT_SHARING_CONSENT,
  TRANSFER_REASONS,
  type CaseSection,
  type Transfer,
  type TransferReason,
} from '@homeward/core';
import { useUser } from '../auth/user-context';
import { CheckboxGroup, RadioGroup } from '../forms/choice-group.component';
import { Field } from '../forms/field.component';
import { NoteField } from '../forms/note-field.component';
import { FormAlert } from '../forms/form-alert.component';
import { FormFooter } from '../forms/form-footer.component';
import { requestErrorMessage, serverFieldErrors, type FieldErrors, type Message } from '../forms/messages';
import { commonIssueMessage, issuePath } from '../forms/schema-issues';
import { withoutError } from '../forms/without-error';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { formatDate } from '../text/dates';
import { useLanguage } from '../text/use-language';
import { sectionList } from './transfer-labels';
import { useCaseTransfers, useOfferTransfer, useTransferReceivers, useWithdrawTransfer } from './transfers.resource';
import { PhoneFold } from '../layout/phone-fold.component';

const FIELDS = ['toOrganisationId', 'transferReason', 'note', 'sectionsKept'] as const;

/**
 * "Transfer" on the case page: the case's transfers for whoever reads them, and for the lead's supervisors and
 * managers the open offer (to withdraw) or the form to offer the case to another organisation.
 */
export function CaseTransfer({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const user = useUser();
  const transfers = useCaseTransfers(caseId);
  const items = transfers.data?.items ?? [];
  const open = items.find((item) => item.status === 'offered');
  const mayOffer = !!transfers.data?.lead && can(user.access, 'case.transfer');
  if (transfers.data && !mayOffer && items.length === 0) return null;

  return (
    <section className="card case-transfer" aria-labelledby="transfer-title" data-testid="case-transfer">
      <h2 id="transfer-title">{t('transfers:case.title')}</h2>
      {transfers.isPending ? <LoadingState /> : null}
      {transfers.error ? <RequestErrorState error={transfers.error} onRetry={() => void transfers.refetch()} /> : null}
      {mayOffer ? <p className="field__hint">{t('transfers:case.intro')}</p> : null}
      {open ? <OpenOffer transfer={open} mayWithdraw={mayOffer} /> : null}
      {mayOffer && !open && transfers.data ? (
        <PhoneFold label={t('transfers:case.title')} testId="transfer-form-fold">
          <OfferForm caseId={caseId} sharingConsent={transfers.data.sharingConsent} />
        </PhoneFold>
      ) : null}
      {items.some((item) => item.status !== 'offered') ? (
        <>
          <h3>{t('transfers:case.history')}</h3>
          <ul className="plain-list transfer-list">
            {items
              .filter((item) => item.status !== 'offered')
              .map((item) => (
                <TransferItem key={item.id} transfer={item} />
              ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function TransferItem({ transfer }: { transfer: Transfer }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <li className="transfer" data-testid="transfer-item">
      <p className="transfer__head">
        <strong>
          {transfer.fromOrganisationName} → {transfer.toOrganisationName}
        </strong>{' '}
        <span className={`badge transfer__status transfer__status--${transfer.status}`}>
          {t(`transfers:status.${transfer.status}`)}
        </span>
      </p>
      <p className="transfer__meta">
        {t('transfers:offeredBy', {
          organisation: transfer.fromOrganisationName,
          date: formatDate(transfer.offeredOn, language),
        })}
        {transfer.decidedOn
          ? ` · ${t('transfers:decidedOn', {
              status: t(`transfers:status.${transfer.status}`),
              date: formatDate(transfer.decidedOn, language),
            })}`
          : null}
      </p>
      <p className="transfer__meta">{t(`transfers:reason.${transfer.transferReason}`)}</p>
      {transfer.declineReason ? (
        <p className="transfer__meta">{t(`transfers:declineReason.${transfer.declineReason}`)}</p>
      ) : null}
      {transfer.declineNote ? <p className="prose">{transfer.declineNote}</p> : null}
      <p className="transfer__meta">
        {transfer.sectionsKept.length
          ? t('transfers:keptSections', { sections: sectionList(t, transfer.sectionsKept) })
          : t('transfers:keptNone')}
      </p>
    </li>
  );
}

function OpenOffer({ transfer, mayWithdraw }: { transfer: Transfer; mayWithdraw: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const withdraw = useWithdrawTransfer();
  const [error, setError] = useState<Message | null>(null);
  return (
    <div className="transfer transfer--open" data-testid="transfer-open">
      <p>
        <strong>
          {t('transfers:case.open', {
            organisation: transfer.toOrganisationName,
            date: formatDate(transfer.offeredOn, language),
          })}
        </strong>
      </p>
      <p className="transfer__meta">
        {transfer.sectionsKept.length
          ? t('transfers:keptSections', { sections: sectionList(t, transfer.sectionsKept) })
          : t('transfers:keptNone')}
      </p>
      {transfer.note ? <p className="prose">{transfer.note}</p> : null}
      <FormAlert message={error} />
      {mayWithdraw ? (
        <button
          type="button"
          className="button button--secondary"
          disabled={withdraw.isPending}
          data-testid="transfer-withdraw"
          onClick={() => {
            setError(null);
            withdraw.mutate(transfer.id, { onError: (failure) => setError(requestErrorMessage(failure)) });
          }}
        >
          {withdraw.isPending ? t('transfers:case.withdrawing') : t('transfers:case.withdraw')}
        </button>
      ) : null}
    </div>
  );
}

function OfferForm({ caseId, sharingConsent }: { caseId: string; sharingConsent: boolean }) {
  const { t } = useTranslation();
  const user = useUser();
  const receivers = useTransferReceivers(true);
  const offer = useOfferTransfer(caseId);
  const [toOrganisationId, setReceiver] = useState('');
  const [transferReason, setReason] = useState<TransferReason | ''>('');
  const [note, setNote] = useState('');
  const [sectionsKept, setSections] = useState<CaseSection[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<Message | null>(null);
  const [offeredTo, setOfferedTo] = useState<string | null>(null);
  // Without the child's consent to share, only services may be kept (decision 0010).
  const keepable = sharingConsent ? CASE_SECTIONS : SECTIONS_WITHOUT_SHARING_CONSENT;
  const mayWriteNote = mayWrite(user.access, 'narrative');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setOfferedTo(null);
    const parsed = newTransferSchema.safeParse({
      id: crypto.randomUUID(),
      toOrganisationId,
      transferReason: transferReason || undefined,
      note: note.trim() === '' ? undefined : note,
      sectionsKept,
    });
    if (!parsed.success) {
      const found: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const path = issuePath(issue);
        found[path] ??=
          path === 'toOrganisationId'
            ? { key: 'transfers:form.errors.receiver' }
            : path === 'note'
              ? { key: 'transfers:form.errors.note' }
              : commonIssueMessage(issue);
      }
      setErrors(found);
      return;
    }
    setErrors({});
    setGeneral(null);
    const name = receivers.data?.items.find((item) => item.id === toOrganisationId)?.name ?? '';
    offer.mutate(parsed.data, {
      onSuccess: () => setOfferedTo(name),
      onError: (error) => {
        const { fields, general: other } = serverFieldErrors(error, FIELDS);
        setErrors(fields);
        setGeneral(other);
      },
    });
  };

  return (
    <form
      className="form transfer-form"
      noValidate
      onSubmit={onSubmit}
      aria-labelledby="transfer-form-title"
      data-testid="transfer-form"
    >
      <h3 id="transfer-form-title">{t('transfers:form.title')}</h3>
      <FormAlert message={general} />
      <Field
        id="transfer-receiver"
        name="toOrganisationId"
        label={t('transfers:form.receiver')}
        required
        error={errors.toOrganisationId}
      >
        {(control) => (
          <select
            {...control}
            value={toOrganisationId}
            disabled={!receivers.data}
            onChange={(event) => {
              setReceiver(event.target.value);
              setErrors((current) => withoutError(current, 'toOrganisationId'));
            }}
          >
            <option value="">{receivers.isPending ? t('loading') : t('transfers:form.chooseReceiver')}</option>
            {receivers.data?.items.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {receivers.error ? <RequestErrorState error={receivers.error} onRetry={() => void receivers.refetch()} /> : null}
      <RadioGroup<TransferReason>
        id="transfer-reason"
        name="transferReason"
        legend={t('transfers:form.reason')}
        choices={TRANSFER_REASONS.map((value) => ({ value, label: t(`transfers:reason.${value}`) }))}
        value={transferReason}
        onChange={(value) => {
          setReason(value);
          setErrors((current) => withoutError(current, 'transferReason'));
        }}
        error={errors.transferReason}
        required
      />
      {mayWriteNote ? (
        <NoteField
          id="transfer-note"
          name="note"
          label={t('transfers:form.note')}
          hint={t('transfers:form.noteHint')}
          value={note}
          onChange={setNote}
          errors={errors}
          setErrors={setErrors}
        />
      ) : null}
      <CheckboxGroup<CaseSection>
        id="transfer-kept"
        name="sectionsKept"
        legend={t('transfers:form.kept')}
        hint={`${t('transfers:form.keptHint')} ${t(sharingConsent ? 'transfers:form.consentGiven' : 'transfers:form.consentMissing')}`}
        choices={keepable.map((value) => ({ value, label: t(`transfers:section.${value}`) }))}
        values={sectionsKept}
        onChange={setSections}
        error={errors.sectionsKept}
      />
      <FormFooter
        pending={offer.isPending}
        submitLabel={t('transfers:form.submit')}
        pendingLabel={t('transfers:form.pending')}
        status={offeredTo === null ? '' : t('transfers:form.done', { name: offeredTo })}
        statusTestId="transfer-status"
      />
    </form>
  );
}
