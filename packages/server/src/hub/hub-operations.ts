import { createHash } from 'node:crypto';
import { hubOperationSchema, type HubOperation } from '@homeward/core';
import type { CaseRow } from '../db/schema';

/**
 * The push a hub builds from its own rows (decision 0019): each record made at the hub goes up under its own id
 * with the person who made it, so ids stay the same end to end and a second sending is a retry.
 */

interface EventRow {
  id: string;
  case_id: string;
  type: string;
  occurred_on: string;
  recorded_at: Date;
  author_id: string | null;
  supersedes: string | null;
  payload: Record<string, unknown>;
}

/** Drops the nulls a row holds where the intake form leaves a field out. */
function present<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null)) as Partial<T>;
}

/** A new intake: the child as the hub's row holds her, the referral and the rest as its intake event says. */
export function caseOperation(row: CaseRow, intake: Record<string, unknown> | undefined): Candidate {
  return {
    kind: 'case',
    opId: row.id,
    madeAt: row.created_at.toISOString(),
    madeBy: row.created_by ?? '',
    body: {
      ...present({
        familyNameKm: row.family_name_km,
        givenNameKm: row.given_name_km,
        familyNameLatin: row.family_name_latin,
        givenNameLatin: row.given_name_latin,
        alias: row.alias,
        villageCode: row.village_code,
        childType: intake?.childType ?? row.child_type,
        riskLevel: intake?.riskLevel ?? null,
        interviewed: intake?.interviewed ?? null,
      }),
      sex: row.sex,
      dateOfBirth: row.date_of_birth,
      dateOfBirthEstimated: row.date_of_birth_estimated,
      caseTypes: (intake?.caseTypes as string[] | undefined) ?? row.case_types,
      referral: intake?.referral ?? row.referral,
    },
  };
}

/** An event recorded at the hub, a correction of the child's details or a child's attendance, as a phone sends it. */
export function eventOperation(row: EventRow): Candidate {
  const common = {
    opId: row.id,
    madeAt: row.recorded_at.toISOString(),
    madeBy: row.author_id ?? '',
    caseId: row.case_id,
  };
  if (row.type === 'profile_correction') {
    const fields = Object.entries((row.payload.changes ?? {}) as Record<string, { to: unknown; baseVersion: number }>);
    return {
      ...common,
      kind: 'correction',
      body: {
        changes: Object.fromEntries(fields.map(([field, change]) => [field, change.to])),
        baseVersions: Object.fromEntries(fields.map(([field, change]) => [field, change.baseVersion])),
      },
    };
  }
  // A session's attendance goes up as such: the central server makes the session and checks each child alone.
  if (row.type === 'group_session') {
    const { activityId, topic, title } = row.payload;
    return { ...common, kind: 'attendance', body: { activityId, topic, title, occurredOn: row.occurred_on } };
  }
  return {
    ...common,
    kind: 'event',
    body: {
      type: row.type,
      occurredOn: row.occurred_on,
      ...(row.supersedes ? { supersedes: row.supersedes } : {}),
      payload: row.payload,
    },
  };
}

/**
 * A photo or document stored at the hub, as a phone sends one made offline (decision 0020): under the id its file
 * and its timeline entry share, with the hash of the bytes the hub sends ahead of it.
 */
export function attachmentOperation(row: EventRow, file: { fileName: string; data: Buffer }): Candidate {
  return {
    kind: 'attachment',
    opId: row.id,
    madeAt: row.recorded_at.toISOString(),
    madeBy: row.author_id ?? '',
    caseId: row.case_id,
    body: {
      kind: row.payload.kind,
      title: row.payload.title,
      fileName: file.fileName,
      size: file.data.length,
      sha256: createHash('sha256').update(file.data).digest('hex'),
    },
  };
}

/** An operation as built from the hub's rows, before the protocol's schema checks it. */
export interface Candidate {
  kind: HubOperation['kind'];
  opId: string;
  [field: string]: unknown;
}

/**
 * The operation as the protocol carries it, or null when it cannot (a kind of record the push does not take): that
 * one stays at the hub, named in its sync log each round, rather than blocking everything behind it.
 */
export function asOperation(candidate: Candidate): HubOperation | null {
  const parsed = hubOperationSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}
