import { newCaseSchema, type NewCase } from '../../src/cases/case.schema';
import { applyPull } from '../../src/sync/apply-pull';
import { correctionBase, localCases } from '../../src/sync/local-cases';
import { localTimeline } from '../../src/sync/local-timeline';
import { enqueue, nextPushBatch, recordPushFailure } from '../../src/sync/outbox';
import { applyPushResults } from '../../src/sync/push-results';
import { createReplica, knownMarks, type OutboxEntry, type Replica } from '../../src/sync/replica';
import {
  syncOperationSchema,
  type PushResult,
  type SyncOperation,
  type SyncOperationInput,
} from '../../src/sync/sync.schema';
import { ModelHub } from './sync-model-hub';
import { ModelServer } from './sync-model-server';

/**
 * The world of the sync property test: the central server, a shelter's hub, two workers' phones that sync with
 * the server and one that syncs with the hub, and a network that loses answers, delivers a request twice or
 * late. Actions are plain data so a failing run shrinks to a readable list.
 */

export const DEVICES = ['D1', 'D2', 'P'] as const;
export type DeviceName = (typeof DEVICES)[number];
export const PARTIES = [...DEVICES, 'H'] as const;
export type PartyName = (typeof PARTIES)[number];
export const USERS = ['u1', 'u2', 'u3'] as const;
export type UserName = (typeof USERS)[number];

export const CORRECTED_FIELDS = ['givenNameLatin', 'familyNameLatin', 'alias', 'riskLevel'] as const;
/** Few values per field, so two people often write the same one (a no-op) as well as different ones. */
const VALUES: Record<(typeof CORRECTED_FIELDS)[number], readonly unknown[]> = {
  givenNameLatin: ['Dara', 'Sokha', 'Srey'],
  familyNameLatin: ['Sok', 'Chan', 'Keo'],
  alias: ['A', 'B', null],
  riskLevel: ['low', 'high', 'medium'],
};

export type Action =
  | { do: 'note' | 'service' | 'supersede'; who: DeviceName; pick: number }
  | { do: 'correct'; who: DeviceName; pick: number; field: number; value: number; field2?: number }
  | { do: 'intake'; who: DeviceName }
  | { do: 'push'; who: PartyName; max: number; fault: 'none' | 'lost' | 'twice' | 'late' }
  | { do: 'pull'; who: PartyName; lost: boolean }
  | { do: 'deliverLate'; index: number }
  | { do: 'assign'; pick: number; to: UserName | null }
  | { do: 'remove'; pick: number }
  | { do: 'close' | 'reopen'; pick: number }
  | { do: 'correctOnline'; pick: number; field: number; value: number }
  | { do: 'busy'; on: boolean }
  | { do: 'discard'; index: number }
  | { do: 'nextDay' };

const ORGANISATION = '00000000-0000-4000-8000-00000000000a';
const USER_IDS: Record<UserName, string> = {
  u1: '00000000-0000-4000-8000-0000000000a1',
  u2: '00000000-0000-4000-8000-0000000000a2',
  u3: '00000000-0000-4000-8000-0000000000a3',
};
const DEVICE_IDS: Record<PartyName, string> = {
  D1: '00000000-0000-4000-8000-0000000000d1',
  D2: '00000000-0000-4000-8000-0000000000d2',
  P: '00000000-0000-4000-8000-0000000000d3',
  H: '00000000-0000-4000-8000-0000000000d4',
};
const USER_OF: Record<DeviceName, UserName> = { D1: 'u1', D2: 'u2', P: 'u3' };
const FIRST_DAY = Date.UTC(2026, 2, 1);

interface LatePush {
  who: PartyName;
  operations: SyncOperation[];
  actingFor?: string;
}

/** What was made where: every operation a device created, to account for each at the end. */
export interface Made {
  who: DeviceName;
  operation: SyncOperation;
}

