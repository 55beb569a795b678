import { newCaseSchema, type CaseDetail, type NewCase, type NewCaseInput } from '../../src/cases/case.schema';
import { enqueue } from '../../src/sync/outbox';
import { createReplica, type Replica, type SyncedEvent } from '../../src/sync/replica';
import {
  syncOperationSchema,
  type PullResponse,
  type SyncOperation,
  type SyncOperationInput,
} from '../../src/sync/sync.schema';

/** Small builders for the sync engine's unit tests: deterministic ids, a case, its events, a pull answer. */

let counter = 0;
export const uuid = (): string => `00000000-0000-4000-8000-${(counter += 1).toString(16).padStart(12, '0')}`;

export const ORGANISATION = '10000000-0000-4000-8000-000000000001';
export const WORKER = '10000000-0000-4000-8000-000000000002';
export const DEVICE = '10000000-0000-4000-8000-000000000003';

export function emptyReplica(): Replica {
  return createReplica(DEVICE, { userId: WORKER, userName: 'Sophea', organisationId: ORGANISATION });
}

export function caseDetail(overrides: Partial<CaseDetail> = {}): CaseDetail {
  return {
    id: uuid(),
    caseNumber: 'C-0001',
    organisationId: ORGANISATION,
    familyNameKm: 'សុខ',
    givenNameKm: 'ដារា',
    familyNameLatin: 'Sok',
    givenNameLatin: 'Dara',
    alias: null,
    sex: 'female',
    dateOfBirth: '2014-03-02',
    dateOfBirthEstimated: false,
    caseTypes: ['TL'],
    status: 'active',
    riskLevel: 'medium',
    openedOn: '2026-01-10',
    villageCode: null,
    assignedWorkerId: WORKER,
    version: 1,
    nationality: null,
    childType: null,
    referral: { source: 'police', referredOn: '2026-01-10' },
    assignedWorkerName: 'Sophea',
    createdAt: '2026-01-10T08:00:00.000Z',
    fieldVersions: {},
    reach: { kind: 'lead' },
    ...overrides,
  };
}

export function syncedEvent(caseId: string, seq: number, overrides: Partial<SyncedEvent> = {}): SyncedEvent {
  return {
    id: uuid(),
    caseId,
    type: 'note',
    occurredOn: '2026-02-01',
    recordedAt: '2026-02-01T08:00:00.000Z',
    authorId: WORKER,
    authorName: 'Sophea',
    organisationId: ORGANISATION,
    organisationName: 'Shelter',
    supersedes: null,
    supersededBy: null,
    payload: { text: `Note ${seq}`, confidential: false },
    seq,
    ...overrides,
  };
}

export function pullAnswer(overrides: Partial<PullResponse> = {}): PullResponse {
  return {
    cases: [],
    events: [],
    tombstones: [],
    held: [],
    settings: { wipeAfterDays: 30, lockAfterMinutes: 15 },
    ...overrides,
  };
}

export function newIntake(overrides: Partial<NewCaseInput> = {}): NewCase {
  return newCaseSchema.parse({
    givenNameKm: 'ស្រីពៅ',
    familyNameKm: 'ចាន់',
    givenNameLatin: 'Sreypov',
    familyNameLatin: 'Chan',
    sex: 'female',
    dateOfBirth: '2013-05-06',
    caseTypes: ['TL'],
    referral: { source: 'police', referredOn: '2026-11-30' },
    ...overrides,
  });
}

/** An operation as the browser makes one: checked and completed by the protocol's schema. */
export function operation(input: SyncOperationInput): SyncOperation {
  return syncOperationSchema.parse(input);
}

export function enqueueAll(replica: Replica, operations: readonly SyncOperation[]): Replica {
  return operations.reduce((next, op) => enqueue(next, op), replica);
}
