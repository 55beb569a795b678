import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNarrowScreen } from '../layout/use-narrow-screen';

/**
 * The case history, folded on a phone until asked for: a long timeline would otherwise push everything after
 * it thousands of pixels down. On a wider screen it is always open.
 */
export function CaseHistory({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const narrow = useNarrowScreen();
  const [open, setOpen] = useState(false);
  const shown = !narrow || open;
  return (
    <section className="case-page__timeline" aria-labelledby="timeline-title" data-testid="case-history">
      <h2 id="timeline-title">{title}</h2>
      {narrow ? (
        <button
          type="button"
          className="button case-history__toggle"
          aria-expanded={open}
          aria-controls="case-history-body"
          data-testid="case-history-toggle"
          onClick={() => setOpen((value) => !value)}
        >
          {open ? t('cases:timeline.hide') : t('cases:timeline.show')}
        </button>
      ) : null}
      <div id="case-history-body" hidden={!shown}>
        {children}
      </div>
    </section>
  );
}
