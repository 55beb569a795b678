/** An event as stored, in the order it was written; a correction names the event it supersedes. */
interface StoredEvent {
  id: string;
  type: string;
  payload: unknown;
  supersedes: string | null;
}

interface SharingPayload {
  scope?: string;
  action?: string;
  sharedWith?: 'any' | string[];
}

/**
 * Whether the child's consent to share covers this partner organisation (or, with null, any partner at all).
 * A `sharing` consent names the organisations it covers, or says "any partner"; one recorded before consents
 * named their receivers names none and covers any partner, as it was given. A later withdrawal takes back what
 * it names (or everything). Corrected consents count as corrected.
 */
export function sharingConsentCovers(events: readonly StoredEvent[], organisationId: string | null): boolean {
  const superseded = new Set(events.flatMap((event) => (event.supersedes ? [event.supersedes] : [])));
  let anyPartner = false;
  const named = new Set<string>();
  const excluded = new Set<string>();
  for (const event of events) {
    if (event.type !== 'consent' || superseded.has(event.id)) continue;
    const payload = (typeof event.payload === 'string' ? JSON.parse(event.payload) : event.payload) as SharingPayload;
    if (payload.scope !== 'sharing') continue;
    const organisations = Array.isArray(payload.sharedWith) ? payload.sharedWith : null;
    if (payload.action === 'given') {
      if (!organisations) {
        anyPartner = true;
        excluded.clear();
      } else {
        for (const id of organisations) {
          named.add(id);
          excluded.delete(id);
        }
      }
    } else if (!organisations) {
      anyPartner = false;
      named.clear();
      excluded.clear();
    } else {
      for (const id of organisations) {
        named.delete(id);
        excluded.add(id);
      }
    }
  }
  if (organisationId === null) return anyPartner;
  return named.has(organisationId) || (anyPartner && !excluded.has(organisationId));
}
