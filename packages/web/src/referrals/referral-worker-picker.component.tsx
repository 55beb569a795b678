import { useTranslation } from 'react-i18next';
import { useColleagues } from '../tasks/tasks.resource';

/** The roles the server accepts as the worker who takes a referred child on. */
const CASE_ROLES: readonly string[] = ['caseworker', 'supervisor'];

/**
 * Who of the receiving organisation takes the child on, chosen by whoever may assign cases when accepting;
 * the one accepting is chosen until someone else is.
 */
export function ReferralWorkerPicker({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange: (workerId: string) => void;
}) {
  const { t } = useTranslation();
  const colleagues = useColleagues();
  const workers = colleagues.data?.items.filter((colleague) =>
    colleague.roles.some((role) => CASE_ROLES.includes(role)),
  );
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {t('cases:referrals.incoming.worker')}
      </label>
      <select
        id={id}
        value={value}
        disabled={!workers}
        onChange={(event) => onChange(event.target.value)}
        data-testid="referral-worker"
      >
        {workers ? null : <option value={value}>{t('loading')}</option>}
        {workers?.map((worker) => (
          <option key={worker.id} value={worker.id}>
            {worker.displayName}
          </option>
        ))}
      </select>
    </div>
  );
}
