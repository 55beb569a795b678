import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  acceptTransferSchema,
  declineTransferSchema,
  HOME_CARE_TYPES,
  TRANSFER_DECLINE_REASONS,
  type Facility,
  type IncomingTransfer,
  type TransferDeclineReason,
} from '@homeward/core';
import { useFacilities } from '../api/facilities.resource';
import { RadioGroup } from '../forms/choice-group.component';
import { Field } from '../forms/field.component';
import { NoteField } from '../forms/note-field.component';
import { FormAlert } from '../forms/form-alert.component';
import { FormFooter } from '../forms/form-footer.component';
import { serverFieldErrors, type FieldErrors, type Message } from '../forms/messages';
import { withoutError } from '../forms/without-error';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { useColleagues } from '../tasks/tasks.resource';
import { formatDate } from '../text/dates';
import { useDocumentTitle } from '../text/use-document-title';
import { useLanguage } from '../text/use-language';
import { sectionList } from './transfer-labels';
import { useAcceptTransfer, useDeclineTransfer, useIncomingTransfers } from './transfers.resource';

/** The roles the server accepts as a case's worker. */
const CASE_ROLES: readonly string[] = ['caseworker', 'supervisor'];

/** Cases other organisations offer to the user's: accept (choosing who works the case) or decline with a reason. */
export function IncomingTransfersPage() {
  const { t } = useTranslation();
  const incoming = useIncomingTransfers();
  const [done, setDone] = useState<{ caseId: string; message: string }[]>([]);
  useDocumentTitle(t('transfers:incoming.title'));
  const items = incoming.data?.items ?? [];

  return (
    <section className="page incoming-transfers" aria-labelledby="incoming-title">
      <h1 id="incoming-title">{t('transfers:incoming.title')}</h1>
      <p className="field__hint">{t('transfers:incoming.intro')}</p>
      <ul className="plain-list" aria-live="polite">
        {done.map((item) => (
          <li key={item.caseId} className="alert alert--success" data-testid="transfer-done">
            {item.message}{' '}
            {item.message === t('transfers:incoming.accepted') ? (
              <Link to={`/cases/${item.caseId}`}>{t('transfers:incoming.openCase')}</Link>
            ) : null}
          </li>
        ))}
      </ul>
      {incoming.isPending ? <LoadingState /> : null}
      {incoming.error ? <RequestErrorState error={incoming.error} onRetry={() => void incoming.refetch()} /> : null}
      {incoming.data && items.length === 0 ? (
        <p className="muted" data-testid="incoming-none">
          {t('transfers:incoming.none')}
        </p>
      ) : null}
      <ul className="plain-list incoming-list">
        {items.map((transfer) => (
          <IncomingOffer
            key={transfer.id}
            transfer={transfer}
            onDone={(message) => setDone((current) => [...current, { caseId: transfer.caseId, message }])}
          />
        ))}
      </ul>
    </section>
  );
}

