import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser } from '../auth/user-context';
import { Field } from '../forms/field.component';
import { FormAlert } from '../forms/form-alert.component';
import { FormFooter } from '../forms/form-footer.component';
import { useFormFailure } from '../forms/use-form-failure';
import { requestErrorMessage, serverFieldErrors, useMessageText } from '../forms/messages';
import { withoutError } from '../forms/without-error';
import { formatDate, localToday } from '../text/dates';
import { useLanguage } from '../text/use-language';
import { defaultDueOn, TASK_FIELDS, validateTask } from './give-task-form';
import { useColleagues, useGiveTask, type Colleague } from './tasks.resource';
import '../styles/documents.css';
import { DateInput } from '../forms/date-input.component';
import { DraftNotice } from '../forms/draft-notice.component';

/** "Give a task": a colleague, what to do and by when, about this case. It lands on their list of work. */
export function GiveTask({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const text = useMessageText();
  const language = useLanguage();
  const user = useUser();
  const colleagues = useColleagues();
  const giveTask = useGiveTask();
  const today = localToday();
  const formRef = useRef<HTMLFormElement>(null);
  const [assignedTo, setAssignedTo] = useState('');
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState(() => defaultDueOn());
  const [given, setGiven] = useState<{ name: string; dueOn: string } | null>(null);
  const { errors, setErrors, general, setGeneral, fail, draft } = useFormFailure(formRef, {
    form: 'give-task',
    scope: caseId,
  });

  const colleagueLabel = (colleague: Colleague) => {
    const name =
      colleague.id === user.id ? t('documents:task.you', { name: colleague.displayName }) : colleague.displayName;
    const roles = colleague.roles.map((role) => t(`codes:role.${role}`)).join(', ');
    return roles ? `${name} — ${roles}` : name;
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setGiven(null);
    const result = validateTask({ caseId, assignedTo, title, dueOn }, today);
    if (!result.ok) {
      fail(result.errors, result.general);
      return;
    }
    setErrors({});
    setGeneral(null);
    const assignee = colleagues.data?.items.find((colleague) => colleague.id === result.value.assignedTo);
    giveTask.mutate(result.value, {
      onSuccess: () => {
        draft.clear();
        setGiven({ name: assignee?.displayName ?? '', dueOn: result.value.dueOn });
        setAssignedTo('');
        setTitle('');
        setDueOn(defaultDueOn());
      },
      onError: (error) => {
        const { fields, general: other } = serverFieldErrors(error, TASK_FIELDS);
        fail(fields, other);
      },
    });
  };

  return (
    <form
      ref={formRef}
      className="form card give-task"
      noValidate
      onSubmit={onSubmit}
      aria-labelledby="give-task-title"
      data-testid="give-task"
    >
      <h2 id="give-task-title">{t('documents:task.title')}</h2>
      <p className="field__hint">{t('documents:task.intro')}</p>
      <DraftNotice draft={draft} />
      <FormAlert message={general} />
      <Field
        id="task-assignee"
        name="assignedTo"
        label={t('documents:task.colleague')}
        required
        error={errors.assignedTo}
      >
        {(control) => (
          <select
            {...control}
            value={assignedTo}
            disabled={!colleagues.data}
            aria-busy={colleagues.isPending || undefined}
            onChange={(event) => {
              setAssignedTo(event.target.value);
              setErrors((current) => withoutError(current, 'assignedTo'));
            }}
          >
            <option value="">{colleagues.isPending ? t('loading') : t('documents:task.chooseColleague')}</option>
            {colleagues.data?.items.map((colleague) => (
              <option key={colleague.id} value={colleague.id}>
                {colleagueLabel(colleague)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {colleagues.error ? (
        <p className="field__error give-task__load-error" role="alert">
          {text(requestErrorMessage(colleagues.error))}{' '}
          <button type="button" className="button button--small" onClick={() => void colleagues.refetch()}>
            {t('retry')}
          </button>
        </p>
      ) : null}
      <Field
        id="task-title"
        name="title"
        label={t('documents:task.what')}
        hint={t('documents:task.whatHint')}
        required
        error={errors.title}
      >
        {(control) => (
          <input
            {...control}
            type="text"
            autoComplete="off"
            value={title}
            onChange={(event) => {
              setTitle(event.target.value);
              setErrors((current) => withoutError(current, 'title'));
            }}
          />
        )}
      </Field>
      <Field
        id="task-due"
        name="dueOn"
        label={t('documents:task.dueOn')}
        required
        error={errors.dueOn}
        className="field--short"
      >
        {(control) => (
          <DateInput
            {...control}
            min={today}
            value={dueOn}
            onChange={(value) => {
              setDueOn(value);
              setErrors((current) => withoutError(current, 'dueOn'));
            }}
          />
        )}
      </Field>
      <FormFooter
        pending={giveTask.isPending}
        submitLabel={t('documents:task.submit')}
        pendingLabel={t('documents:task.giving')}
        status={given ? t('documents:task.given', { name: given.name, date: formatDate(given.dueOn, language) }) : ''}
        statusTestId="give-task-status"
      />
    </form>
  );
}
