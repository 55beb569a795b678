import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { can, fingerprintGroups, installationCardSchema, type InstallationCard } from '@homeward/core';
import { useUser } from '../auth/user-context';
import { Field } from '../forms/field.component';
import { FormAlert } from '../forms/form-alert.component';
import { type Message } from '../forms/messages';
import { bundleErrorMessage } from './bundle-errors';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { formatDate } from '../text/dates';
import { useDocumentTitle } from '../text/use-document-title';
import { useLanguage } from '../text/use-language';
import { downloadCard, saveAs, useAddPartner, useInstallation, useRemovePartner } from './bundles.resource';

/** `/settings/installation`: this installation's card to give out, and the partner installations trusted. */
export function InstallationPage() {
  const { t } = useTranslation();
  const user = useUser();
  const allowed = can(user.access, 'installation.manage');
  useDocumentTitle(t('bundles:installation.title'));
  const installation = useInstallation(allowed);
  if (!allowed) return <Navigate to="/cases" replace />;
  return (
    <section className="page installation-page">
      <div className="page__header">
        <h1>{t('bundles:installation.title')}</h1>
        <Link to="/cases/import" className="button" data-testid="import-link">
          {t('bundles:installation.importLink')}
        </Link>
      </div>
      <p className="lead">{t('bundles:installation.intro')}</p>
      {installation.isPending ? <LoadingState /> : null}
      {installation.error ? (
        <RequestErrorState error={installation.error} onRetry={() => void installation.refetch()} />
      ) : null}
      {installation.data ? (
        <>
          <OwnCard card={installation.data.card} />
          <Partners partners={installation.data.partners} />
          <AddPartner />
        </>
      ) : null}
    </section>
  );
}

function OwnCard({ card }: { card: InstallationCard }) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<Message | null>(null);
  const onDownload = async () => {
    setError(null);
    try {
      saveAs(await downloadCard(), `homeward-card-${card.fingerprint.slice(0, 8)}.json`);
    } catch (failure) {
      setError(bundleErrorMessage(failure, (key) => i18n.exists(key)));
    }
  };
  return (
    <section className="card installation-card" data-testid="own-card">
      <h2>{t('bundles:installation.cardTitle')}</h2>
      <FormAlert message={error} />
      <dl className="installation-card__facts">
        <dt>{t('bundles:installation.name')}</dt>
        <dd>{card.name}</dd>
        <dt>{t('bundles:installation.fingerprint')}</dt>
        <dd>
          <code className="fingerprint" data-testid="own-fingerprint">
            {fingerprintGroups(card.fingerprint)}
          </code>
          <p className="muted">{t('bundles:installation.fingerprintHint')}</p>
        </dd>
      </dl>
      <button
        type="button"
        className="button button--primary"
        onClick={() => void onDownload()}
        data-testid="card-download"
      >
        {t('bundles:installation.downloadCard')}
      </button>
    </section>
  );
}

function Partners({
  partners,
}: {
  partners: { id: string; name: string; fingerprint: string; addedAt: string; addedBy: string | null }[];
}) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const remove = useRemovePartner();
  return (
    <section className="card" data-testid="partners">
      <h2>{t('bundles:installation.partnersTitle')}</h2>
      <FormAlert message={remove.error ? bundleErrorMessage(remove.error, (key) => i18n.exists(key)) : null} />
      {partners.length === 0 ? <p className="muted">{t('bundles:installation.partnersEmpty')}</p> : null}
      <ul className="partner-list">
        {partners.map((partner) => (
          <li key={partner.id} className="partner-list__item" data-testid="partner">
            <div>
              <strong>{partner.name}</strong>
              <code className="fingerprint">{fingerprintGroups(partner.fingerprint)}</code>
              <span className="muted">
                {t('bundles:installation.addedBy', {
                  name: partner.addedBy ?? '—',
                  date: formatDate(partner.addedAt.slice(0, 10), language),
                })}
              </span>
            </div>
            <button
              type="button"
              className="button button--danger"
              disabled={remove.isPending}
              onClick={() => {
                if (window.confirm(t('bundles:installation.removeConfirm', { name: partner.name })))
                  remove.mutate(partner.id);
              }}
            >
              {t('bundles:installation.remove')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function AddPartner() {
  const { t, i18n } = useTranslation();
  const ids = useId();
  const add = useAddPartner();
  const [card, setCard] = useState<InstallationCard | null>(null);
  const [cardError, setCardError] = useState<Message | undefined>();
  const [confirm, setConfirm] = useState('');
  const [name, setName] = useState('');
  const [done, setDone] = useState(false);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    setDone(false);
    setCard(null);
    setCardError(undefined);
    const file = event.target.files?.[0];
    if (!file) return;
    try {
      const parsed = installationCardSchema.safeParse(JSON.parse(await file.text()));
      if (parsed.success) setCard(parsed.data);
      else setCardError({ key: 'bundles:installation.cardUnreadable' });
    } catch {
      setCardError({ key: 'bundles:installation.cardUnreadable' });
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!card) {
      setCardError({ key: 'bundles:installation.cardUnreadable' });
      return;
    }
    add.mutate(
      { card, confirmFingerprint: confirm, ...(name.trim() ? { name: name.trim() } : {}) },
      {
        onSuccess: () => {
          setDone(true);
          setCard(null);
          setConfirm('');
          setName('');
        },
      },
    );
  };

  return (
    <section className="card" data-testid="add-partner">
      <h2>{t('bundles:installation.addTitle')}</h2>
      <form className="form" noValidate onSubmit={onSubmit}>
        <FormAlert message={add.error ? bundleErrorMessage(add.error, (key) => i18n.exists(key)) : null} />
        <Field id={`${ids}-card`} name="card" label={t('bundles:installation.cardFile')} error={cardError} required>
          {(control) => (
            <input
              {...control}
              type="file"
              accept=".json,application/json"
              onChange={(e) => void onFile(e)}
              data-testid="partner-card"
            />
          )}
        </Field>
        {card ? (
          <p data-testid="partner-card-fingerprint">
            {t('bundles:installation.cardFingerprint', { fingerprint: fingerprintGroups(card.fingerprint) })}
          </p>
        ) : null}
        <Field
          id={`${ids}-confirm`}
          name="confirmFingerprint"
          label={t('bundles:installation.confirmFingerprint')}
          hint={t('bundles:installation.confirmFingerprintHint')}
          required
        >
          {(control) => (
            <input
              {...control}
              value={confirm}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => setConfirm(event.target.value)}
              data-testid="partner-confirm"
            />
          )}
        </Field>
        <Field id={`${ids}-name`} name="name" label={t('bundles:installation.partnerName')}>
          {(control) => (
            <input
              {...control}
              value={name}
              placeholder={card?.name ?? ''}
              onChange={(event) => setName(event.target.value)}
            />
          )}
        </Field>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={add.isPending} data-testid="partner-add">
            {t('bundles:installation.add')}
          </button>
          <p className="form__status" role="status">
            {done ? t('bundles:installation.added') : ''}
          </p>
        </div>
      </form>
    </section>
  );
}
