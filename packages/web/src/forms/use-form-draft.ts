import { useContext, useEffect, useRef, useState, type RefObject } from 'react';
import { UserContext } from '../auth/user-context';
import { readDraft, removeDraft, writeDraft, type DraftAddress, type Snapshot } from './draft-store';
import { DRAFT_LIST, DRAFT_REMOVE, DRAFT_ROW, restoreRows } from './draft-rows';
import { applySnapshot, captureForm, sameSnapshot } from './form-snapshot';
import { markUnsaved } from './unsaved-forms';

/** Which draft a form keeps: its name, and the case it is about when it is per case. */
export interface DraftOptions {
  form: string;
  scope?: string | undefined;
}

export interface FormDraft {
  /** A draft from earlier was put back into the form. */
  restored: boolean;
  /** Forgets the draft and opens the form afresh. */
  discard: () => void;
  /** Forgets the draft once the form is saved. */
  clear: () => void;
}

/** Fields that show only once another is set need the form to re-render before they can be filled. */
const RESTORE_PASSES = 4;
/** Rows put back one press at a time (see draft-rows.ts); a bound, in case a form refuses a row. */
const MOST_ROW_PRESSES = 200;

const nextRender = () => new Promise((done) => setTimeout(done, 0));

/**
 * Keeps a copy of a half-filled form for the signed-in user, per form and per case, puts it back when the
 * form opens again (after a reload, or on coming back to the screen), and marks the form unsaved so that
 * leaving asks first. It reads the form's named controls, so every form gets it without changing its state.
 */
export function useFormDraft(formRef: RefObject<HTMLFormElement | null>, options: DraftOptions | undefined): FormDraft {
  const userId = useContext(UserContext)?.id;
  const address: DraftAddress | null = options && userId ? { userId, form: options.form, scope: options.scope } : null;
  const key = address ? `${address.userId}:${address.form}:${address.scope ?? ''}` : null;
  const addressRef = useRef(address);
  addressRef.current = address;
  const initial = useRef<Snapshot | null>(null);
  const saving = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [restored, setRestored] = useState(false);

  useEffect(() => {
    const form = formRef.current;
    const here = addressRef.current;
    if (!form || !here || !key) return;
    let active = true;
    initial.current = captureForm(form);
    const saved = readDraft(here);

    const save = () => {
      if (saving.current) clearTimeout(saving.current);
      // After the form's own handlers have run and it has re-rendered, so the copy is what is on screen.
      saving.current = setTimeout(() => {
        saving.current = null;
        if (!active || !initial.current) return;
        const now = captureForm(form);
        const changed = !sameSnapshot(now, initial.current);
        if (changed) writeDraft(here, now);
        else removeDraft(here);
        markUnsaved(key, changed);
      }, 0);
    };

    // Adding or removing a row changes the form without an input event.
    const saveOnRowButton = (event: Event) => {
      if (event.target instanceof Element && event.target.closest(`[${DRAFT_LIST}], [${DRAFT_REMOVE}]`)) save();
    };

    void (async () => {
      if (!saved) return;
      // First the rows, so that their controls exist, then the values, in passes as the form re-renders.
      for (let press = 0; press < MOST_ROW_PRESSES && active; press += 1) {
        const focused = document.activeElement;
        const scrolled = { x: window.scrollX, y: window.scrollY };
        if (!restoreRows(form, saved)) break;
        await nextRender();
        // A form may focus the row it adds: putting a draft back should not move the reader down the page.
        // Only a move into a row is undone; the page's own focus (a step form's title) is left where it is.
        const now = document.activeElement;
        if (now !== focused && now instanceof HTMLElement && form.contains(now) && now.closest(`[${DRAFT_ROW}]`)) {
          if (focused instanceof HTMLElement && focused !== document.body && focused.isConnected) {
            focused.focus({ preventScroll: true });
          } else now.blur();
          window.scrollTo(scrolled.x, scrolled.y);
        }
      }
      for (let pass = 0; pass < RESTORE_PASSES && active && applySnapshot(form, saved); pass += 1) await nextRender();
      if (!active) return;
      setRestored(true);
      markUnsaved(key, true);
    })();

    form.addEventListener('input', save);
    form.addEventListener('change', save);
    form.addEventListener('click', saveOnRowButton);
    return () => {
      active = false;
      form.removeEventListener('input', save);
      form.removeEventListener('change', save);
      form.removeEventListener('click', saveOnRowButton);
      if (saving.current) clearTimeout(saving.current);
      markUnsaved(key, false);
    };
  }, [formRef, key]);

  const clear = () => {
    if (saving.current) clearTimeout(saving.current);
    saving.current = null;
    if (addressRef.current) removeDraft(addressRef.current);
    if (key) markUnsaved(key, false);
    setRestored(false);
    // What the form holds once saved is its new starting point.
    if (formRef.current) initial.current = captureForm(formRef.current);
  };

  // A form's state cannot be emptied from outside (a chosen radio cannot be unchosen), so starting again
  // forgets the draft and opens the screen afresh; the other forms on it come back from their own drafts.
  const discard = () => {
    clear();
    window.location.reload();
  };

  return { restored, discard, clear };
}
