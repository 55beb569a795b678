import { useMemo } from 'react';
import { useCase, useCaseEvents, useCaseState, usePlacementFacilities } from '../api/cases.resource';
import { gatherCase, type MosvyCase } from './mosvy-data';

export interface MosvyCaseQuery {
  data: MosvyCase | undefined;
  /** Facility names by id, for the placement history. */
  facilityNames: ReadonlyMap<string, string>;
  isPending: boolean;
  error: unknown;
  refetch: () => void;
}

/**
 * The case, its history and its derived state, gathered for the forms. The state only adds the approval and
 * follow-up schedule, so a form still prints when it fails to load.
 */
export function useMosvyCase(caseId: string): MosvyCaseQuery {
  const caseQuery = useCase(caseId);
  const eventsQuery = useCaseEvents(caseId);
  const stateQuery = useCaseState(caseId);
  const events = eventsQuery.data?.items;
  const inFacility = events?.some((event) => event.type === 'placement' && event.payload.facilityId) ?? false;
  const facilitiesQuery = usePlacementFacilities(inFacility);

  const facilities = useMemo(() => {
    const byId = new Map<string, { name: string; villageCode: string | null }>();
    for (const facility of facilitiesQuery.data?.items ?? []) {
      byId.set(facility.id, { name: facility.name, villageCode: facility.villageCode });
    }
    const placement = stateQuery.data?.placement;
    if (placement?.facilityId && placement.facilityName && !byId.has(placement.facilityId)) {
      byId.set(placement.facilityId, { name: placement.facilityName, villageCode: null });
    }
    return byId;
  }, [facilitiesQuery.data, stateQuery.data]);

  const detail = caseQuery.data;
  const state = stateQuery.data;
  const data = useMemo(
    () => (detail && events ? gatherCase(detail, events, state, facilities) : undefined),
    [detail, events, state, facilities],
  );
  const facilityNames = useMemo(
    () => new Map([...facilities].map(([id, facility]) => [id, facility.name])),
    [facilities],
  );

  return {
    data,
    facilityNames,
    isPending: caseQuery.isPending || eventsQuery.isPending || (stateQuery.isPending && !stateQuery.error),
    error: caseQuery.error ?? eventsQuery.error,
    refetch: () => {
      void caseQuery.refetch();
      void eventsQuery.refetch();
    },
  };
}
