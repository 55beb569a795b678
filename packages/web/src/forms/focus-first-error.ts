import { useEffect, type RefObject } from 'react';

const FOCUSABLE = 'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])';

/**
 * After a failed submit, moves focus to the first field in error, in page order, so a keyboard or screen
 * reader user lands on it and hears its error. `attempt` changes on every failed submit, even with the
 * same errors as before; the form alert takes focus when no field is at fault.
 */
export function useFocusFirstError(formRef: RefObject<HTMLFormElement | null>, attempt: number): void {
  useEffect(() => {
    if (attempt === 0 || !formRef.current) return;
    const field = formRef.current.querySelector('.field--error');
    const control = field?.querySelector<HTMLElement>(FOCUSABLE);
    if (control) {
      control.focus();
      return;
    }
    const alert = formRef.current.querySelector<HTMLElement>('.form-alert:not(.form-alert--empty)');
    if (alert) {
      alert.tabIndex = -1;
      alert.focus();
    }
  }, [formRef, attempt]);
}
