import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can } from '@homeward/core';
import { useUser } from '../auth/user-context';
import { Field } from '../forms/field.component';
import { FormAlert } from '../forms/form-alert.component';
import { requestErrorMessage, type FieldErrors, type Message } from '../forms/messages';
import { NoteField } from '../forms/note-field.component';
import { useDeleteCase } from './records.resource';

const MIN_REASON = 10;

/**
 * Deleting a case: behind a first button, then a reason and the case number typed again, so that it never
 * happens by a slip. The reason is kept in the audit log with the case number.
 */
export function CaseDeletion({ caseId, caseNumber }: { caseId: string; caseNumber: string }) {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const ids = useId();
  const remove = useDeleteCase(caseId);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<Message | null>(null);
  if (!can(user.access, 'case.delete')) return null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < MIN_REASON) {
      setErrors({ reason: { key: 'records:deletion.reasonShort' } });
      document.getElementById(`${ids}-reason`)?.focus();
      return;
    }
    setErrors({});
    remove.mutate(
      { reason: reason.trim(), confirmCaseNumber: confirmation.trim() },
      {
        onSuccess: () => void navigate('/cases', { replace: true }),
        onError: (failure) => setError(requestErrorMessage(failure)),
      },
    );
  };

  return (
    <section className="card case-deletion" aria-labelledby={`${ids}-title`} data-testid="case-deletion">
      <h2 id={`${ids}-title`}>{t('records:deletion.title')}</h2>
      {!open ? (
        <button type="button" className="button button--danger" onClick={() => setOpen(true)}>
          {t('records:deletion.start')}
        </button>
      ) : (
        <form className="form" noValidate onSubmit={onSubmit}>
          <p>{t('records:deletion.intro')}</p>
          <FormAlert message={error} />
          <NoteField
            id={`${ids}-reason`}
            name="reason"
            label={t('records:deletion.reason')}
            hint={t('records:deletion.reasonHint')}
            required
            maxLength={1000}
            testId="deletion-reason"
            value={reason}
            onChange={setReason}
            errors={errors}
            setErrors={setErrors}
          />
          <Field
            id={`${ids}-confirm`}
            name="confirmCaseNumber"
            label={t('records:deletion.confirm', { caseNumber })}
            required
          >
            {(control) => (
              <input
                {...control}
                type="text"
                autoComplete="off"
                value={confirmation}
                data-testid="deletion-confirm"
                onChange={(event) => setConfirmation(event.target.value)}
              />
            )}
          </Field>
          <div className="form__actions">
            <button
              type="submit"
              className="button button--danger"
              disabled={confirmation.trim() !== caseNumber || remove.isPending}
              data-testid="deletion-submit"
            >
              {t('records:deletion.submit')}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>
              {t('records:deletion.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
