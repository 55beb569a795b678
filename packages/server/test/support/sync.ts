import { randomUUID } from 'node:crypto';
import type { Device, KnownCase, PullResponse, PushResponse, SyncOperationInput } from '@homeward/core';
import { api, type TestServer, type TestUser } from './test-server';

/** A device registered for the user, as the browser registers itself at its first sync. */
export async function registerDevice(server: TestServer, user: TestUser, name = 'Phone'): Promise<string> {
  const id = randomUUID();
  const answer = await api<Device>(server, 'POST', '/devices', { token: user.token, body: { id, name } });
  if (answer.status !== 201) throw new Error(`Device not registered: ${answer.status} ${JSON.stringify(answer.body)}`);
  return id;
}

export function pullAs(server: TestServer, user: TestUser, deviceId: string, known: KnownCase[] = []) {
  return api<PullResponse>(server, 'POST', '/sync/pull', { token: user.token, body: { deviceId, known } });
}

export function pushAs(server: TestServer, user: TestUser, deviceId: string, operations: SyncOperationInput[]) {
  return api<PushResponse>(server, 'POST', '/sync/push', { token: user.token, body: { deviceId, operations } });
}

/** What a device holds after applying a pull: per case, the last event seq and the case version. */
export function marksAfter(pull: PullResponse, before: KnownCase[] = []): KnownCase[] {
  const marks = new Map(before.map((mark) => [mark.caseId, { ...mark }]));
  for (const tombstone of pull.tombstones) marks.delete(tombstone.caseId);
  for (const item of pull.cases) {
    const mark = marks.get(item.id) ?? { caseId: item.id, seq: 0, version: 0 };
    marks.set(item.id, { ...mark, version: item.version });
  }
  for (const event of pull.events) {
    const mark = marks.get(event.caseId) ?? { caseId: event.caseId, seq: 0, version: 0 };
    marks.set(event.caseId, { ...mark, seq: Math.max(mark.seq, event.seq) });
  }
  return [...marks.values()];
}

export const madeAt = '2026-11-20T08:15:00.000Z';