export class World {
  readonly server: ModelServer;
  readonly hub: ModelHub;
  readonly devices: Record<DeviceName, Replica>;
  readonly made: Made[] = [];
  readonly late: LatePush[] = [];
  /** Removed cases each party has let go of: one that shows up again has come back. */
  readonly gone: Record<PartyName, Set<string>> = { D1: new Set(), D2: new Set(), P: new Set(), H: new Set() };
  /** What happened on the way, counted, so the test can show its runs reach every outcome. */
  readonly seen = new Map<string, number>();
  private day = 0;
  private ids = 0;

  constructor(initialCases: readonly (UserName | null)[]) {
    const users = new Map(USERS.map((user) => [USER_IDS[user], user]));
    this.server = new ModelServer({
      organisationId: ORGANISATION,
      organisationName: 'Shelter',
      users,
      newId: () => this.newId(),
      today: () => this.today(),
    });
    this.hub = new ModelHub(DEVICE_IDS.H, ORGANISATION);
    this.server.register(DEVICE_IDS.H, null);
    this.devices = { D1: this.device('D1'), D2: this.device('D2'), P: this.device('P') };
    this.server.register(DEVICE_IDS.D1, USER_IDS.u1);
    this.server.register(DEVICE_IDS.D2, USER_IDS.u2);
    this.hub.register(DEVICE_IDS.P, USER_IDS.u3);
    for (const assignee of initialCases) {
      const id = this.newId();
      this.server.createCase(id, this.newCase(id), assignee ? USER_IDS[assignee] : null, this.now());
    }
    // Everyone synced once before going out into the field.
    this.pull('H', false);
    for (const who of DEVICES) this.pull(who, false);
    this.day += 1;
  }

  private device(name: DeviceName): Replica {
    return createReplica(DEVICE_IDS[name], {
      userId: USER_IDS[USER_OF[name]],
      userName: USER_OF[name],
      organisationId: ORGANISATION,
    });
  }

  newId(): string {
    this.ids += 1;
    return `00000000-0000-4000-8000-${this.ids.toString(16).padStart(12, '0')}`;
  }

  today(): string {
    return new Date(FIRST_DAY + this.day * 86_400_000).toISOString().slice(0, 10);
  }

  private now(): string {
    return `${this.today()}T08:00:00.000Z`;
  }

  private newCase(id: string): NewCase {
    return newCaseSchema.parse({
      id,
      familyNameKm: 'សុខ',
      givenNameKm: 'ដារា',
      familyNameLatin: 'Sok',
      givenNameLatin: 'Dara',
      sex: 'female',
      dateOfBirth: '2015-01-01',
      caseTypes: ['TL'],
      referral: { source: 'police', referredOn: this.today() },
    });
  }

  replicaOf(who: PartyName): Replica {
    return who === 'H' ? this.hub.replica : this.devices[who];
  }

  private setReplica(who: PartyName, replica: Replica): void {
    if (who === 'H') this.hub.replica = replica;
    else this.devices[who] = replica;
  }

  /** The server's cases in a stable order, for actions that name one by position. */
  private serverCase(pick: number): string | undefined {
    const ids = [...this.server.cases.keys()].sort();
    return ids[pick % Math.max(1, ids.length)];
  }

  run(action: Action): void {
    switch (action.do) {
      case 'note':
      case 'service':
      case 'supersede':
      case 'correct':
        return this.edit(action);
      case 'intake': {
        const id = this.newId();
        return this.make(action.who, { kind: 'case', opId: id, madeAt: this.now(), body: this.newCase(id) });
      }
      case 'push':
        return this.push(action.who, action.max, action.fault);
      case 'pull':
        return this.pull(action.who, action.lost);
      case 'deliverLate': {
        const [late] = this.late.splice(action.index % Math.max(1, this.late.length), 1);
        if (late) this.deliver(late);
        return;
      }
      case 'assign': {
        const caseId = this.serverCase(action.pick);
        if (caseId) this.server.assign(caseId, action.to ? USER_IDS[action.to] : null);
        return;
      }
      case 'remove': {
        const caseId = this.serverCase(action.pick);
        if (caseId) this.server.remove(caseId);
        return;
      }
      case 'close':
      case 'reopen': {
        const caseId = this.serverCase(action.pick);
        const type = action.do === 'close' ? 'closure' : 'reopening';
        if (caseId) this.server.record(caseId, type, { reason: 'model' }, this.newId());
        return;
      }
      case 'correctOnline': {
        const caseId = this.serverCase(action.pick);
        const field = CORRECTED_FIELDS[action.field % CORRECTED_FIELDS.length]!;
        const value = VALUES[field][action.value % VALUES[field].length];
        if (caseId) this.server.correctOnline(caseId, { [field]: value }, this.newId());
        return;
      }
      case 'busy':
        this.server.busy = action.on;
        return;
      case 'discard':
        return this.server.discardHeld(action.index);
      case 'nextDay':
        this.day += 1;
        return;
    }
  }

