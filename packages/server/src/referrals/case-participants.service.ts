import { caseSectionsSchema, CASE_SECTIONS, type CaseParticipant } from '@homeward/core';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Database } from '../db/schema';
import { readCase } from '../cases/case-reads.repository';
import { participantsOf } from '../participation/participants.repository';

/**
 * "Organisations working with this child": the lead sees every participation; a participant sees the lead and
 * its own, not which other organisations the child was referred to.
 */
export async function caseParticipants(db: Kysely<Database>, actor: Actor, caseId: string): Promise<CaseParticipant[]> {
  const row = await readCase(db, actor, caseId);
  const lead = await db
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('id', '=', row.organisation_id)
    .executeTakeFirstOrThrow();
  const rows = (await participantsOf(db, caseId)).filter(
    (participant) => row.reach.kind === 'lead' || participant.organisationId === actor.organisationId,
  );
  return [
    {
      organisationId: lead.id,
      organisationName: lead.name,
      role: 'lead',
      sections: [...CASE_SECTIONS],
      startedOn: String(row.opened_on),
      endedOn: null,
    },
    ...rows.map((participant) => ({
      organisationId: participant.organisationId,
      organisationName: participant.organisationName,
      role: participant.role,
      sections: caseSectionsSchema.parse(participant.sections),
      startedOn: String(participant.startedOn),
      endedOn: participant.endedOn ? String(participant.endedOn) : null,
    })),
  ];
}