function IncomingOffer({ transfer, onDone }: { transfer: IncomingTransfer; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [declining, setDeclining] = useState(false);
  const sex = t(`codes:sex.${transfer.sex}`);
  const alias = transfer.alias ?? t('transfers:incoming.noAlias');
  return (
    <li className="card transfer transfer--incoming" data-testid="incoming-transfer">
      <h2 className="transfer__head">
        <span className="case-number">{transfer.senderCaseNumber}</span>{' '}
        {transfer.ageYears === null
          ? t('transfers:incoming.childNoAge', { alias, sex })
          : t('transfers:incoming.child', {
              alias,
              sex,
              age: t('transfers:incoming.age', { count: transfer.ageYears }),
            })}
      </h2>
      <p className="transfer__meta">
        {t('transfers:offeredBy', {
          organisation: transfer.fromOrganisationName,
          date: formatDate(transfer.offeredOn, language),
        })}
      </p>
      <p className="transfer__meta">{transfer.caseTypes.map((code) => t(`codes:caseType.${code}`)).join(', ')}</p>
      <p className="transfer__meta">{t(`transfers:reason.${transfer.transferReason}`)}</p>
      {transfer.note ? <p className="prose">{transfer.note}</p> : null}
      <p className="transfer__meta">
        {transfer.sectionsKept.length
          ? t('transfers:keptSections', { sections: sectionList(t, transfer.sectionsKept) })
          : t('transfers:keptNone')}
      </p>
      <AcceptForm transfer={transfer} onDone={onDone} />
      {declining ? (
        <DeclineForm transfer={transfer} onDone={onDone} />
      ) : (
        <button
          type="button"
          className="button button--secondary"
          data-testid="transfer-decline-open"
          onClick={() => setDeclining(true)}
        >
          {t('transfers:incoming.decline')}
        </button>
      )}
    </li>
  );
}

/** A place is one of the receiver's facilities (`facility:<id>`) or a form of family care (`care:<type>`). */
function placementOf(place: string, reason: string, facility: Facility | undefined) {
  if (place.startsWith('care:')) return { careType: place.slice('care:'.length) };
  if (!facility) return undefined;
  return { facilityId: facility.id, ...(full(facility) && reason.trim() ? { overCapacityReason: reason } : {}) };
}

const full = (facility: Facility) => facility.occupancy >= facility.capacity;

function AcceptForm({ transfer, onDone }: { transfer: IncomingTransfer; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const colleagues = useColleagues();
  const facilities = useFacilities(transfer.livesInFacility);
  const accept = useAcceptTransfer();
  const [workerId, setWorkerId] = useState('');
  const [place, setPlace] = useState('');
  const [overCapacityReason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<Message | null>(null);
  const workers = colleagues.data?.items.filter((colleague) =>
    colleague.roles.some((role) => CASE_ROLES.includes(role)),
  );
  const open = facilities.data?.items.filter((facility) => facility.status !== 'closed');
  const chosen = open?.find((facility) => `facility:${facility.id}` === place);
  const id = `accept-${transfer.id}`;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const placement = transfer.livesInFacility ? placementOf(place, overCapacityReason, chosen) : undefined;
    const found: FieldErrors = {};
    const parsed = acceptTransferSchema.safeParse({ workerId, placement });
    if (!parsed.success) found.workerId = { key: 'transfers:incoming.errors.worker' };
    if (transfer.livesInFacility && !placement) found.placement = { key: 'transfers:incoming.errors.place' };
    if (chosen && full(chosen) && !overCapacityReason.trim()) {
      found.overCapacityReason = { key: 'transfers:incoming.errors.overCapacity' };
    }
    if (!parsed.success || Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    setGeneral(null);
    accept.mutate(
      { transferId: transfer.id, ...parsed.data },
      {
        onSuccess: () => onDone(t('transfers:incoming.accepted')),
        onError: (error) => {
          const { fields, general: other } = serverFieldErrors(
            error,
            ['workerId', 'placement', 'overCapacityReason'],
            (field) => (field === 'placement.overCapacityReason' ? 'overCapacityReason' : field.split('.')[0]!),
          );
          setErrors(fields);
          setGeneral(other);
        },
      },
    );
  };

  return (
    <form className="form transfer-accept" noValidate onSubmit={onSubmit} data-testid="transfer-accept-form">
      <FormAlert message={general} />
      <Field
        id={`${id}-worker`}
        name="workerId"
        label={t('transfers:incoming.worker')}
        required
        error={errors.workerId}
      >
        {(control) => (
          <select
            {...control}
            value={workerId}
            disabled={!workers}
            onChange={(event) => {
              setWorkerId(event.target.value);
              setErrors((current) => withoutError(current, 'workerId'));
            }}
          >
            <option value="">{workers ? t('transfers:incoming.chooseWorker') : t('loading')}</option>
            {workers?.map((worker) => (
              <option key={worker.id} value={worker.id}>
                {worker.displayName}
              </option>
            ))}
          </select>
        )}
      </Field>
      {transfer.livesInFacility ? (
        <Field
          id={`${id}-place`}
          name="placement"
          label={t('transfers:incoming.place')}
          hint={t('transfers:incoming.placeHint')}
          required
          error={errors.placement}
        >
          {(control) => (
            <select
              {...control}
              value={place}
              disabled={!open}
              onChange={(event) => {
                setPlace(event.target.value);
                setErrors((current) => withoutError(withoutError(current, 'placement'), 'overCapacityReason'));
              }}
            >
              <option value="">{open ? t('transfers:incoming.choosePlace') : t('loading')}</option>
              <optgroup label={t('transfers:incoming.ourFacilities')}>
                {open?.length === 0 ? <option disabled>{t('transfers:incoming.noFacilities')}</option> : null}
                {open?.map((facility) => (
                  <option key={facility.id} value={`facility:${facility.id}`}>
                    {t(full(facility) ? 'transfers:incoming.facilityFull' : 'transfers:incoming.facilityOption', {
                      name: facility.name,
                      occupancy: facility.occupancy,
                      capacity: facility.capacity,
                    })}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t('transfers:incoming.family')}>
                {HOME_CARE_TYPES.map((careType) => (
                  <option key={careType} value={`care:${careType}`}>
                    {t(`codes:careType.${careType}`)}
                  </option>
                ))}
              </optgroup>
            </select>
          )}
        </Field>
      ) : null}
      {facilities.error ? (
        <RequestErrorState error={facilities.error} onRetry={() => void facilities.refetch()} />
      ) : null}
      {chosen && full(chosen) ? (
        <NoteField
          id={`${id}-over-capacity`}
          name="overCapacityReason"
          label={t('transfers:incoming.overCapacityReason')}
          required
          value={overCapacityReason}
          onChange={setReason}
          errors={errors}
          setErrors={setErrors}
        />
      ) : null}
      <FormFooter
        pending={accept.isPending}
        submitLabel={t('transfers:incoming.accept')}
        pendingLabel={t('transfers:incoming.accepting')}
        status=""
      />
    </form>
  );
}

function DeclineForm({ transfer, onDone }: { transfer: IncomingTransfer; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const decline = useDeclineTransfer();
  const [declineReason, setReason] = useState<TransferDeclineReason | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<Message | null>(null);
  const id = `decline-${transfer.id}`;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = declineTransferSchema.safeParse({
      declineReason: declineReason || undefined,
      note: note.trim() === '' ? undefined : note,
    });
    if (!parsed.success) {
      const found: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const path = String(issue.path[0] ?? '');
        found[path] ??=
          path === 'note' ? { key: 'transfers:incoming.errors.note' } : { key: 'transfers:incoming.declineReason' };
      }
      setErrors(found);
      return;
    }
    setGeneral(null);
    decline.mutate(
      { transferId: transfer.id, ...parsed.data },
      {
        onSuccess: () => onDone(t('transfers:incoming.declined')),
        onError: (error) => {
          const { fields, general: other } = serverFieldErrors(error, ['declineReason', 'note']);
          setErrors(fields);
          setGeneral(other);
        },
      },
    );
  };

  return (
    <form className="form transfer-decline" noValidate onSubmit={onSubmit} data-testid="transfer-decline-form">
      <FormAlert message={general} />
      <RadioGroup<TransferDeclineReason>
        id={`${id}-reason`}
        name="declineReason"
        legend={t('transfers:incoming.declineReason')}
        choices={TRANSFER_DECLINE_REASONS.map((value) => ({ value, label: t(`transfers:declineReason.${value}`) }))}
        value={declineReason}
        onChange={(value) => {
          setReason(value);
          setErrors((current) => withoutError(current, 'declineReason'));
        }}
        error={errors.declineReason}
        required
      />
      <NoteField
        id={`${id}-note`}
        name="note"
        label={t('transfers:incoming.declineNote')}
        value={note}
        onChange={setNote}
        errors={errors}
        setErrors={setErrors}
      />
      <FormFooter
        pending={decline.isPending}
        submitLabel={t('transfers:incoming.declineSubmit')}
        pendingLabel={t('transfers:incoming.declining')}
        status=""
      />
    </form>
  );
}
