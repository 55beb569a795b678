import type { CaseDetail, NewCase } from '../../src/cases/case.schema';
import type { CaseCorrection, CaseProfile, CorrectedField } from '../../src/cases/case-correction.schema';
import {
  FieldConflictError,
  planCorrection,
  profileOf,
  type RecordedCorrection,
} from '../../src/cases/case-correction';
import { checkNewEvent } from '../../src/cases/case-rules';
import { projectCase } from '../../src/cases/case-projection';
import { DEFAULT_CASE_SETTINGS, type CaseSettings } from '../../src/cases/case-settings';
import { DomainError } from '../../src/errors';
import { provisionalCase } from '../../src/sync/provisional-case';
import { attendanceEvent } from '../../src/cases/group-attendance';
import type { SyncedEvent } from '../../src/sync/replica';
import type { HeldOperation, KnownCase, PullResponse, PushResult, SyncOperation } from '../../src/sync/sync.schema';
import { answerPull, type PullSource } from './sync-model-pull';

/**
 * A model of the central server for the sync property test: the protocol's answers (decision 0013) over an
 * in-memory store, with core's real rules deciding what applies. It stands for the server's behaviour, not its
 * code: one store, no SQL, each request handled whole, as the server's per-case row lock makes it.
 */

/** Closures and placements need no approval here: the model exercises sync, not supervision. */
const CASE_SETTINGS: CaseSettings = { ...DEFAULT_CASE_SETTINGS, approvalGates: [] };
/** Events that are not a piece of work with the child, as the correction service leaves them out. */
const NOT_ENTRIES = new Set(['intake', 'profile_correction']);

export interface ModelCase {
  detail: CaseDetail;
  events: SyncedEvent[];
}

