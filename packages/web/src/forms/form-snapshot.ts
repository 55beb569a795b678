import { captureRows } from './draft-rows';
import type { Snapshot } from './draft-store';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** Never kept in a draft: secrets, files, and what the page itself sets. */
const SKIPPED_TYPES = new Set(['password', 'file', 'hidden', 'submit', 'button', 'reset', 'image']);

function controlsOf(form: HTMLFormElement): { key: string; control: Control }[] {
  const seen = new Map<string, number>();
  const controls: { key: string; control: Control }[] = [];
  for (const element of Array.from(form.elements)) {
    if (
      !(element instanceof HTMLInputElement) &&
      !(element instanceof HTMLSelectElement) &&
      !(element instanceof HTMLTextAreaElement)
    )
      continue;
    if (!element.name || element.disabled || SKIPPED_TYPES.has(element.type)) continue;
    const base = isTicked(element) ? `${element.name}=${element.value}` : element.name;
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    controls.push({ key: count === 0 ? base : `${base}#${count}`, control: element });
  }
  return controls;
}

function isTicked(control: Control): control is HTMLInputElement {
  return control instanceof HTMLInputElement && (control.type === 'checkbox' || control.type === 'radio');
}

/** What the form's named controls hold now, and how many rows each of its lists has. */
export function captureForm(form: HTMLFormElement): Snapshot {
  return {
    ...captureRows(form),
    ...Object.fromEntries(
      controlsOf(form).map(({ key, control }) => [key, isTicked(control) ? control.checked : control.value]),
    ),
  };
}

export function sameSnapshot(a: Snapshot, b: Snapshot): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key] === b[key]);
}

/**
 * Puts saved values back the way a person would: a click on a box to tick, typing into a field, so that the
 * form's own change handlers run and its state follows. Returns whether anything changed; fields that appear
 * only once another is set (an age once "estimated" is chosen) need a second pass after the form re-renders.
 */
export function applySnapshot(form: HTMLFormElement, snapshot: Snapshot): boolean {
  let changed = false;
  for (const { key, control } of controlsOf(form)) {
    const wanted = snapshot[key];
    if (wanted === undefined) continue;
    if (isTicked(control)) {
      if (typeof wanted === 'boolean' && control.checked !== wanted && (wanted || control.type === 'checkbox')) {
        control.click();
        changed = true;
      }
      continue;
    }
    if (typeof wanted !== 'string' || control.value === wanted) continue;
    // React tracks the value it last set; the prototype's setter goes around that, so the event counts as input.
    const prototype = Object.getPrototypeOf(control) as typeof control;
    Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(control, wanted);
    control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
    changed = true;
  }
  return changed;
}
