import { useTranslation } from 'react-i18next';

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
    </section>
  );
}