  private count(what: string): void {
    this.seen.set(what, (this.seen.get(what) ?? 0) + 1);
  }

  /** A change as the browser makes one: checked by the protocol's schema, then into the outbox. */
  private make(who: DeviceName, input: SyncOperationInput): void {
    const operation = syncOperationSchema.parse(input);
    this.devices[who] = enqueue(this.devices[who], operation);
    this.made.push({ who, operation });
  }

  /** A change made offline on a case the device shows (held or made there), as its user would make it. */
  private edit(action: Extract<Action, { who: DeviceName; pick: number }>): void {
    const replica = this.devices[action.who];
    const cases = localCases(replica).map((found) => found.detail.id);
    const caseId = cases[action.pick % Math.max(1, cases.length)];
    if (!caseId) return;
    const opId = this.newId();
    const madeAt = this.now();
    const occurredOn = this.today();
    if (action.do === 'correct') {
      const fields = [...new Set([action.field, action.field2 ?? action.field])].map(
        (index) => CORRECTED_FIELDS[index % CORRECTED_FIELDS.length]!,
      );
      const changes = Object.fromEntries(
        fields.map((field) => [field, VALUES[field][action.value % VALUES[field].length]]),
      );
      const baseVersions = correctionBase(replica, caseId, fields);
      return this.make(action.who, {
        kind: 'correction',
        opId,
        madeAt,
        caseId,
        body: { id: opId, changes, baseVersions },
      });
    }
    if (action.do === 'service') {
      return this.make(action.who, {
        kind: 'event',
        opId,
        madeAt,
        caseId,
        body: { id: opId, type: 'service', occurredOn, payload: { kind: 'counselling', provider: 'in_house' } },
      });
    }
    const notes = localTimeline(replica, caseId).filter((entry) => entry.type === 'note');
    // Any note, a correction of one included: two corrections of one note are refused (`bad_correction`).
    const corrected = action.do === 'supersede' ? notes[action.pick % Math.max(1, notes.length)]?.id : undefined;
    return this.make(action.who, {
      kind: 'event',
      opId,
      madeAt,
      caseId,
      body: {
        id: opId,
        type: 'note',
        occurredOn,
        ...(corrected ? { supersedes: corrected } : {}),
        payload: { text: corrected ? 'Corrected note' : 'Visited', confidential: false },
      },
    });
  }

  /** Where a party's pushes go: the phones at the shelter to the hub, the others to the central server. */
  private answerPush(late: LatePush): PushResult[] {
    if (late.who === 'P') return this.hub.push(DEVICE_IDS.P, late.operations);
    return this.server.push(DEVICE_IDS[late.who], late.operations, late.actingFor);
  }

  private batchOf(who: PartyName, max: number): { entries: OutboxEntry[]; actingFor?: string } | null {
    if (who === 'H') return this.hub.nextForward(max);
    const entries = nextPushBatch(this.devices[who], max);
    return entries.length ? { entries } : null;
  }

