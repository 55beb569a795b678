import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  can,
  CASE_SECTIONS,
  childrenOf,
  CONSENT_GIVERS,
  needsSharingConsent,
  placeName,
  REFERRAL_URGENCIES,
  SERVICE_KINDS,
  type CaseSection,
  type NewReferralInput,
} from '@homeward/core';
import { isApiError } from '../api/http';
import { useUser } from '../auth/user-context';
import { CheckboxGroup, RadioGroup } from '../forms/choice-group.component';
import { Field } from '../forms/field.component';
import { DraftNotice } from '../forms/draft-notice.component';
import { FormAlert } from '../forms/form-alert.component';
import { useFormFailure } from '../forms/use-form-failure';
import { useGazetteer } from '../locations/use-gazetteer';
import { useLanguage } from '../text/use-language';
import { useReceivers, useSendReferral } from './referrals.resource';

type Service = (typeof SERVICE_KINDS)[number];
type ConsentChoice = 'on_file' | 'record_now' | 'override';

/**
 * "Refer": the receiver chosen from the organisations on this server (filtered by the service asked and the
 * province), the services, urgency, a note and the sections shared, with the child's consent shown. Beyond
 * services, sharing needs the consent to share: on file, given now, or a supervisor's override with a reason.
 */
export function ReferForm({
  caseId,
  sharingConsent,
  onDone,
}: {
  caseId: string;
  sharingConsent: boolean;
  onDone: () => void;
}) {
  useGazetteer();
  const { t } = useTranslation();
  const language = useLanguage();
  const user = useUser();
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, general, fail, draft } = useFormFailure(formRef, { form: 'referral', scope: caseId });
  const [serviceFilter, setServiceFilter] = useState('');
  const [province, setProvince] = useState('');
  const receivers = useReceivers(serviceFilter, province);
  const send = useSendReferral(caseId);
  const [receiverId, setReceiverId] = useState('');
  const [services, setServices] = useState<Service[]>([]);
  const [urgency, setUrgency] = useState<'normal' | 'urgent'>('normal');
  const [note, setNote] = useState('');
  const [sections, setSections] = useState<CaseSection[]>(['services']);
  const [consent, setConsent] = useState<ConsentChoice>('on_file');
  const [givenBy, setGivenBy] = useState<(typeof CONSENT_GIVERS)[number]>('child_and_guardian');
  const [guardianName, setGuardianName] = useState('');
  const [reason, setReason] = useState('');
  const [id] = useState(() => crypto.randomUUID());
  const provinces = useMemo(() => childrenOf(null), []);
  const needsConsent = needsSharingConsent(sections) && !sharingConsent;
  const mayOverride = can(user.access, 'case.approve');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body: NewReferralInput = {
      id,
      receiverOrganisationId: receiverId,
      services,
      urgency,
      ...(note.trim() ? { note: note.trim() } : {}),
      sections,
      consent: !needsConsent
        ? { kind: 'on_file' }
        : consent === 'record_now'
          ? { kind: 'record_now', givenBy, ...(guardianName.trim() ? { guardianName: guardianName.trim() } : {}) }
          : consent === 'override'
            ? { kind: 'override', reason }
            : { kind: 'on_file' },
    };
    const missing: Record<string, { key: string }> = {};
    if (!receiverId) missing.receiverOrganisationId = { key: 'cases:referrals.form.chooseReceiver' };
    if (services.length === 0) missing.services = { key: 'cases:referrals.form.chooseService' };
    if (needsConsent && consent === 'on_file') missing.consent = { key: 'cases:referrals.form.consentNeeded' };
    if (Object.keys(missing).length > 0) return fail(missing, { key: 'cases:referrals.form.fix' });
    send.mutate(body, {
      onSuccess: () => {
        draft.clear();
        onDone();
      },
      onError: (error) =>
        fail(
          {},
          isApiError(error)
            ? { server: error.message, ...(error.code ? { code: error.code } : {}) }
            : { key: 'common:errors.network' },
        ),
    });
  };

  return (
    <form ref={formRef} className="form refer-form" onSubmit={onSubmit} noValidate data-testid="refer-form">
      <h3>{t('cases:referrals.form.title')}</h3>
      <DraftNotice draft={draft} />
      <FormAlert message={general} />
      <div className="form-row">
        <Field id="refer-service-filter" name="serviceFilter" label={t('cases:referrals.form.filterService')}>
          {() => (
            <>
              <select
                id="refer-service-filter"
                value={serviceFilter}
                onChange={(e) => setServiceFilter(e.target.value)}
              >
                <option value="">{t('cases:referrals.form.any')}</option>
                {SERVICE_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`codes:serviceKind.${kind}`)}
                  </option>
                ))}
              </select>
            </>
          )}
        </Field>
        <Field id="refer-province" name="province" label={t('cases:referrals.form.province')}>
          {() => (
            <>
              <select
                id="refer-province"
                name="province"
                value={province}
                onChange={(e) => setProvince(e.target.value)}
              >
                <option value="">{t('cases:referrals.form.any')}</option>
                {provinces.map((place) => (
                  <option key={place.code} value={place.code}>
                    {placeName(place, language)}
                  </option>
                ))}
              </select>
            </>
          )}
        </Field>
      </div>
      <Field
        id="refer-receiver"
        name="receiverOrganisationId"
        label={t('cases:referrals.form.receiver')}
        error={errors.receiverOrganisationId}
        required
      >
        {() => (
          <>
            <select
              id="refer-receiver"
              name="receiverOrganisationId"
              value={receiverId}
              onChange={(e) => setReceiverId(e.target.value)}
              data-testid="refer-receiver"
            >
              <option value="">{t('cases:referrals.form.chooseReceiver')}</option>
              {(receivers.data?.items ?? []).map((org) => (
                <option key={org.id} value={org.id}>
                  {org.name}
                  {org.services.length > 0
                    ? ` — ${org.services.map((s) => t(`codes:serviceKind.${s}`)).join(', ')}`
                    : ''}
                </option>
              ))}
            </select>
          </>
        )}
      </Field>
      <CheckboxGroup
        id="refer-services"
        name="services"
        legend={t('cases:referrals.form.services')}
        choices={SERVICE_KINDS.map((kind) => ({ value: kind, label: t(`codes:serviceKind.${kind}`) }))}
        values={services}
        onChange={setServices}
        error={errors.services}
        required
        className="choices--columns"
      />
      <RadioGroup
        id="refer-urgency"
        name="urgency"
        legend={t('cases:referrals.form.urgency')}
        choices={REFERRAL_URGENCIES.map((value) => ({ value, label: t(`cases:referrals.urgency.${value}`) }))}
        value={urgency}
        onChange={setUrgency}
      />
      <Field
        id="refer-note"
        name="note"
        label={t('cases:referrals.form.note')}
        hint={t('cases:referrals.form.noteHint')}
      >
        {() => (
          <>
            <textarea id="refer-note" name="note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
          </>
        )}
      </Field>
      <CheckboxGroup
        id="refer-sections"
        name="sections"
        legend={t('cases:referrals.form.sections')}
        hint={t(sharingConsent ? 'cases:referrals.form.consentOnFile' : 'cases:referrals.form.noConsent')}
        choices={CASE_SECTIONS.map((section) => ({ value: section, label: t(`cases:referrals.section.${section}`) }))}
        values={sections}
        onChange={setSections}
        className="choices--columns"
      />
      {needsConsent ? (
        <fieldset className="refer-consent" data-testid="refer-consent">
          <RadioGroup
            id="refer-consent-kind"
            name="consent"
            legend={t('cases:referrals.form.consentLegend')}
            error={errors.consent}
            choices={[
              { value: 'record_now' as const, label: t('cases:referrals.form.recordNow') },
              ...(mayOverride ? [{ value: 'override' as const, label: t('cases:referrals.form.override') }] : []),
            ]}
            value={consent === 'on_file' ? '' : consent}
            onChange={setConsent}
          />
          {consent === 'record_now' ? (
            <>
              <RadioGroup
                id="refer-given-by"
                name="givenBy"
                legend={t('cases:referrals.form.givenBy')}
                choices={CONSENT_GIVERS.map((value) => ({ value, label: t(`codes:consentGiver.${value}`) }))}
                value={givenBy}
                onChange={setGivenBy}
              />
              <Field id="refer-guardian" name="guardianName" label={t('cases:referrals.form.guardianName')}>
                {() => (
                  <>
                    <input
                      id="refer-guardian"
                      name="guardianName"
                      value={guardianName}
                      onChange={(e) => setGuardianName(e.target.value)}
                    />
                  </>
                )}
              </Field>
            </>
          ) : null}
          {consent === 'override' ? (
            <Field id="refer-reason" name="consent.reason" label={t('cases:referrals.form.overrideReason')} required>
              {() => (
                <>
                  <textarea
                    id="refer-reason"
                    name="overrideReason"
                    rows={2}
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                  />
                </>
              )}
            </Field>
          ) : null}
          {!mayOverride ? <p className="field__hint">{t('cases:referrals.form.askSupervisor')}</p> : null}
        </fieldset>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={send.isPending} data-testid="refer-send">
          {t('cases:referrals.form.send')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('cases:referrals.form.cancel')}
        </button>
      </div>
    </form>
  );
}
