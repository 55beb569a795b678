import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, type Language, type Notification, type Task } from '@homeward/core';
import { useTasks } from '../tasks/tasks.resource';
import { useUser } from '../auth/user-context';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { formatDate, localToday } from '../text/dates';
import { useDocumentTitle } from '../text/use-document-title';
import { useLanguage } from '../text/use-language';
import { notificationLink } from './notification-link';
import {
  NOTIFICATION_PAGE,
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useNotificationPage,
} from './notifications.resource';
import './notifications.css';

const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

/** When a notice came: its day as every screen writes days, and the time (digits in Khmer for Khmer readers). */
function when(iso: string, language: Language): string {
  const date = new Date(iso);
  const time = clock.format(date);
  const text = `${formatDate(localToday(date), language)} ${time}`;
  return language === 'km' ? text.replace(/\d/g, (digit) => String.fromCharCode(0x17e0 + Number(digit))) : text;
}

/** What waits for the signed-in user: notices from others' work (newest first), and their open tasks. */
export function WaitingPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notifications:page.title'));
  const user = useUser();
  const hasTasks = can(user.access, 'case.write') || can(user.access, 'case.approve');
  return (
    <section className="page">
      <h1>{t('notifications:page.title')}</h1>
      <p className="lead">{t('notifications:page.intro')}</p>
      <NotificationsSection />
      {hasTasks ? <TasksSection /> : null}
    </section>
  );
}

function NotificationsSection() {
  const { t } = useTranslation();
  // The first page carries the counts; each "Show older" adds the next page below.
  const first = useNotificationPage(0);
  const [pages, setPages] = useState(1);
  const readAll = useMarkAllNotificationsRead();
  const unread = first.data?.unread ?? 0;
  const total = first.data?.total ?? 0;
  return (
    <section aria-labelledby="waiting-notices" data-testid="waiting-notifications">
      <div className="waiting__bar">
        <h2 id="waiting-notices">
          {t('notifications:page.notifications')}
          {unread > 0 ? (
            <span className="count-badge" data-testid="waiting-unread">
              {t('notifications:page.unreadCount', { count: unread })}
            </span>
          ) : null}
        </h2>
        {unread > 0 ? (
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={() => readAll.mutate()}
            disabled={readAll.isPending}
            data-testid="read-all"
          >
            {t('notifications:page.readAll')}
          </button>
        ) : null}
      </div>
      {first.isPending ? <LoadingState /> : null}
      {first.error ? <RequestErrorState error={first.error} onRetry={() => void first.refetch()} /> : null}
      {readAll.error ? <RequestErrorState error={readAll.error} /> : null}
      {first.data && total === 0 ? (
        <p className="empty-state empty-state--small">{t('notifications:page.none')}</p>
      ) : null}
      {total > 0 ? (
        <ul className="notice-list">
          {Array.from({ length: pages }, (_, index) => (
            <NotificationPage key={index} offset={index * NOTIFICATION_PAGE} />
          ))}
        </ul>
      ) : null}
      {pages * NOTIFICATION_PAGE < total ? (
        <button type="button" className="button button--quiet" onClick={() => setPages((count) => count + 1)}>
          {t('notifications:page.more')}
        </button>
      ) : null}
    </section>
  );
}

/** One page of notices, as items of the one list. */
function NotificationPage({ offset }: { offset: number }) {
  const { data, error, refetch } = useNotificationPage(offset);
  if (error) {
    return (
      <li>
        <RequestErrorState error={error} onRetry={() => void refetch()} />
      </li>
    );
  }
  return (
    <>
      {data?.items.map((notification) => (
        <NotificationItem key={notification.id} notification={notification} />
      ))}
    </>
  );
}

function NotificationItem({ notification }: { notification: Notification }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const markRead = useMarkNotificationRead();
  const link = notificationLink(notification);
  const unread = notification.readAt === null;
  const title = t(`notifications:kinds.${notification.kind}`, { caseNumber: notification.caseNumber ?? '—' });
  return (
    <li className={unread ? 'notice notice--unread' : 'notice'} data-testid="notification">
      <div className="notice__text">
        <span className="notice__title">
          {unread ? <span className="notice__new">{t('notifications:page.new')}</span> : null}
          {title}
        </span>
        <time className="notice__when muted" dateTime={notification.createdAt}>
          {when(notification.createdAt, language)}
        </time>
      </div>
      <div className="notice__actions">
        {link ? (
          <Link
            to={link}
            className="button button--small"
            onClick={() => {
              if (unread) markRead.mutate(notification.id);
            }}
          >
            {t('notifications:page.open')}
          </Link>
        ) : null}
        {unread ? (
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={() => markRead.mutate(notification.id)}
            disabled={markRead.isPending}
            data-testid="mark-read"
            aria-label={`${t('notifications:page.markRead')}: ${title}`}
          >
            {t('notifications:page.markRead')}
          </button>
        ) : null}
      </div>
    </li>
  );
}

function TasksSection() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { data, error, isPending, refetch } = useTasks();
  const today = localToday();
  return (
    <section aria-labelledby="waiting-tasks" data-testid="waiting-tasks">
      <div className="waiting__bar">
        <h2 id="waiting-tasks">{t('notifications:page.tasks')}</h2>
        <Link to="/tasks">{t('notifications:page.allTasks')}</Link>
      </div>
      {isPending ? <LoadingState /> : null}
      {error ? <RequestErrorState error={error} onRetry={() => void refetch()} /> : null}
      {data && data.items.length === 0 ? (
        <p className="empty-state empty-state--small">{t('notifications:page.noTasks')}</p>
      ) : null}
      {data && data.items.length > 0 ? (
        <ul className="notice-list">
          {data.items.map((task) => (
            <TaskLine key={taskKey(task)} task={task} today={today} language={language} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

const taskKey = (task: Task) => task.taskId ?? `${task.kind}-${task.caseId}-${task.dueOn}-${task.subject ?? ''}`;

function TaskLine({ task, today, language }: { task: Task; today: string; language: Language }) {
  const { t } = useTranslation();
  const overdue = task.overdue || task.dueOn < today;
  return (
    <li className="notice" data-testid="waiting-task">
      <div className="notice__text">
        <span className="notice__title">
          {task.kind === 'task' && task.title ? task.title : t(`oversight:tasks.kind.${task.kind}`)}
        </span>
        <span className={overdue ? 'notice__when overdue-text' : 'notice__when muted'}>
          {t('notifications:page.due', { date: formatDate(task.dueOn, language) })} ·{' '}
          <Link to={`/cases/${task.caseId}`}>{task.caseNumber}</Link>
        </span>
      </div>
    </li>
  );
}
