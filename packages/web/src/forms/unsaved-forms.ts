/** The forms on screen whose changes are not saved, so that leaving the page can ask first. */
const unsaved = new Set<string>();

export function markUnsaved(form: string, isUnsaved: boolean): void {
  if (isUnsaved) unsaved.add(form);
  else unsaved.delete(form);
}

export function hasUnsavedForms(): boolean {
  return unsaved.size > 0;
}
