import type { RecordedCorrection } from '../cases/case-correction';
import type { ConflictField } from './sync.schema';

/** Who wrote a case's intake and when: the setter of every field still at version 0. */
export interface IntakeAuthor {
  authorName: string | null;
  recordedAt: string;
}

/**
 * A held conflict's fields as the case stands now (decision 0006's versions): while the conflict is open, a field
 * corrected again since it was held shows the newer value and version, so "keep the current value" keeps what is
 * really there; each field names who set that value and when (the correction that made its version, or the
 * intake for version 0). A decided conflict shows the values it was kept with, each with its setter.
 */
export function currentSetters(
  conflicts: readonly ConflictField[],
  history: readonly RecordedCorrection[],
  intake: IntakeAuthor | null,
  open: boolean,
): ConflictField[] {
  return conflicts.map((conflict) => {
    const corrections = history.filter((correction) => correction.changes[conflict.field]);
    const latest = corrections.at(-1);
    const latestChange = latest?.changes[conflict.field];
    if (open && latest && latestChange && latestChange.version > conflict.currentVersion) {
      return {
        ...conflict,
        current: latestChange.to,
        currentVersion: latestChange.version,
        currentBy: latest.authorName,
        currentAt: latest.recordedAt,
      };
    }
    const setter =
      conflict.currentVersion === 0
        ? intake
        : corrections.find((correction) => correction.changes[conflict.field]?.version === conflict.currentVersion);
    return { ...conflict, currentBy: setter?.authorName ?? null, currentAt: setter?.recordedAt ?? null };
  });
}
