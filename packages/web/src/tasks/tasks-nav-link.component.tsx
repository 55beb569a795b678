import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useTasks } from './tasks.resource';
import { localToday } from '../text/dates';
import { urgentTaskCount } from './task-groups';

/** "My tasks" in the nav, with a badge counting what is due within a week: the app's notifications. */
export function TasksNavLink() {
  const { t } = useTranslation();
  const { data } = useTasks();
  const { urgent, overdue } = data ? urgentTaskCount(data.items, localToday()) : { urgent: 0, overdue: 0 };
  return (
    <NavLink to="/tasks" className="app-nav__link" data-testid="nav-tasks">
      {t('oversight:nav.tasks')}
      {urgent > 0 ? (
        <>
          <span
            className={overdue > 0 ? 'nav-badge nav-badge--alert' : 'nav-badge'}
            aria-hidden="true"
            data-testid="nav-tasks-count"
          >
            {urgent}
          </span>
          <span className="visually-hidden">
            {overdue > 0
              ? t('oversight:nav.tasksOverdue', { count: urgent, overdue })
              : t('oversight:nav.tasksDue', { count: urgent })}
          </span>
        </>
      ) : null}
    </NavLink>
  );
}