/** The same operation as data, whatever the order of its keys: the server compares a retry's digest. */
export function digestOf(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

export interface ModelServerOptions {
  organisationId: string;
  organisationName: string;
  users: ReadonlyMap<string, string>;
  /** Ids for what the server makes itself (held records), from the test's deterministic series. */
  newId: () => string;
  today: () => string;
}

export class ModelServer implements PullSource {
  readonly cases = new Map<string, ModelCase>();
  readonly removed = new Set<string>();
  readonly heldOps: HeldOperation[] = [];
  /** Every operation answered for good, with the digest it was answered for and the order of its answer. */
  readonly answered = new Map<string, { digest: string; result: PushResult; order: number }>();
  readonly audit: { opId: string; caseId: string; action: string }[] = [];
  /** Who each registered device acts for; a hub acts for the organisation (null). */
  readonly devices = new Map<string, string | null>();
  /** While busy, every operation is answered `failed` and nothing is written. */
  busy = false;
  private seq = 0;
  private numbers = 0;

  constructor(private readonly options: ModelServerOptions) {}

  register(deviceId: string, userId: string | null): void {
    this.devices.set(deviceId, userId);
  }

  detail(caseId: string): CaseDetail | undefined {
    return this.cases.get(caseId)?.detail;
  }

  events(caseId: string): readonly SyncedEvent[] {
    return this.cases.get(caseId)?.events ?? [];
  }

  held(): readonly HeldOperation[] {
    return this.heldOps;
  }

  /** The cases a user may hold offline: those assigned to her; the organisation's hub holds them all. */
  scopeOf(userId: string | null): Set<string> {
    const scope = new Set<string>();
    for (const [caseId, { detail }] of this.cases) {
      if (userId === null || detail.assignedWorkerId === userId) scope.add(caseId);
    }
    return scope;
  }

  pull(deviceId: string, known: readonly KnownCase[]): PullResponse {
    const userId = this.deviceUser(deviceId);
    return answerPull(this, this.scopeOf(userId), known, (caseId) => this.removed.has(caseId));
  }

  /**
   * One push: each operation answered in order. A hub forwards other devices' operations and says for whom
   * (`actingFor`), as the server needs to know who made what; a browser acts for its own user.
   */
  push(
    deviceId: string,
    operations: readonly SyncOperation[],
    actingFor?: string,
    crashAfter = Infinity,
  ): PushResult[] {
    const userId = actingFor ?? this.deviceUser(deviceId);
    if (userId === null) throw new Error('A hub forwards operations for a person.');
    // A crash part-way: what was decided stays decided; from the first failure on, everything is `failed`.
    return operations.map((operation, index) =>
      index < crashAfter ? this.answer(deviceId, userId, operation) : failed(operation),
    );
  }

  private deviceUser(deviceId: string): string | null {
    const user = this.devices.get(deviceId);
    if (user === undefined) throw new Error(`Unknown device ${deviceId}`);
    return user;
  }

  private answer(deviceId: string, userId: string, operation: SyncOperation): PushResult {
    const digest = digestOf(operation);
    const before = this.answered.get(operation.opId);
    if (before) {
      if (before.digest === digest) return before.result;
      return this.hold(deviceId, userId, operation, 'attention', 'id_taken', 'This id is already used.', []);
    }
    if (this.busy) return failed(operation);
    const result = this.decide(deviceId, userId, operation);
    this.answered.set(operation.opId, { digest, result, order: this.answered.size });
    return result;
  }

  private decide(deviceId: string, userId: string, operation: SyncOperation): PushResult {
    if (operation.kind === 'case') return this.createCase(operation.opId, operation.body, userId, operation.madeAt);
    const found = this.cases.get(operation.caseId);
    if (!found || found.detail.assignedWorkerId !== userId) {
      const message = 'This case is no longer reachable from this account.';
      return this.hold(deviceId, userId, operation, 'attention', 'case_not_reachable', message, []);
    }
    try {
      if (operation.kind === 'audit') {
        this.audit.push({ opId: operation.opId, caseId: operation.caseId, action: operation.action });
      } else if (operation.kind === 'event') {
        const { body } = operation;
        const event = { id: operation.opId, type: body.type, occurredOn: body.occurredOn, payload: body.payload };
        const candidate = body.supersedes ? { ...event, supersedes: body.supersedes } : event;
        checkNewEvent(found.events, candidate, { today: this.options.today(), settings: CASE_SETTINGS });
        this.append(found, userId, candidate);
      } else if (operation.kind === 'attendance') {
        const candidate = attendanceEvent(operation.opId, operation.body);
        checkNewEvent(found.events, candidate, { today: this.options.today(), settings: CASE_SETTINGS });
        this.append(found, userId, candidate);
      } else if (operation.kind === 'correction') {
        this.correct(found, userId, operation.opId, operation.body);
      }
    } catch (error) {
      if (error instanceof FieldConflictError) {
        return this.hold(deviceId, userId, operation, 'conflict', 'stale_field', error.message, error.conflicts);
      }
      if (error instanceof DomainError) {
        return this.hold(deviceId, userId, operation, 'attention', error.code ?? error.kind, error.message, []);
      }
      throw error;
    }
    return { opId: operation.opId, status: 'applied', caseId: found.detail.id, caseNumber: null, held: null };
  }

  /** A case made at the head office or pushed from a device: numbered here, assigned to whoever made it. */
  createCase(caseId: string, body: NewCase, userId: string | null, madeAt: string): PushResult {
    this.numbers += 1;
    const caseNumber = `C-${String(this.numbers).padStart(4, '0')}`;
    const owner = { userId: userId ?? '', userName: null, organisationId: this.options.organisationId };
    const detail: CaseDetail = {
      ...provisionalCase(caseId, body, owner, madeAt, caseNumber),
      assignedWorkerId: userId,
      assignedWorkerName: userId ? (this.options.users.get(userId) ?? null) : null,
      version: 0,
    };
    const found: ModelCase = { detail, events: [] };
    this.cases.set(caseId, found);
    const intake = {
      referral: detail.referral,
      caseTypes: body.caseTypes,
      childType: body.childType ?? null,
      riskLevel: body.riskLevel ?? null,
    };
    this.append(found, userId, { id: caseId, type: 'intake', occurredOn: body.referral.referredOn, payload: intake });
    return { opId: caseId, status: 'applied', caseId, caseNumber, held: null };
  }

  /** Writes an event under the case's lock: the next sequence number, the projection, the version raised. */
  private append(
    found: ModelCase,
    userId: string | null,
    event: { id: string; type: string; occurredOn: string; payload: unknown; supersedes?: string },
  ): void {
    this.seq += 1;
    const written: SyncedEvent = {
      id: event.id,
      caseId: found.detail.id,
      type: event.type as SyncedEvent['type'],
      occurredOn: event.occurredOn,
      recordedAt: `${this.options.today()}T00:00:00.000Z#${this.seq}`,
      authorId: userId,
      authorName: userId ? (this.options.users.get(userId) ?? null) : null,
      organisationId: this.options.organisationId,
      organisationName: this.options.organisationName,
      supersedes: event.supersedes ?? null,
      supersededBy: null,
      payload: event.payload as Record<string, unknown>,
      seq: this.seq,
    };
    if (event.supersedes) {
      found.events = found.events.map((earlier) =>
        earlier.id === event.supersedes ? { ...earlier, supersededBy: event.id } : earlier,
      );
    }
    found.events.push(written);
    found.detail = { ...found.detail, status: this.statusOf(found), version: found.detail.version + 1 };
  }

  private statusOf(found: ModelCase): CaseDetail['status'] {
    return projectCase(found.events, CASE_SETTINGS).status;
  }

  /** A correction by decision 0006: the merge rule per field with the history, then the whole profile's rules. */
  private correct(found: ModelCase, userId: string | null, id: string, correction: CaseCorrection): void {
    const history: RecordedCorrection[] = found.events
      .filter((event) => event.type === 'profile_correction')
      .map((event) => ({
        authorName: event.authorName,
        recordedAt: event.recordedAt,
        changes: (event.payload as { changes: Record<string, CorrectedField> }).changes,
      }));
    const entries = found.events.filter((event) => !NOT_ENTRIES.has(event.type)).map((event) => event.occurredOn);
    const plan = planCorrection({
      profile: profileOf(found.detail),
      fieldVersions: found.detail.fieldVersions,
      correction,
      history,
      today: this.options.today(),
      firstEntryOn: entries.sort()[0] ?? null,
    });
    if (Object.keys(plan.changes).length === 0) return;
    this.append(found, userId, {
      id,
      type: 'profile_correction',
      occurredOn: this.options.today(),
      payload: { changes: plan.changes },
    });
    found.detail = { ...withProfile(found.detail, plan.profile), fieldVersions: plan.fieldVersions };
  }

  /** A correction made online at the head office, from the current versions; refused ones write nothing. */
  correctOnline(caseId: string, changes: CaseCorrection['changes'], id: string): void {
    const found = this.cases.get(caseId);
    if (!found) return;
    const baseVersions = Object.fromEntries(
      Object.keys(changes).map((field) => [field, found.detail.fieldVersions[field] ?? 0]),
    );
    try {
      this.correct(found, found.detail.assignedWorkerId, id, { id, changes, baseVersions });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }

  /** Access granted or ended: the case's worker changes, and with it the case row's version. */
  assign(caseId: string, userId: string | null): void {
    const found = this.cases.get(caseId);
    if (!found) return;
    found.detail = {
      ...found.detail,
      assignedWorkerId: userId,
      assignedWorkerName: userId ? (this.options.users.get(userId) ?? null) : null,
      version: found.detail.version + 1,
    };
  }

  /** A case removed (pseudonymised, deleted under retention): gone from every device, never to come back. */
  remove(caseId: string): void {
    if (!this.cases.delete(caseId)) return;
    this.removed.add(caseId);
  }

  /** A step taken online at the head office (a closure, a reopening), by the real rules; refused steps do nothing. */
  record(caseId: string, type: string, payload: Record<string, unknown>, id: string): boolean {
    const found = this.cases.get(caseId);
    if (!found) return false;
    const event = { id, type, occurredOn: this.options.today(), payload };
    try {
      checkNewEvent(found.events, event, { today: this.options.today(), settings: CASE_SETTINGS });
    } catch (error) {
      if (error instanceof DomainError) return false;
      throw error;
    }
    this.append(found, found.detail.assignedWorkerId, event);
    return true;
  }

  /** A person closes a held operation (discarded with a reason): it leaves the devices' lists, not the server. */
  discardHeld(index: number): void {
    const open = this.heldOps.filter((held) => held.status === 'open');
    const chosen = open[index % Math.max(1, open.length)];
    if (chosen) chosen.status = 'discarded';
  }

  private hold(
    deviceId: string,
    userId: string,
    operation: SyncOperation,
    kind: HeldOperation['kind'],
    reason: string,
    message: string,
    conflicts: HeldOperation['conflicts'],
  ): PushResult {
    const caseId = operation.kind === 'case' ? operation.opId : operation.caseId;
    const held: HeldOperation = {
      id: this.options.newId(),
      kind,
      status: 'open',
      caseId,
      caseNumber: this.cases.get(caseId)?.detail.caseNumber ?? null,
      deviceId,
      madeBy: this.options.users.get(userId) ?? null,
      madeAt: operation.madeAt,
      receivedAt: this.options.today(),
      reason,
      message,
      operation,
      conflicts: conflicts.map(({ field, yours, current, currentVersion }) => ({
        field,
        yours,
        current,
        currentVersion,
      })),
    };
    this.heldOps.push(held);
    return { opId: operation.opId, status: kind, caseId, caseNumber: held.caseNumber, held };
  }
}

function failed(operation: SyncOperation): PushResult {
  return { opId: operation.opId, status: 'failed', caseId: null, caseNumber: null, held: null };
}

/** The case as the server returns it after a correction: the corrected profile on the case's own fields. */
function withProfile(detail: CaseDetail, profile: CaseProfile): CaseDetail {
  const referral: Record<string, unknown> = {
    source: profile['referral.source'],
    referredOn: profile['referral.referredOn'],
  };
  if (profile['referral.sourceName']) referral.sourceName = profile['referral.sourceName'];
  if (profile['referral.reason']) referral.reason = profile['referral.reason'];
  return {
    ...detail,
    familyNameKm: profile.familyNameKm,
    givenNameKm: profile.givenNameKm,
    familyNameLatin: profile.familyNameLatin,
    givenNameLatin: profile.givenNameLatin,
    alias: profile.alias,
    sex: profile.sex,
    dateOfBirth: profile.dateOfBirth,
    dateOfBirthEstimated: profile.dateOfBirthEstimated,
    villageCode: profile.villageCode,
    nationality: profile.nationality,
    caseTypes: profile.caseTypes,
    childType: profile.childType,
    riskLevel: profile.riskLevel,
    referral: referral as CaseDetail['referral'],
    openedOn: profile['referral.referredOn'],
  };
}
