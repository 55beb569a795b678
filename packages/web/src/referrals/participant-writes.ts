import { eventWritable, type CaseParticipant } from '@homeward/core';

/**
 * The steps a participating organisation may record: those of the writable sections its active service
 * participation was given. The server decides the same way (`lockCaseForEvent`); this spares a refused form.
 */
export function participantWrites(participants: readonly CaseParticipant[], organisationId: string) {
  const own = participants.find(
    (participant) => participant.organisationId === organisationId && participant.endedOn === null,
  );
  return (type: string): boolean =>
    own !== undefined &&
    own.role === 'service_provider' &&
    eventWritable({ kind: 'participant', organisationId, role: own.role, sections: own.sections }, type);
}