  push(who: PartyName, max: number, fault: 'none' | 'lost' | 'twice' | 'late'): void {
    const batch = this.batchOf(who, max);
    if (!batch) return;
    const request: LatePush = {
      who,
      operations: batch.entries.map((entry) => entry.operation),
      ...(batch.actingFor ? { actingFor: batch.actingFor } : {}),
    };
    const ids = request.operations.map((operation) => operation.opId);
    this.count(`push ${fault}`);
    if (fault === 'late') {
      // The request is stuck on the way; the device gives up waiting and will send again.
      this.late.push(request);
      this.setReplica(who, recordPushFailure(this.replicaOf(who), ids, 'timeout'));
      return;
    }
    const results = this.answerPush(request);
    if (fault === 'twice') this.answerPush(request);
    for (const result of results)
      this.count(`${who === 'P' ? 'hub' : 'server'} answered ${result.held?.reason ?? result.status}`);
    if (who === 'H') this.hub.remember(batch.entries, results);
    if (fault === 'lost') this.setReplica(who, recordPushFailure(this.replicaOf(who), ids, 'timeout'));
    else this.setReplica(who, applyPushResults(this.replicaOf(who), results));
  }

  private deliver(late: LatePush): void {
    const results = this.answerPush(late);
    // Nobody waits for this answer any more, but a hub keeps what the central server decided.
    if (late.who === 'H') {
      const entries = late.operations.map((operation) => ({ operation, attempts: 0, lastError: null }));
      this.hub.remember(entries, results);
    }
  }

  /**
   * A pull, applied in order (the browser runs one sync at a time). Right after it, the party holds nothing
   * outside the scope its partner answered for.
   */
  pull(who: PartyName, lost: boolean): void {
    const replica = this.replicaOf(who);
    const known = knownMarks(replica);
    const response =
      who === 'P'
        ? this.hub.pull(DEVICE_IDS.P, known)
        : who === 'H'
          ? this.server.pull(DEVICE_IDS.H, known)
          : this.server.pull(DEVICE_IDS[who], known);
    if (lost) return;
    for (const tombstone of response.tombstones) this.count(`tombstone ${tombstone.reason}`);
    this.setReplica(who, applyPull(replica, response, this.now()));
    const scope = this.sourceScope(who);
    const after = this.replicaOf(who);
    const held = [...Object.keys(after.cases), ...Object.keys(after.events), ...Object.keys(after.marks)];
    for (const caseId of [...held, ...after.held.map((entry) => entry.caseId ?? '')]) {
      if (!scope.has(caseId))
        throw new Error(`${who} holds something of case ${caseId} outside its scope after a pull`);
    }
  }

  /** The cases a party may hold, as its sync partner sees them now. */
  sourceScope(who: PartyName): Set<string> {
    if (who === 'P') return this.hub.scopeOf(USER_IDS.u3);
    if (who === 'H') return this.server.scopeOf(null);
    return this.server.scopeOf(USER_IDS[USER_OF[who]]);
  }

  /** The cases a party may hold once everyone has synced: the central server's answer. */
  finalScope(who: PartyName): Set<string> {
    return this.server.scopeOf(who === 'H' ? null : USER_IDS[USER_OF[who]]);
  }

  /**
   * Removed cases never come back: once a party let one go, it never holds it again. The phone at the shelter
   * learns of a removal through the hub, so for it a case is gone once the hub let go of it too.
   */
  checkNothingCameBack(): void {
    for (const who of ['H', 'D1', 'D2', 'P'] as const) {
      const replica = this.replicaOf(who);
      for (const caseId of this.server.removed) {
        // A case made here and still in the outbox was never let go of: the answer for it may yet arrive.
        const holds =
          caseId in replica.cases ||
          caseId in replica.events ||
          replica.outbox.some((entry) => entry.operation.kind === 'case' && entry.operation.opId === caseId);
        if (holds && this.gone[who].has(caseId)) throw new Error(`Removed case ${caseId} came back on ${who}`);
        if (!holds && (who !== 'P' || this.gone.H.has(caseId))) this.gone[who].add(caseId);
      }
    }
  }

