import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HubCredentials } from '@homeward/core';
import { isApiError } from '../api/http';
import { Field } from '../forms/field.component';
import { FormAlert } from '../forms/form-alert.component';
import { requestErrorMessage, type Message } from '../forms/messages';
import { useCreateHub } from './devices.resource';

/** The command an operator runs on the shelter's laptop; the central address is this server's, as the browser sees it. */
function linkCommand(token: string): string {
  return `homeward hub link --central ${window.location.origin} --token ${token}`;
}

/**
 * "Add a shelter hub" (decision 0019): an administrator names the shelter's laptop and gets the command that
 * links it, with its token. The token is shown this once (the server keeps only its hash) and is gone when the
 * panel closes; the hub then appears in the device list like a phone, and is revoked like one.
 */
export function AddHub() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<HubCredentials | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const close = () => {
    setCreated(null);
    setOpen(false);
    requestAnimationFrame(() => opener.current?.focus());
  };
  return (
    <section className="card add-hub" aria-labelledby="add-hub-title" data-testid="add-hub">
      <h2 id="add-hub-title">{t('oversight:devices.hub.title')}</h2>
      <p className="muted">{t('oversight:devices.hub.intro')}</p>
      {created ? (
        <HubToken credentials={created} onDone={close} />
      ) : open ? (
        <HubForm onCreated={setCreated} onCancel={close} />
      ) : (
        <button
          ref={opener}
          type="button"
          className="button button--primary"
          onClick={() => setOpen(true)}
          data-testid="add-hub-open"
        >
          {t('oversight:devices.hub.open')}
        </button>
      )}
    </section>
  );
}

function HubForm({ onCreated, onCancel }: { onCreated: (credentials: HubCredentials) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const ids = useId();
  const create = useCreateHub();
  // One id per hub being added: a second press or a retry after a lost answer is the same hub, never a second one.
  const [id, setId] = useState(() => crypto.randomUUID());
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<Message | undefined>(undefined);
  const [error, setError] = useState<Message | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameError({ key: 'oversight:devices.hub.nameRequired' });
      document.getElementById(`${ids}-name`)?.focus();
      return;
    }
    setNameError(undefined);
    create.mutate(
      { id, name: name.trim() },
      {
        onSuccess: onCreated,
        onError: (failure) => {
          if (isApiError(failure, 409)) {
            // The hub exists but its token was lost on the way: the next attempt is a new hub.
            setId(crypto.randomUUID());
            setError({ key: 'oversight:devices.hub.lostAnswer' });
          } else setError(requestErrorMessage(failure));
        },
      },
    );
  };

  return (
    <form className="form form--narrow" noValidate onSubmit={onSubmit} data-testid="add-hub-form">
      <FormAlert message={error} />
      <Field
        id={`${ids}-name`}
        name="name"
        label={t('oversight:devices.hub.name')}
        hint={t('oversight:devices.hub.nameHint')}
        error={nameError}
        required
      >
        {(control) => (
          <input
            {...control}
            type="text"
            maxLength={120}
            autoComplete="off"
            autoFocus
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              setNameError(undefined);
            }}
            data-testid="add-hub-name"
          />
        )}
      </Field>
      <div className="form__actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={create.isPending}
          data-testid="add-hub-create"
        >
          {t('oversight:devices.hub.create')}
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel}>
          {t('oversight:devices.hub.cancel')}
        </button>
      </div>
    </form>
  );
}

function HubToken({ credentials, onDone }: { credentials: HubCredentials; onDone: () => void }) {
  const { t } = useTranslation();
  const command = linkCommand(credentials.token);
  const commandRef = useRef<HTMLPreElement>(null);
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(command);
      setCopied('copied');
    } catch {
      // Without a secure context the clipboard is closed: the command is selected for the person to copy.
      const range = document.createRange();
      if (commandRef.current) range.selectNodeContents(commandRef.current);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      setCopied('failed');
    }
  };

  return (
    <div className="hub-token" data-testid="hub-token">
      <h3 tabIndex={-1} ref={(heading) => heading?.focus()}>
        {t('oversight:devices.hub.created', { name: credentials.device.name })}
      </h3>
      <div className="card card--note">
        <p className="warning" data-testid="hub-token-once">
          {t('oversight:devices.hub.once')}
        </p>
      </div>
      <p id="hub-command-label">{t('oversight:devices.hub.command')}</p>
      <pre
        className="hub-token__command"
        ref={commandRef}
        aria-labelledby="hub-command-label"
        data-testid="hub-command"
      >
        <code>{command}</code>
      </pre>
      <div className="form__actions">
        <button type="button" className="button button--primary" onClick={() => void copy()} data-testid="hub-copy">
          {t('oversight:devices.hub.copy')}
        </button>
        <button type="button" className="button button--quiet" onClick={onDone} data-testid="hub-done">
          {t('oversight:devices.hub.done')}
        </button>
        <p className="form__status" role="status">
          {copied ? t(`oversight:devices.hub.${copied}`) : ''}
        </p>
      </div>
    </div>
  );
}
