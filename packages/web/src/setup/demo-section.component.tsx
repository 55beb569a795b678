import { useTranslation } from 'react-i18next';
import { useDemoProgress } from '../api/setup.resource';

export function DemoSection({ onLoad, pending }: { onLoad: () => void; pending: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="card card--muted" aria-labelledby="demo-title">
      <h2 id="demo-title">{t('setup.demo.title')}</h2>
      <p>{t('setup.demo.body')}</p>
      <p className="warning">{t('setup.demo.warning')}</p>
      <button type="button" className="button" onClick={onLoad} disabled={pending}>
        {pending ? t('setup.demo.loading') : t('setup.demo.submit')}
      </button>
      {pending ? <DemoProgressBar /> : null}
    </section>
  );
}

/** The load takes half a minute: say which step it is on and how far it has come. */
function DemoProgressBar() {
  const { t } = useTranslation();
  const { data } = useDemoProgress(true);
  const progress = data ?? { step: 'starting' as const, done: 0, total: 1 };
  const percent = Math.floor((progress.done / progress.total) * 100);
  const label = t(`setup.demo.steps.${progress.step}`);
  return (
    <div className="demo-progress" data-testid="demo-progress">
      <label className="demo-progress__label" htmlFor="demo-progress-bar">
        {label}
        <span className="demo-progress__percent">{t('setup.demo.percent', { percent })}</span>
      </label>
      <progress id="demo-progress-bar" className="demo-progress__bar" max={progress.total} value={progress.done} />
    </div>
  );
}
