import type { Snapshot } from './draft-store';

/**
 * Rows a form adds with a button (a child of a group intake, a goal of a care plan and each goal's actions) are
 * in no named control, so a draft also keeps how many rows each list had. A form marks them for this:
 *
 * - the button that adds a row: `data-draft-list="<list>"`;
 * - each row of that list: `data-draft-row="<list>"`;
 * - the button inside a row that removes it, if any: `data-draft-remove`.
 *
 * List names are the path the rows' controls are named under (`payload.goals.0.actions`), so a nested list is
 * told apart by its parent's position. Rows are put back the way a person makes them, by pressing the buttons.
 */
export const DRAFT_LIST = 'data-draft-list';
export const DRAFT_ROW = 'data-draft-row';
export const DRAFT_REMOVE = 'data-draft-remove';

/** Kept beside the controls' values; a control's name never starts with this. */
const ROWS_KEY = '@rows:';

export interface DraftListProps {
  [DRAFT_LIST]: string;
}
export interface DraftRowProps {
  [DRAFT_ROW]: string;
}

/** Props for the button that adds a row to `list`. */
export const draftList = (list: string): DraftListProps => ({ [DRAFT_LIST]: list });
/** Props for one row of `list`. */
export const draftRow = (list: string): DraftRowProps => ({ [DRAFT_ROW]: list });
/** Props for the button that removes its row. */
export const draftRemove = { [DRAFT_REMOVE]: '' } as const;

function rowsOf(form: HTMLFormElement, list: string): HTMLElement[] {
  return Array.from(form.querySelectorAll<HTMLElement>(`[${DRAFT_ROW}="${CSS.escape(list)}"]`));
}

function addButtons(form: HTMLFormElement): { list: string; button: HTMLButtonElement }[] {
  return Array.from(form.querySelectorAll<HTMLButtonElement>(`button[${DRAFT_LIST}]`)).map((button) => ({
    list: button.getAttribute(DRAFT_LIST) ?? '',
    button,
  }));
}

/** How many rows each list of the form has now, as snapshot entries. */
export function captureRows(form: HTMLFormElement): Snapshot {
  return Object.fromEntries(
    addButtons(form).map(({ list }) => [`${ROWS_KEY}${list}`, String(rowsOf(form, list).length)]),
  );
}

/**
 * Brings each list on screen one row closer to the count in the draft: presses its add button, or the remove
 * button of its last row. One press per list and pass, as a form may compute the next row from the one it shows.
 * Returns whether it pressed anything, so the caller waits for the form to re-render and calls again.
 */
export function restoreRows(form: HTMLFormElement, snapshot: Snapshot): boolean {
  let pressed = false;
  for (const { list, button } of addButtons(form)) {
    const saved = snapshot[`${ROWS_KEY}${list}`];
    const wanted = typeof saved === 'string' ? Number(saved) : NaN;
    if (!Number.isInteger(wanted)) continue;
    const rows = rowsOf(form, list);
    if (rows.length < wanted && !button.disabled) {
      button.click();
      pressed = true;
    } else if (rows.length > wanted) {
      const last = rows.at(-1);
      // The row's own remove button, not that of a row nested inside it (an action of the last goal).
      const remove = Array.from(last?.querySelectorAll<HTMLButtonElement>(`button[${DRAFT_REMOVE}]`) ?? []).find(
        (candidate) => candidate.closest(`[${DRAFT_ROW}]`) === last,
      );
      if (remove && !remove.disabled) {
        remove.click();
        pressed = true;
      }
    }
  }
  return pressed;
}
