import type { CaseDetail } from '../cases/case.schema';
import type { CorrectableField } from '../cases/case-correction.schema';
import { DEFAULT_CASE_SETTINGS, type CaseSettings } from '../cases/case-settings';
import { findDuplicates, type ChildIdentity, type DuplicateCandidate, type DuplicateOptions } from '../duplicates';
import { romanisedQueryKeys, romanisedSearchKey } from '../duplicates/name-search-key';
import { normaliseForSearch, searchKey } from '../text/search-text';
import { provisionalCase } from './provisional-case';
import { caseIdOf, type Replica } from './replica';

/** A case as the device shows it: the server's copy with the changes still waiting, or a new intake's. */
export interface LocalCase {
  detail: CaseDetail;
  /** Made on this device and not yet numbered by the server: the number is provisional. */
  provisional: boolean;
  /** Fields whose shown value is a correction still waiting to sync. */
  waitingFields: CorrectableField[];
  /** Changes of this case in the outbox. */
  waiting: number;
}

/**
 * One case as the device shows it, or null when the device holds nothing of it. Corrections waiting in the
 * outbox show their new values (the person sees what she wrote); the server's copy keeps the versions a next
 * correction is made from.
 */
export function localCase(replica: Replica, caseId: string): LocalCase | null {
  const ops = replica.outbox.filter((entry) => caseIdOf(entry.operation) === caseId).map((entry) => entry.operation);
  const made = ops.find((op) => op.kind === 'case');
  const base =
    replica.cases[caseId] ??
    (made?.kind === 'case' ? provisionalCase(caseId, made.body, replica.owner, made.madeAt) : undefined);
  if (!base) return null;
  let detail = base;
  const waitingFields = new Set<CorrectableField>();
  for (const op of ops) {
    if (op.kind !== 'correction') continue;
    for (const [field, value] of Object.entries(op.body.changes)) {
      detail = withField(detail, field as CorrectableField, value);
      waitingFields.add(field as CorrectableField);
    }
  }
  return {
    detail,
    provisional: !replica.cases[caseId],
    waitingFields: [...waitingFields],
    waiting: ops.length,
  };
}

function withField(detail: CaseDetail, field: CorrectableField, value: unknown): CaseDetail {
  if (field.startsWith('referral.')) {
    const key = field.slice('referral.'.length);
    const referral: Record<string, unknown> = { ...detail.referral };
    if (value === null || value === undefined) delete referral[key];
    else referral[key] = value;
    return {
      ...detail,
      referral: referral as CaseDetail['referral'],
      ...(key === 'referredOn' ? { openedOn: value as string } : {}),
    };
  }
  return { ...detail, [field]: value };
}

/**
 * The rules a case is projected under on the device: those of the organisation that holds it, as the server's
 * `GET /cases/{id}/state` uses; the defaults only before a first pull that carried them.
 */
export function localCaseSettings(replica: Replica, detail: Pick<CaseDetail, 'organisationId'>): CaseSettings {
  return replica.caseSettings[detail.organisationId] ?? DEFAULT_CASE_SETTINGS;
}

/** Every case the device can show: those it holds and the new intakes waiting to sync, newest opened first. */
export function localCases(replica: Replica): LocalCase[] {
  const ids = new Set(Object.keys(replica.cases));
  for (const entry of replica.outbox) if (entry.operation.kind === 'case') ids.add(entry.operation.opId);
  return [...ids]
    .map((id) => localCase(replica, id))
    .filter((found): found is LocalCase => found !== null)
    .sort(
      (a, b) =>
        b.detail.openedOn.localeCompare(a.detail.openedOn) || a.detail.caseNumber.localeCompare(b.detail.caseNumber),
    );
}

/**
 * The device's cases a typed query finds, as the server's search finds them: a part of a name in either script
 * (the same normalised text and cross-script phonetic keys), the case number or the alias. A case whose names
 * the user may not read is found only by its number and alias, since the names are not on the device.
 */
export function searchLocalCases(replica: Replica, query: string): LocalCase[] {
  const all = localCases(replica);
  const q = normaliseForSearch(query);
  if (!q) return all;
  const plain = query.trim().toLowerCase();
  const spellings = romanisedQueryKeys(query);
  return all.filter(({ detail }) => {
    if (detail.caseNumber.toLowerCase().includes(plain)) return true;
    if ((detail.alias ?? '').toLowerCase().includes(plain)) return true;
    if (searchText(detail).includes(q)) return true;
    const romanised = romanisedSearchKey(detail);
    return spellings.some((key) => romanised.includes(key));
  });
}

function searchText(detail: CaseDetail): string {
  const { familyNameKm: fk, givenNameKm: gk, familyNameLatin: fl, givenNameLatin: gl } = detail;
  // Whole names in both orders, as the server's key holds them, so "Dara Sok" finds Sok Dara.
  const wholeNames = [fk && gk ? fk + gk : null, fl && gl ? fl + gl : null, gl && fl ? gl + fl : null];
  return searchKey([...wholeNames, gk, fk, gl, fl, detail.alias, detail.caseNumber]);
}

/** The duplicate check of a new intake against the children on the device, with the matcher the server uses. */
export function localDuplicates(
  replica: Replica,
  subject: ChildIdentity,
  options?: DuplicateOptions,
): DuplicateCandidate<CaseDetail>[] {
  return findDuplicates(
    subject,
    localCases(replica).map((found) => found.detail),
    options,
  );
}

/**
 * What a correction of these fields starts from: the server's version of each field as the device holds it.
 * A field corrected again before the first correction reached the server is sent from the same version, and
 * the server holds the second as a conflict beside the first value, for a person to choose (decision 0016).
 */
export function correctionBase(replica: Replica, caseId: string, fields: readonly CorrectableField[]) {
  const versions = replica.cases[caseId]?.fieldVersions ?? {};
  return Object.fromEntries(fields.map((field) => [field, versions[field] ?? 0])) as Partial<
    Record<CorrectableField, number>
  >;
}
