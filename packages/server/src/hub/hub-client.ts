import {
  hubFileSchema,
  hubIdentitySchema,
  hubPullResponseSchema,
  pushResponseSchema,
  stagedFileSchema,
  type HubFile,
  type HubIdentity,
  type HubOperationInput,
  type HubPullResponse,
  type KnownCase,
  type PushResponse,
  type StagedFile,
} from '@homeward/core';
import type { z } from 'zod';

const TIMEOUT_MS = 120_000;

/** A refusal or failure of the central server, with its code (`device_revoked`…) when it gave one. */
export class CentralError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly code: string | null,
  ) {
    super(message);
  }
}

/** The hub's calls to its central server, over the protocol of decisions 0013 and 0019. */
export class CentralClient {
  constructor(
    private readonly centralUrl: string,
    private readonly token: string,
  ) {}

  identity(): Promise<HubIdentity> {
    return this.call('GET', '/hub', undefined, hubIdentitySchema);
  }

  pull(deviceId: string, known: KnownCase[]): Promise<HubPullResponse> {
    return this.call('POST', '/hub/pull', { deviceId, known }, hubPullResponseSchema);
  }

  push(deviceId: string, operations: HubOperationInput[]): Promise<PushResponse> {
    return this.call('POST', '/hub/push', { deviceId, operations }, pushResponseSchema);
  }

  /** A file's bytes, ahead of its `attachment` operation (decision 0020); sending it again is a retry. */
  sendFile(deviceId: string, id: string, sha256: string, data: Buffer): Promise<StagedFile> {
    const path = `/hub/files/${id}?deviceId=${deviceId}&sha256=${sha256}`;
    return this.call('PUT', path, new Blob([new Uint8Array(data)]), stagedFileSchema);
  }

  /** A photo or document of one of the organisation's cases, held at central, for the hub to store. */
  file(id: string): Promise<HubFile> {
    return this.call('GET', `/hub/files/${id}`, undefined, hubFileSchema);
  }

  private async call<T>(method: string, path: string, body: unknown, schema: z.ZodType<T>): Promise<T> {
    let response: Response;
    const bytes = body instanceof Blob;
    try {
      response = await fetch(`${this.centralUrl}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { 'content-type': bytes ? 'application/octet-stream' : 'application/json' }),
        },
        ...(body === undefined ? {} : { body: bytes ? body : JSON.stringify(body) }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new CentralError(`The central server cannot be reached (${reason}).`, null, 'unreachable');
    }
    const text = await response.text();
    if (!response.ok) {
      const problem = safeJson(text) as { detail?: string; code?: string } | undefined;
      throw new CentralError(
        `The central server answered ${response.status}: ${problem?.detail ?? response.statusText}`,
        response.status,
        problem?.code ?? null,
      );
    }
    const parsed = schema.safeParse(safeJson(text));
    if (!parsed.success) throw new CentralError('The central server’s answer is not one this hub reads.', null, null);
    return parsed.data;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
