import type { CaseDetail, CaseList, CaseSummary } from '@homeward/core';

/**
 * The cases of a list that the user's organisation leads and wrote alone. Browser tests share one demo server,
 * and some move children between its organisations (referrals, transfers, handovers): a test that needs "our own
 * case" or "their case we never touched" must not pick one of those.
 */
export async function casesLedAlone(baseUrl: string, token: string, query = 'limit=200'): Promise<CaseSummary[]> {
  const get = async <T>(path: string): Promise<T> =>
    (await (await fetch(`${baseUrl}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as T;
  const list = await get<CaseList>(`/cases?${query}`);
  const led: CaseSummary[] = [];
  for (const item of list.items) {
    const detail = await get<CaseDetail>(`/cases/${item.id}`);
    if (detail.reach.kind !== 'lead') continue;
    const events = await get<{ items: { organisationId: string }[] }>(`/cases/${item.id}/events`);
    if (events.items.every((event) => event.organisationId === item.organisationId)) led.push(item);
  }
  return led;
}
