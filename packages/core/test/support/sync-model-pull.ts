import type { CaseDetail } from '../../src/cases/case.schema';
import type { SyncedEvent } from '../../src/sync/replica';
import type { DeviceSettings, HeldOperation, KnownCase, PullResponse } from '../../src/sync/sync.schema';

/** The pull's answer in the sync property test's models, from the central server's store or a hub's replica. */

export const MODEL_SETTINGS: DeviceSettings = { wipeAfterDays: 30, lockAfterMinutes: 15 };

/** Where a pull reads from: the central store, or a hub's replica of it. */
export interface PullSource {
  detail(caseId: string): CaseDetail | undefined;
  events(caseId: string): readonly SyncedEvent[];
  held(): readonly HeldOperation[];
}

/**
 * The pull's answer from a source, for a device whose scope is `scope`: the cases it does not hold whole, the
 * events past its mark of those it holds with the case again if its version changed, a tombstone for each case
 * it holds and may no longer, and the open held operations of its scope.
 */
export function answerPull(
  source: PullSource,
  scope: ReadonlySet<string>,
  known: readonly KnownCase[],
  isRemoved: (caseId: string) => boolean,
): PullResponse {
  const response: PullResponse = { cases: [], events: [], tombstones: [], held: [], settings: MODEL_SETTINGS };
  const claimed = new Set<string>();
  for (const mark of known) {
    claimed.add(mark.caseId);
    const detail = source.detail(mark.caseId);
    if (!detail || !scope.has(mark.caseId)) {
      response.tombstones.push({
        caseId: mark.caseId,
        reason: isRemoved(mark.caseId) ? 'removed' : 'access_ended',
      });
      continue;
    }
    if (detail.version !== mark.version) response.cases.push(detail);
    response.events.push(...source.events(mark.caseId).filter((event) => event.seq > mark.seq));
  }
  for (const caseId of scope) {
    if (claimed.has(caseId)) continue;
    const detail = source.detail(caseId);
    if (!detail) continue;
    response.cases.push(detail);
    response.events.push(...source.events(caseId));
  }
  response.held = source
    .held()
    .filter((held) => held.status === 'open' && held.caseId !== null && scope.has(held.caseId));
  return response;
}
