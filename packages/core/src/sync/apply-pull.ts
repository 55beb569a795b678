import type { CaseDetail } from '../cases/case.schema';
import type { KnownCase, PullResponse } from './sync.schema';
import type { Replica, SyncedEvent } from './replica';

/**
 * Applies a pull's answer: cases replaced by the server's, events appended once each by id, marks raised, the
 * held list replaced, and every tombstoned case forgotten with its events, marks and held operations. Changes
 * made here for a forgotten case stay in the outbox: they are the user's work, and the server keeps them as
 * needs-attention (`case_not_reachable`) when they arrive, where someone who may read the case can act on them.
 * Answers must be applied in the order their requests were sent: a late answer to an abandoned request could
 * bring back a case forgotten since.
 */
export function applyPull(replica: Replica, response: PullResponse, at: string): Replica {
  const cases: Record<string, CaseDetail> = { ...replica.cases };
  const events: Record<string, readonly SyncedEvent[]> = { ...replica.events };
  const marks: Record<string, KnownCase> = { ...replica.marks };

  for (const detail of response.cases) {
    // A case's version only rises on the server: an older copy (from a hub that has not caught up) is not taken.
    const held = cases[detail.id];
    if (held && held.version > detail.version) continue;
    cases[detail.id] = detail;
    marks[detail.id] = { caseId: detail.id, seq: marks[detail.id]?.seq ?? 0, version: detail.version };
  }
  for (const [caseId, arrived] of groupByCase(response.events)) {
    if (!cases[caseId]) continue;
    const merged = appendEvents(events[caseId] ?? [], arrived);
    events[caseId] = merged;
    const last = merged.at(-1)?.seq ?? 0;
    const mark = marks[caseId] ?? { caseId, seq: 0, version: 0 };
    marks[caseId] = { ...mark, seq: Math.max(mark.seq, last) };
  }
  const forgotten = new Set(response.tombstones.map((tombstone) => tombstone.caseId));
  for (const caseId of forgotten) {
    delete cases[caseId];
    delete events[caseId];
    delete marks[caseId];
  }
  return {
    ...replica,
    cases,
    events,
    marks,
    held: response.held.filter((held) => !held.caseId || !forgotten.has(held.caseId)),
    settings: response.settings,
    caseSettings: response.caseSettings ?? replica.caseSettings,
    lastPullAt: at,
  };
}

function groupByCase(events: readonly SyncedEvent[]): Map<string, SyncedEvent[]> {
  const byCase = new Map<string, SyncedEvent[]>();
  for (const event of events) {
    const list = byCase.get(event.caseId);
    if (list) list.push(event);
    else byCase.set(event.caseId, [event]);
  }
  return byCase;
}

/**
 * The case's events with the new ones added once each, in `seq` order. An event that corrects an earlier one
 * marks it as superseded, as the server does: the earlier event was pulled before its correction existed.
 */
function appendEvents(existing: readonly SyncedEvent[], arrived: readonly SyncedEvent[]): readonly SyncedEvent[] {
  const known = new Set(existing.map((event) => event.id));
  const fresh = arrived.filter((event) => {
    if (known.has(event.id)) return false;
    known.add(event.id);
    return true;
  });
  if (fresh.length === 0) return existing;
  const supersededBy = new Map<string, string>();
  for (const event of fresh) if (event.supersedes) supersededBy.set(event.supersedes, event.id);
  const merged = [...existing, ...fresh].map((event) => {
    const by = supersededBy.get(event.id);
    return by && event.supersededBy !== by ? { ...event, supersededBy: by } : event;
  });
  return merged.sort((a, b) => a.seq - b.seq);
}
