import { useId, useState, type ReactNode } from 'react';
import { useNarrowScreen } from './use-narrow-screen';

/**
 * A form that is not the page's main work (give a task, refer to a department, add a document), folded on a
 * phone behind one button named for it, so the case page is not thousands of pixels of empty forms; on a wider
 * screen it is always open. It stays mounted while folded, so a draft put back into it (useFormDraft types
 * into it) is kept, and opens the fold: a half-filled form is never hidden from the person who left it.
 */
export function PhoneFold({ label, testId, children }: { label: string; testId?: string; children: ReactNode }) {
  const narrow = useNarrowScreen();
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  return (
    <div className="phone-fold" data-testid={testId} onInput={() => setOpen(true)}>
      {narrow ? (
        <button
          type="button"
          className="button phone-fold__toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen((value) => !value)}
        >
          <span aria-hidden="true" className="phone-fold__sign">
            {open ? '−' : '+'}
          </span>{' '}
          {label}
        </button>
      ) : null}
      <div id={bodyId} hidden={narrow && !open}>
        {children}
      </div>
    </div>
  );
}
