import { useTranslation } from 'react-i18next';
import { requestErrorMessage, useMessageText } from '../forms/messages';
import { useMarkTaskDone } from './tasks.resource';
import '../styles/documents.css';

interface TaskDoneButtonProps {
  taskId: string;
  /** What the task says, so that a list of "Mark done" buttons can be told apart by a screen reader. */
  title?: string;
}

/** Marks a given task done; the task list refreshes and the task leaves it. */
export function TaskDoneButton({ taskId, title }: TaskDoneButtonProps) {
  const { t } = useTranslation();
  const text = useMessageText();
  const markDone = useMarkTaskDone();
  const errorId = `task-done-error-${taskId}`;
  return (
    <span className="task-done">
      <button
        type="button"
        className="button button--small"
        data-testid="task-done"
        disabled={markDone.isPending || markDone.isSuccess}
        aria-label={title ? t('documents:task.doneNamed', { title }) : undefined}
        aria-describedby={markDone.error ? errorId : undefined}
        onClick={() => markDone.mutate(taskId)}
      >
        {markDone.isPending ? t('saving') : t('documents:task.done')}
      </button>
      {markDone.error ? (
        <span id={errorId} className="task-done__error" role="alert">
          {text(requestErrorMessage(markDone.error))}
        </span>
      ) : null}
    </span>
  );
}
