import type { CaseDetail } from '../../src/cases/case.schema';
import { enqueue, nextPushBatch } from '../../src/sync/outbox';
import { createReplica, type OutboxEntry, type Replica, type SyncedEvent } from '../../src/sync/replica';
import type { HeldOperation, KnownCase, PullResponse, PushResult, SyncOperation } from '../../src/sync/sync.schema';
import { answerPull, digestOf, type PullSource } from './sync-model-server';

/**
 * A shelter's hub in the sync property test: toward the central server it is a device of the organisation,
 * running the real engine over its own replica; toward the shelter's phones it answers the same protocol from
 * that replica. A phone's change is kept in the hub's outbox, forwarded with its id and its maker, and answered
 * `failed` (kept, send again) until the central server's answer is known, which the hub then passes on as is:
 * the central server alone decides what applies, so hub and server never disagree about a change.
 */
export class ModelHub implements PullSource {
  replica: Replica;
  /** The central server's answers to forwarded changes, by operation id, with the digest forwarded. */
  readonly forwarded = new Map<string, { digest: string; result: PushResult }>();
  private readonly phones = new Map<string, string>();

  constructor(deviceId: string, organisationId: string) {
    this.replica = createReplica(deviceId, { userId: deviceId, userName: null, organisationId });
  }

  register(phoneId: string, userId: string): void {
    this.phones.set(phoneId, userId);
  }

  userOf(phoneId: string): string {
    const userId = this.phones.get(phoneId);
    if (!userId) throw new Error(`Unknown phone ${phoneId}`);
    return userId;
  }

  caseIds(): Iterable<string> {
    return Object.keys(this.replica.cases);
  }

  detail(caseId: string): CaseDetail | undefined {
    return this.replica.cases[caseId];
  }

  events(caseId: string): readonly SyncedEvent[] {
    return this.replica.events[caseId] ?? [];
  }

  held(): readonly HeldOperation[] {
    return this.replica.held;
  }

  /** A phone's scope at the hub: the cases of the hub's copy assigned to the phone's user. */
  scopeOf(userId: string): Set<string> {
    const scope = new Set<string>();
    for (const [caseId, detail] of Object.entries(this.replica.cases)) {
      if (detail.assignedWorkerId === userId) scope.add(caseId);
    }
    return scope;
  }

  pull(phoneId: string, known: readonly KnownCase[]): PullResponse {
    return answerPull(this, this.scopeOf(this.userOf(phoneId)), known, () => false);
  }

  push(phoneId: string, operations: readonly SyncOperation[]): PushResult[] {
    const userId = this.userOf(phoneId);
    return operations.map((operation) => {
      const answered = this.forwarded.get(operation.opId);
      if (answered && answered.digest === digestOf(operation)) return answered.result;
      const queued = this.replica.outbox.some((entry) => entry.operation.opId === operation.opId);
      if (!queued) this.replica = enqueue(this.replica, operation, { deviceId: phoneId, userId });
      return { opId: operation.opId, status: 'failed', caseId: null, caseNumber: null, held: null };
    });
  }

  /**
   * The next forwarding push: the outbox's next run of changes made by one person, since the central server
   * must know who made each.
   */
  nextForward(max: number): { entries: OutboxEntry[]; actingFor: string } | null {
    const batch = nextPushBatch(this.replica, max);
    const actingFor = batch[0]?.relayedFor?.userId;
    if (!actingFor) return null;
    const end = batch.findIndex((entry) => entry.relayedFor?.userId !== actingFor);
    return { entries: end < 0 ? batch : batch.slice(0, end), actingFor };
  }

  /** Keeps the central server's answers, to give each phone when it pushes the same change again. */
  remember(entries: readonly OutboxEntry[], results: readonly PushResult[]): void {
    for (const result of results) {
      if (result.status === 'failed') continue;
      const entry = entries.find((candidate) => candidate.operation.opId === result.opId);
      if (entry) this.forwarded.set(result.opId, { digest: digestOf(entry.operation), result });
    }
  }
}
