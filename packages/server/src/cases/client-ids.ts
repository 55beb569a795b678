import { createHash } from 'node:crypto';
import { DomainError } from '@homeward/core';
import { canonicalJson } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';

/** Who used an id already, and for which request (none when the server made the row). */
export interface UsedId {
  organisation_id: string;
  request_digest: string | null;
}

/** The request a client-identified write answers, so that the same id sent again can be told apart. */
export function requestDigest(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

// One message for an id used in another organisation and one used for another request in this one: the
// answer must not tell a caller whether a record it cannot see exists, let alone what it holds.
const ID_TAKEN =
  'This id is already used for another record: a retry sends the same request; a new record needs a new id.';

export function refuseUnlessRetry(used: UsedId, actor: Actor, digest: string): void {
  if (used.organisation_id !== actor.organisationId || used.request_digest !== digest) throw idTaken();
}

/** For a record several requests name (a session, by each child's attendance): only whose it is matters. */
export function refuseOthersId(used: UsedId, actor: Actor): void {
  if (used.organisation_id !== actor.organisationId) throw idTaken();
}

function idTaken(): DomainError {
  return new DomainError('conflict', ID_TAKEN, [{ field: 'id', message: ID_TAKEN }], 'id_taken');
}

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

/**
 * Writes a record under a client-generated id once. The same request again (an offline client's retry, or
 * fifty copies at once) is answered as the retry it is: `false`, and the caller returns the stored record.
 * Two copies racing both pass the first look; the loser's insert then fails on the primary key, and looking
 * again finds the winner's row.
 */
export async function writeOnce(
  actor: Actor,
  digest: string,
  findUsed: () => Promise<UsedId | undefined>,
  write: () => Promise<void>,
): Promise<boolean> {
  const used = await findUsed();
  if (used) {
    refuseUnlessRetry(used, actor, digest);
    return false;
  }
  try {
    await write();
    return true;
  } catch (error) {
    const winner = isDuplicateKey(error) ? await findUsed() : undefined;
    if (!winner) throw error;
    refuseUnlessRetry(winner, actor, digest);
    return false;
  }
}

/** The record whose client id cannot be taken as a retry, and where it sits in the request. */
export class IdTakenAt extends Error {
  constructor(readonly index: number) {
    super('A client id in this request is used for another record.');
  }
}

function firstNotRetried(used: readonly (UsedId | undefined)[], actor: Actor, digest: string): number {
  // A retry has every id used, each by this organisation for this very request; a request whose ids are
  // partly new is not a retry (the records of one request go in together), so its first used id is the conflict.
  if (used.every((row) => row === undefined)) return -1;
  if (used.some((row) => row === undefined)) return used.findIndex((row) => row !== undefined);
  return used.findIndex((row) => row?.organisation_id !== actor.organisationId || row.request_digest !== digest);
}

/**
 * `writeOnce` for a request that makes several records under client ids at once, all or none (a group
 * intake): the same request again is answered as a retry (`false`); any id used otherwise throws `IdTakenAt`
 * with the first such record's place, so that the caller can name it without saying whose record it is.
 */
export async function writeAllOnce(
  actor: Actor,
  digest: string,
  findUsed: () => Promise<(UsedId | undefined)[]>,
  write: () => Promise<void>,
): Promise<boolean> {
  const judge = (used: (UsedId | undefined)[]): boolean => {
    const taken = firstNotRetried(used, actor, digest);
    if (taken >= 0) throw new IdTakenAt(taken);
    return used.length > 0 && used.every((row) => row !== undefined);
  };
  if (judge(await findUsed())) return false;
  try {
    await write();
    return true;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    // The loser of a race: the winner's records are committed now; a retry of the same request gets them.
    if (judge(await findUsed())) return false;
    throw error;
  }
}
