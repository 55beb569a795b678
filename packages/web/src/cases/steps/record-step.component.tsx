import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNarrowScreen } from '../../layout/use-narrow-screen';
import { STEP_GROUPS, stepAvailability } from './step-catalogue';
import type { StepChoice, StepContext, StepType } from './step-context';
import { StepFormFor } from './step-form-for.component';

interface RecordStepProps {
  context: StepContext;
  /** The step being recorded or corrected; null shows the list of steps. */
  choice: StepChoice | null;
  onChoose: (choice: StepChoice | null) => void;
}

/**
 * "Record a step": every step of the life of a case, grouped, with the reason a step cannot be recorded now
 * ("needs approval", "case closed") rather than a silent absence. Choosing one opens its form in place.
 */
export function RecordStep({ context, choice, onChoose }: RecordStepProps) {
  const { t } = useTranslation();
  const panelRef = useRef<HTMLElement>(null);
  const [saved, setSaved] = useState<StepType | null>(null);
  // Twenty-odd steps make a long list on a phone: there it folds away until asked for, so the history stays near.
  const narrow = useNarrowScreen();
  const [menuOpen, setMenuOpen] = useState(false);
  const showMenu = !narrow || menuOpen;

  // A form opened from elsewhere on the page (a timeline correction, an Approve button) comes into view with focus.
  useEffect(() => {
    if (!choice) return;
    const title = panelRef.current?.querySelector<HTMLElement>('.step-form__title');
    title?.focus({ preventScroll: true });
    panelRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [choice]);

  const close = () => {
    onChoose(null);
    panelRef.current?.querySelector<HTMLElement>('#steps-title')?.focus();
  };

  return (
    <section ref={panelRef} className="card step-panel" aria-labelledby="steps-title" data-testid="record-step">
      <h2 id="steps-title" tabIndex={-1}>
        {t('steps:menu.title')}
      </h2>
      <p role="status" className="form__status step-panel__status" data-testid="step-saved">
        {saved && !choice ? t('steps:menu.saved', { step: t(`codes:eventType.${saved}`) }) : ''}
      </p>
      {choice ? (
        <StepFormFor
          key={`${choice.type}-${choice.original?.id ?? 'new'}-${JSON.stringify(choice.preset ?? {})}`}
          type={choice.type}
          context={context}
          original={choice.original}
          preset={choice.preset}
          onDone={() => {
            setSaved(choice.type);
            close();
          }}
          onCancel={close}
        />
      ) : (
        <>
          {narrow ? (
            <button
              type="button"
              className="button step-panel__toggle"
              aria-expanded={menuOpen}
              aria-controls="step-menu"
              onClick={() => setMenuOpen((open) => !open)}
            >
              {menuOpen ? t('steps:menu.hide') : t('steps:menu.show')}
            </button>
          ) : null}
          <div className="step-menu" id="step-menu" hidden={!showMenu}>
            {STEP_GROUPS.map((group) => (
              <div key={group.id} className="step-menu__group">
                <h3 id={`step-group-${group.id}`} className="step-menu__title">
                  {t(`steps:groups.${group.id}`)}
                </h3>
                <ul className="step-menu__list" aria-labelledby={`step-group-${group.id}`}>
                  {group.steps.map((type) => {
                    const availability =
                      context.writable && !context.writable(type)
                        ? ({ ok: false, reason: 'notShared' } as const)
                        : stepAvailability(type, context.state, context.canApprove);
                    const whyId = `step-why-${type}`;
                    return (
                      <li key={type} className="step-menu__item">
                        <button
                          type="button"
                          className={availability.ok ? 'step-button' : 'step-button step-button--unavailable'}
                          data-testid={`step-${type}`}
                          aria-disabled={availability.ok ? undefined : true}
                          aria-describedby={availability.ok ? undefined : whyId}
                          onClick={() => {
                            if (!availability.ok) return;
                            setSaved(null);
                            onChoose({ type });
                          }}
                        >
                          {t(`steps:menu.labels.${type}`, { defaultValue: t(`codes:eventType.${type}`) })}
                        </button>
                        {availability.ok ? null : (
                          <span id={whyId} className="step-button__why">
                            {t(`steps:unavailable.${availability.reason}`)}
                          </span>
                        )}
                      </li>
                    );
                  })}
                </ul>
              </div>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
