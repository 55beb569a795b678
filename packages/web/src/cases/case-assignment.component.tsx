import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { caseAssignmentSchema, type CaseDetail } from '@homeward/core';
import { useAssignCase } from '../api/access.resource';
import { Field } from '../forms/field.component';
import { FormAlert } from '../forms/form-alert.component';
import { FormFooter } from '../forms/form-footer.component';
import {
  requestErrorMessage,
  serverFieldErrors,
  useMessageText,
  type FieldErrors,
  type Message,
} from '../forms/messages';
import { useColleagues } from '../tasks/tasks.resource';

/** The roles the server accepts as a case's worker. */
const CASE_ROLES: readonly string[] = ['caseworker', 'supervisor'];

/** "Assigned to": a supervisor gives the case to a caseworker or supervisor of the organisation. */
export function CaseAssignment({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const text = useMessageText();
  const colleagues = useColleagues();
  const assign = useAssignCase(detail.id);
  const [workerId, setWorkerId] = useState(detail.assignedWorkerId ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<Message | null>(null);
  const [assigned, setAssigned] = useState<string | null>(null);
  const workers = colleagues.data?.items.filter((colleague) =>
    colleague.roles.some((role) => CASE_ROLES.includes(role)),
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setAssigned(null);
    const parsed = caseAssignmentSchema.safeParse({ workerId });
    if (!parsed.success) {
      setErrors({ workerId: { key: 'cases:assignment.errors.worker' } });
      return;
    }
    setErrors({});
    setGeneral(null);
    assign.mutate(parsed.data, {
      onSuccess: (answer) => setAssigned(answer.assignedWorkerName ?? ''),
      onError: (error) => {
        const { fields, general: other } = serverFieldErrors(error, ['workerId']);
        setErrors(fields);
        setGeneral(other);
      },
    });
  };

  return (
    <form
      className="form card case-assignment"
      noValidate
      onSubmit={onSubmit}
      aria-labelledby="assignment-title"
      data-testid="case-assignment"
    >
      <h2 id="assignment-title">{t('cases:assignment.title')}</h2>
      <FormAlert message={general} />
      <Field
        id="assignment-worker"
        name="workerId"
        label={t('cases:assignment.worker')}
        hint={t('cases:assignment.hint')}
        required
        error={errors.workerId}
      >
        {(control) => (
          <select
            {...control}
            value={workerId}
            disabled={!workers}
            aria-busy={colleagues.isPending || undefined}
            onChange={(event) => {
              setWorkerId(event.target.value);
              setErrors({});
              setAssigned(null);
            }}
          >
            <option value="">{colleagues.isPending ? t('loading') : t('cases:assignment.choose')}</option>
            {workers?.map((colleague) => (
              <option key={colleague.id} value={colleague.id}>
                {colleague.displayName} —{' '}
                {colleague.roles
                  .filter((role) => CASE_ROLES.includes(role))
                  .map((role) => t(`codes:role.${role}`))
                  .join(', ')}
              </option>
            ))}
          </select>
        )}
      </Field>
      {colleagues.error ? (
        <p className="field__error" role="alert">
          {text(requestErrorMessage(colleagues.error))}{' '}
          <button type="button" className="button button--small" onClick={() => void colleagues.refetch()}>
            {t('retry')}
          </button>
        </p>
      ) : null}
      <FormFooter
        pending={assign.isPending}
        submitLabel={t('cases:assignment.submit')}
        pendingLabel={t('cases:assignment.pending')}
        status={assigned === null ? '' : t('cases:assignment.done', { name: assigned })}
        statusTestId="assignment-status"
      />
    </form>
  );
}
