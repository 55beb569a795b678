import type { Replica } from './replica';

/** The sync screen's counts: changes waiting (those whose last try failed counted apart) and held ones by kind. */
export interface SyncCounts {
  /** Every change in the outbox, failed ones included. */
  waiting: number;
  /** Changes whose last push failed or got no answer: still kept, sent again at the next sync. */
  failed: number;
  conflict: number;
  attention: number;
}

export function syncCounts(replica: Replica): SyncCounts {
  const open = replica.held.filter((held) => held.status === 'open');
  return {
    waiting: replica.outbox.length,
    failed: replica.outbox.filter((entry) => entry.lastError !== null).length,
    conflict: open.filter((held) => held.kind === 'conflict').length,
    attention: open.filter((held) => held.kind === 'attention').length,
  };
}
