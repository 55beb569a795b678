/**
 * Where half-filled forms wait: the tab's sessionStorage, under the signed-in user's id. It survives a reload
 * and moving between screens, and is gone when the tab closes, when the user signs out, or when someone else
 * signs in on the same tab (docs/decisions/0009-form-drafts.md says why not IndexedDB).
 */
const PREFIX = 'homeward.draft:';

/** What a form holds: each named control's value, or whether a checkbox or radio is ticked. */
export type Snapshot = Record<string, string | boolean>;

export interface DraftAddress {
  userId: string;
  /** Which form: `new-case`, `step.placement`, `case-note`. */
  form: string;
  /** What it is about, when a form is per case (the case id). */
  scope?: string | undefined;
}

function keyOf({ userId, form, scope }: DraftAddress): string {
  return `${PREFIX}${userId}:${form}:${scope ?? ''}`;
}

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    // Storage refused (a locked-down browser): the form still works, without a draft.
    return null;
  }
}

export function readDraft(address: DraftAddress): Snapshot | null {
  const saved = storage()?.getItem(keyOf(address));
  if (!saved) return null;
  try {
    const parsed: unknown = JSON.parse(saved);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Snapshot) : null;
  } catch {
    return null;
  }
}

export function writeDraft(address: DraftAddress, snapshot: Snapshot): void {
  try {
    storage()?.setItem(keyOf(address), JSON.stringify(snapshot));
  } catch {
    // Storage full: the form stays as it is on screen; only the copy is missing.
  }
}

export function removeDraft(address: DraftAddress): void {
  storage()?.removeItem(keyOf(address));
}

/** Forgets every draft but those of `keepUserId` (none at sign-out). */
export function removeDrafts(keepUserId?: string): void {
  const store = storage();
  if (!store) return;
  const keep = keepUserId === undefined ? null : `${PREFIX}${keepUserId}:`;
  const keys = Array.from({ length: store.length }, (_, index) => store.key(index)).filter(
    (key): key is string => key !== null && key.startsWith(PREFIX) && (keep === null || !key.startsWith(keep)),
  );
  for (const key of keys) store.removeItem(key);
}
