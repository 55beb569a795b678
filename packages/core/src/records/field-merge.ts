/**
 * The merge rule for edits to versioned fields, used by a correction sent online and, unchanged, by an edit made
 * offline and pushed later. Each field carries its own version, so two people correcting different fields of one
 * record never collide; only a field that changed since the writer saw it is held back for a person to decide.
 */

export interface VersionedValue {
  value: unknown;
  version: number;
}

export interface FieldEdits {
  /** The new value of each field the writer changed. */
  changes: Readonly<Record<string, unknown>>;
  /** The version of each changed field the writer started from. */
  baseVersions: Readonly<Record<string, number>>;
  /**
   * The value the writer saw at its base version, where known (an offline client keeps it; the server can find
   * it in the history). A field that changed and changed back to what the writer saw is not a conflict.
   */
  seen?: Readonly<Record<string, unknown>>;
}

export interface FieldConflict {
  field: string;
  yours: unknown;
  current: unknown;
  currentVersion: number;
}

export interface MergeOutcome {
  /** The fields to write, with their new values. */
  apply: Record<string, unknown>;
  /** Fields sent with the value they already have: nothing to write, nothing to decide. */
  unchanged: string[];
  /** Fields changed by someone else since the writer's base: a person chooses; nothing is written. */
  conflicts: FieldConflict[];
}

/** Equal as data: the same JSON, with null and a missing value the same. */
export function sameFieldValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Decides, field by field, what an edit may write. A field whose base is its current version applies; a change
 * equal to the current value is a no-op whatever its base; a stale base applies only if the field is back to
 * what the writer saw; otherwise it is a conflict. A base newer than the field's version cannot come from this
 * record and is a conflict too, never a silent write.
 */
export function mergeFieldEdits(current: Readonly<Record<string, VersionedValue>>, edits: FieldEdits): MergeOutcome {
  const outcome: MergeOutcome = { apply: {}, unchanged: [], conflicts: [] };
  for (const [field, yours] of Object.entries(edits.changes)) {
    const now = current[field] ?? { value: null, version: 0 };
    const base = edits.baseVersions[field];
    if (sameFieldValue(yours, now.value)) {
      outcome.unchanged.push(field);
    } else if (base === now.version) {
      outcome.apply[field] = yours;
    } else if (
      base !== undefined &&
      base < now.version &&
      edits.seen &&
      field in edits.seen &&
      sameFieldValue(edits.seen[field], now.value)
    ) {
      outcome.apply[field] = yours;
    } else {
      outcome.conflicts.push({ field, yours, current: now.value ?? null, currentVersion: now.version });
    }
  }
  return outcome;
}
