import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HeldOperation } from '@homeward/core';
import { isApiError } from '../api/http';
import { FormAlert } from '../forms/form-alert.component';
import { requestErrorMessage, type FieldErrors, type Message } from '../forms/messages';
import { NoteField } from '../forms/note-field.component';
import { useHeldReason } from './held-text';
import { useActOnHeld } from './sync.resource';

interface HeldAttentionProps {
  held: HeldOperation;
  onDone: (result: HeldOperation) => void;
}

type Step = 'choose' | 'reapply' | 'discard';

/**
 * A change the case's rules refused on arrival: send it again (once the case was reopened, say) or discard it
 * with a reason. Both ask first; a refusal again is shown with its reason, and the change stays held.
 */
export function HeldAttention({ held, onDone }: HeldAttentionProps) {
  const { t } = useTranslation();
  const reasonText = useHeldReason();
  const act = useActOnHeld(held.id);
  const [step, setStep] = useState<Step>('choose');
  const [reason, setReason] = useState('');
  const [reasonErrors, setReasonErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<Message | null>(null);

  const fail = (failure: unknown) => {
    setStep('choose');
    setError(
      isApiError(failure) && failure.code === 'held_decided'
        ? { key: 'sync:held.decided' }
        : requestErrorMessage(failure),
    );
  };
  const answered = (result: HeldOperation) => {
    if (result.status !== 'open') {
      onDone(result);
      return;
    }
    setStep('choose');
    // The case's rules refused it again: it stays held, with the new reason in the same words as before.
    setError({ key: 'sync:attention.stillRefused', params: { reason: reasonText(result) } });
  };

  const reapply = () => {
    setError(null);
    act.mutate({ action: 'reapply' }, { onSuccess: answered, onError: fail });
  };
  const discard = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setReasonErrors({ reason: { key: 'sync:attention.discardReasonRequired' } });
      return;
    }
    setError(null);
    act.mutate({ action: 'discard', reason: reason.trim() }, { onSuccess: answered, onError: fail });
  };

  return (
    <section className="card held-attention" aria-labelledby="held-attention-title" data-testid="held-attention">
      <h2 id="held-attention-title">{t('sync:attention.title')}</h2>
      <FormAlert message={error} />
      {step === 'choose' ? <p className="field__hint">{t('sync:attention.hint')}</p> : null}
      {step === 'choose' ? (
        <div className="form__actions">
          <button
            type="button"
            className="button button--primary"
            onClick={() => setStep('reapply')}
            data-testid="held-reapply"
          >
            {t('sync:attention.reapply')}
          </button>
          <button type="button" className="button" onClick={() => setStep('discard')} data-testid="held-discard">
            {t('sync:attention.discard')}
          </button>
        </div>
      ) : null}
      {step === 'reapply' ? (
        <div className="held-confirm" data-testid="held-reapply-confirm">
          <p>
            <strong>{t('sync:attention.reapplyConfirm')}</strong>
          </p>
          <div className="form__actions">
            <button
              type="button"
              className="button button--primary"
              onClick={reapply}
              disabled={act.isPending}
              data-testid="held-confirm"
            >
              {act.isPending ? t('sync:attention.reapplying') : t('sync:attention.confirm')}
            </button>
            <button type="button" className="button" onClick={() => setStep('choose')}>
              {t('sync:attention.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {step === 'discard' ? (
        <form className="held-confirm" onSubmit={discard} noValidate data-testid="held-discard-form">
          <NoteField
            id="held-discard-reason"
            name="reason"
            label={t('sync:attention.discardReason')}
            hint={t('sync:attention.discardReasonHint')}
            required
            maxLength={1000}
            value={reason}
            onChange={setReason}
            errors={reasonErrors}
            setErrors={setReasonErrors}
          />
          <p>
            <strong>{t('sync:attention.discardConfirm')}</strong>
          </p>
          <div className="form__actions">
            <button
              type="submit"
              className="button button--primary"
              disabled={act.isPending}
              data-testid="held-confirm"
            >
              {act.isPending ? t('sync:attention.discarding') : t('sync:attention.discard')}
            </button>
            <button type="button" className="button" onClick={() => setStep('choose')}>
              {t('sync:attention.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
