import { DomainError, eventPayloadSchemas, projectCase, type TransferPlacement } from '@homeward/core';
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Actor } from '../auth/actor';
import { eventsForRules, insertEvent } from '../cases/case-events.repository';
import { updateCaseProjection } from '../cases/case-projection.repository';
import type { Database } from '../db/schema';
import { findFacility } from '../facilities/facilities.repository';
import { readCaseSettings } from '../organisations/case-settings.repository';

function invalid(message: string, code: string, field = 'placement'): never {
  throw new DomainError('invalid', message, [{ field, message, code }], code);
}

/**
 * A child who lived in the sender's facility does not live there once the receiver leads (issue 10): the
 * receiver says where the child lives now, written as its placement in the acceptance's transaction, so the
 * sender's facility counts one child fewer and the case shows the new place. The acceptance is the receiver's
 * supervisor's decision, so no separate placement approval is asked for; a full facility still needs its reason.
 * A child not in a facility (with a family, in follow-up) keeps where they live and nothing is asked.
 */
export async function placeOnAcceptance(
  trx: Transaction<Database>,
  actor: Actor,
  place: { caseId: string; currentFacilityId: string | null; placement: TransferPlacement | undefined; on: string },
): Promise<void> {
  const { caseId, currentFacilityId, placement, on } = place;
  if (currentFacilityId === null) {
    if (placement) invalid('The child does not live in a facility: keep where they live.', 'no_placement_needed');
    return;
  }
  if (!placement)
    invalid('Say where the child lives now: in one of your facilities or with a family.', 'placement_needed');
  let payload;
  if (placement.facilityId) {
    const facility = await findFacility(trx, actor, placement.facilityId).catch(() =>
      invalid('No such facility in your organisation.', 'no_facility', 'placement.facilityId'),
    );
    if (facility.occupancy >= facility.capacity && !placement.overCapacityReason) {
      invalid(
        `This facility is full (${facility.occupancy} of ${facility.capacity}). Give the reason for placing the child there anyway.`,
        'facility_full',
        'placement.overCapacityReason',
      );
    }
    payload = eventPayloadSchemas.placement.parse({
      careType: facility.careType,
      facilityId: facility.id,
      overCapacityReason: placement.overCapacityReason || undefined,
    });
  } else {
    payload = eventPayloadSchemas.placement.parse({ careType: placement.careType });
  }
  await insertEvent(trx, actor, { id: randomUUID(), caseId, type: 'placement', occurredOn: on, payload });
  const settings = await readCaseSettings(trx, actor.organisationId);
  await updateCaseProjection(trx, caseId, projectCase(await eventsForRules(trx, caseId), settings));
}
