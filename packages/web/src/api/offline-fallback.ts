/**
 * The case resources' way to the device store: only when a request fails because the server cannot be reached
 * is the offline code loaded (a dynamic import, so no screen carries it before it is needed). When the store is
 * locked, absent, or does not hold the case, the network error stands as before.
 */
import { readSyncStatus } from '../offline/sync-status';
import { isApiError } from './http';
import type * as OfflineModule from '../offline/offline-api';

type OfflineApi = typeof OfflineModule;

export async function orOffline<T>(online: () => Promise<T>, offline: (api: OfflineApi) => Promise<T>): Promise<T> {
  try {
    return await online();
  } catch (error) {
    if (!isApiError(error, 0)) throw error;
    const api = await import('../offline/offline-api');
    try {
      return await offline(api);
    } catch (fallback) {
      if (fallback instanceof api.NoOfflineCopyError) throw error;
      throw fallback;
    }
  }
}

/** Whether changes wait in this device's outbox, without loading the offline code when none does. */
export async function waitingOnDevice<T>(read: (api: OfflineApi) => Promise<T[]>): Promise<T[]> {
  const { pending, failed } = readSyncStatus();
  if (pending + failed === 0) return [];
  return read(await import('../offline/offline-api'));
}
