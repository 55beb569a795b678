import { useTranslation } from 'react-i18next';
import { TaskDoneButton } from './task-done-button.component';
import type { Task } from '@homeward/core';
import { useTasks } from './tasks.resource';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { formatDate, localToday } from '../text/dates';
import { useDocumentTitle } from '../text/use-document-title';
import { useLanguage } from '../text/use-language';
import { CaseNumberLink, CaseRefNames } from '../cases/case-ref.component';
import { daysBetween } from '../text/calendar-days';
import { groupTasks, TASK_GROUPS } from './task-groups';

/** The signed-in user's due work: follow-up visits, care-plan reviews and approvals, soonest first. */
export function TasksPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('oversight:tasks.title'));
  const { data, error, isPending, refetch } = useTasks();
  const today = localToday();
  const groups = data ? groupTasks(data.items, today) : null;

  return (
    <section className="page">
      <h1>{t('oversight:tasks.title')}</h1>
      <p className="lead">{t('oversight:tasks.intro')}</p>
      {isPending ? <LoadingState /> : null}
      {error ? <RequestErrorState error={error} onRetry={() => void refetch()} /> : null}
      {data && data.items.length === 0 ? (
        <p className="empty-state" data-testid="tasks-empty">
          {t('oversight:tasks.empty')}
        </p>
      ) : null}
      {groups && data && data.items.length > 0
        ? TASK_GROUPS.map((group) => (
            <section
              key={group}
              className="task-group"
              aria-labelledby={`tasks-${group}-title`}
              data-testid={`tasks-${group}`}
            >
              <h2 id={`tasks-${group}-title`}>
                {t(`oversight:tasks.groups.${group}`)}
                <span
                  className={
                    group === 'overdue' && groups[group].length > 0 ? 'count-badge count-badge--alert' : 'count-badge'
                  }
                >
                  {groups[group].length}
                </span>
              </h2>
              {groups[group].length === 0 ? (
                <p className="empty-state empty-state--small">{t(`oversight:tasks.groupEmpty.${group}`)}</p>
              ) : (
                <ul className="task-list">
                  {groups[group].map((task) => (
                    <TaskItem
                      key={task.taskId ?? `${task.kind}-${task.caseId}-${task.dueOn}-${task.subject ?? ''}`}
                      task={task}
                      today={today}
                    />
                  ))}
                </ul>
              )}
            </section>
          ))
        : null}
    </section>
  );
}

function TaskItem({ task, today }: { task: Task; today: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const days = daysBetween(today, task.dueOn);
  const kind =
    task.kind === 'approval' && task.subject
      ? t('oversight:tasks.kind.approvalOf', { subject: t(`codes:approvalSubject.${task.subject}`) })
      : t(`oversight:tasks.kind.${task.kind}`);
  const when = task.overdue
    ? t('oversight:daysOverdue', { count: Math.max(1, -days) })
    : days < 0
      ? // Past its date yet not overdue: an approval, counted from when it was asked for.
        t('oversight:daysWaiting', { count: -days })
      : days === 0
        ? t('oversight:tasks.dueToday')
        : t('oversight:tasks.dueIn', { count: days });
  return (
    <li className={task.overdue ? 'task task--overdue' : 'task'} data-testid="task">
      <div className="task__head">
        <span className="task__kind">{kind}</span>
        <span className={task.overdue ? 'task__due overdue-text' : 'task__due'}>
          <time dateTime={task.dueOn}>{formatDate(task.dueOn, language)}</time> · {when}
        </span>
      </div>
      {task.kind === 'task' && task.title ? (
        <p className="task__title">
          {task.title}
          {task.assignedBy ? (
            <span className="task__by"> · {t('oversight:tasks.givenBy', { name: task.assignedBy })}</span>
          ) : null}
        </p>
      ) : null}
      <div className="task__case">
        <CaseNumberLink item={task} /> <CaseRefNames item={task} />
      </div>
      {task.kind === 'task' && task.taskId ? <TaskDoneButton taskId={task.taskId} title={task.title} /> : null}
    </li>
  );
}
