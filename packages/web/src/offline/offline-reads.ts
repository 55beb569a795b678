/**
 * The case screens' reads answered from the device store when the server cannot be reached: the caseload
 * searched in both scripts, a case, its timeline with what waits in the outbox, and its state derived from
 * its events by the same projection as the server's. Each read is recorded for the audit log (pushed later).
 */
import {
  DEFAULT_CASE_SETTINGS,
  followUpStatus,
  normaliseForSearch,
  projectCase,
  romanisedQueryKeys,
  romanisedSearchKey,
  searchKey,
  type CaseDetail,
  type CaseEvent,
  type CaseList,
  type CaseState,
} from '@homeward/core';
import { localToday } from '../text/dates';
import { currentDeviceStore } from './device-session';
import { NoOfflineCopyError, type DeviceStore } from './device-store';
import { recordOfflineAudit } from './offline-audit';
import { waitingEvents } from './offline-writes';

function unlockedStore(): DeviceStore {
  const store = currentDeviceStore();
  if (!store) throw new NoOfflineCopyError('The device store is locked.');
  return store;
}

export async function offlineCaseList(params: Record<string, string>): Promise<CaseList> {
  const store = unlockedStore();
  const cases = (await store.readCases()).map((stored) => stored.detail);
  const query = params.q?.trim() ?? '';
  const status = params.status;
  const found = cases
    .filter((detail) => matches(detail, query))
    .filter((detail) => !status || (status === 'open' ? detail.status !== 'closed' : detail.status === status))
    .sort((a, b) => b.openedOn.localeCompare(a.openedOn) || b.caseNumber.localeCompare(a.caseNumber));
  if (query)
    await recordOfflineAudit(
      store,
      found.map((detail) => detail.id),
      'case.search',
    );
  const offset = Number(params.offset ?? 0);
  const limit = Number(params.limit ?? 50);
  return { items: found.slice(offset, offset + limit), total: found.length };
}

/** The server's search: a part of a name in either script, or the case number; a Latin name finds a Khmer one. */
function matches(detail: CaseDetail, query: string): boolean {
  if (!query) return true;
  const text = normaliseForSearch(query);
  const plain = searchKey([
    detail.caseNumber,
    detail.familyNameKm,
    detail.givenNameKm,
    detail.familyNameLatin,
    detail.givenNameLatin,
    detail.alias,
  ]);
  if (plain.includes(text)) return true;
  const stored = romanisedSearchKey(detail);
  return romanisedQueryKeys(query).some((key) => stored.split('|').some((part) => part.startsWith(key)));
}

export async function offlineCase(caseId: string): Promise<CaseDetail> {
  const store = unlockedStore();
  const stored = await store.readCase(caseId);
  if (!stored) throw new NoOfflineCopyError('This case is not kept on this device.');
  await recordOfflineAudit(store, [caseId], 'case.read');
  return stored.detail;
}

/** The events held, then those waiting in the outbox (named in `waiting`). */
export async function offlineCaseEvents(caseId: string): Promise<{ items: CaseEvent[]; waiting: string[] }> {
  const store = unlockedStore();
  const stored = await store.readCase(caseId);
  if (!stored) throw new NoOfflineCopyError('This case is not kept on this device.');
  const waiting = await waitingEvents(store, caseId);
  return {
    items: [...stored.events.map(({ seq: _seq, ...event }) => event), ...waiting],
    waiting: waiting.map((event) => event.id),
  };
}

export async function offlineCaseState(caseId: string): Promise<CaseState> {
  const { items } = await offlineCaseEvents(caseId);
  // The organisation's own settings are not on the device; the defaults decide only the follow-up schedule.
  const projection = projectCase(items, DEFAULT_CASE_SETTINGS);
  const followUp =
    projection.status === 'closed'
      ? { due: projection.followUpDue, done: [], next: null, overdue: [] }
      : followUpStatus(projection.followUpDue, projection.followUpVisits, localToday());
  return {
    status: projection.status,
    riskLevel: projection.riskLevel,
    placement: projection.placement ? { ...projection.placement, facilityName: null } : null,
    livingWith: projection.livingWith
      ? {
          destination: projection.livingWith.destination,
          carerName: projection.livingWith.carerName,
          villageCode: projection.livingWith.villageCode,
          since: projection.livingWith.since,
        }
      : null,
    reintegratedOn: projection.reintegratedOn,
    closedOn: projection.closedOn,
    consents: projection.consents,
    hasAssessment: projection.hasAssessment,
    carePlan: projection.carePlan,
    approvals: projection.approvals,
    followUp,
    approvalGates: DEFAULT_CASE_SETTINGS.approvalGates,
  };
}