  /** Everyone connected, the server well, late requests arrived: sync in rounds until nothing changes. */
  settle(): number {
    this.server.busy = false;
    while (this.late.length) this.deliver(this.late.shift()!);
    let before = '';
    for (let round = 1; round <= 12; round += 1) {
      for (const who of DEVICES) this.push(who, 500, 'none');
      // The hub forwards one person's run of changes per push.
      for (let pushes = 0; pushes < 50 && this.hub.nextForward(500); pushes += 1) this.push('H', 500, 'none');
      this.pull('H', false);
      this.push('P', 500, 'none');
      for (const who of DEVICES) this.pull(who, false);
      this.checkNothingCameBack();
      const now = JSON.stringify([this.devices, this.hub.replica.outbox, this.hub.replica.held]);
      if (now === before) return round;
      before = now;
    }
    throw new Error('The parties did not settle in 12 rounds of sync');
  }
}

/**
 * The end state once everyone has synced: every change made anywhere is applied on the central server or held
 * there for a person, once; every outbox is empty; each party holds exactly the cases it may, as the server
 * has them, with the same events and the same open held operations.
 */
export function settledProblems(world: World): string[] {
  const problems: string[] = [];
  const { server } = world;
  for (const who of PARTIES) {
    const outbox = world.replicaOf(who).outbox;
    if (outbox.length) problems.push(`${who} still has ${outbox.length} operation(s) in its outbox`);
  }
  const eventCount = new Map<string, number>();
  for (const found of server.cases.values()) {
    for (const event of found.events) eventCount.set(event.id, (eventCount.get(event.id) ?? 0) + 1);
  }
  for (const [id, count] of eventCount) if (count > 1) problems.push(`event ${id} written ${count} times`);
  for (const { who, operation } of world.made) {
    const answered = server.answered.get(operation.opId);
    const what = `${operation.kind} ${operation.opId} made on ${who}`;
    if (!answered) {
      problems.push(`${what} never reached the server`);
      continue;
    }
    const { status } = answered.result;
    if (status === 'conflict' || status === 'attention') {
      if (!server.heldOps.some((held) => held.operation.opId === operation.opId && held.kind === status)) {
        problems.push(`${what} answered ${status} but not held`);
      }
    }
    if (operation.kind !== 'case') {
      // Pushed in dependency order: a case made offline reaches the server before anything recorded on it.
      const made = server.answered.get(operation.caseId);
      if (
        made &&
        world.made.some((entry) => entry.operation.opId === operation.caseId) &&
        made.order > answered.order
      ) {
        problems.push(`${what} was decided before its new case`);
      }
    }
    if (status === 'conflict' || status === 'attention') {
      continue;
    } else if (status !== 'applied') {
      problems.push(`${what} ended ${status}`);
    } else if (operation.kind === 'event' && !server.removed.has(operation.caseId)) {
      if (eventCount.get(operation.opId) !== 1) problems.push(`${what} applied but not written once`);
    } else if (operation.kind === 'case' && !server.removed.has(operation.opId) && !server.cases.has(operation.opId)) {
      problems.push(`${what} applied but the case is missing`);
    }
  }
  return problems;
}

/** What a party holds, and what it should hold after settling: the server's copy of its scope. */
export function holdings(world: World, who: PartyName) {
  const replica = world.replicaOf(who);
  const scope = [...world.finalScope(who)].sort();
  const open = world.server.heldOps.filter(
    (held) => held.status === 'open' && held.caseId !== null && scope.includes(held.caseId),
  );
  return {
    actual: {
      cases: Object.keys(replica.cases)
        .sort()
        .map((id) => replica.cases[id]),
      events: Object.keys(replica.events)
        .sort()
        .map((id) => replica.events[id]),
      marks: Object.keys(replica.marks)
        .sort()
        .map((id) => replica.marks[id]),
      held: replica.held.map((held) => held.id).sort(),
    },
    expected: {
      cases: scope.map((id) => world.server.cases.get(id)!.detail),
      events: scope.map((id) => world.server.cases.get(id)!.events),
      marks: scope.map((id) => {
        const { detail, events } = world.server.cases.get(id)!;
        return { caseId: id, seq: events.at(-1)?.seq ?? 0, version: detail.version };
      }),
      held: open.map((held) => held.id).sort(),
    },
  };
}
