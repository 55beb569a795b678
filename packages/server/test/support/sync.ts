import { createHash, randomUUID } from 'node:crypto';
import type { Device, KnownCase, PullResponse, PushResponse, StagedFile, SyncOperationInput } from '@homeward/core';
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

/** Sends a file ahead of its `attachment` operation, as a device does; answers the status and the body. */
export async function sendFile(
  server: TestServer,
  user: TestUser,
  deviceId: string,
  id: string,
  data: Buffer,
  sha256: string = createHash('sha256').update(data).digest('hex'),
) {
  const response = await fetch(server.url(`/sync/files/${id}?deviceId=${deviceId}&sha256=${sha256}`), {
    method: 'PUT',
    headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(data),
  });
  return { status: response.status, body: (await response.json()) as StagedFile & { code?: string } };
}

/** An `attachment` operation for these bytes. */
export function attachmentOp(
  caseId: string,
  data: Buffer,
  options: { opId?: string; kind?: 'photo' | 'document'; title?: string } = {},
): SyncOperationInput & { kind: 'attachment' } {
  return {
    kind: 'attachment',
    opId: options.opId ?? randomUUID(),
    madeAt,
    caseId,
    body: {
      kind: options.kind ?? 'document',
      title: options.title ?? 'Birth certificate',
      fileName: 'scan.pdf',
      size: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
    },
  };
}
