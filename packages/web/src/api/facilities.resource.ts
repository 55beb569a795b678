import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { facilityChildListSchema, facilityListSchema, facilitySchema, type NewFacility } from '@homeward/core';
import { request } from './http';
import { oversightKeys } from './query-keys';

export function useFacilities(enabled = true) {
  return useQuery({
    queryKey: oversightKeys.facilities,
    queryFn: ({ signal }) => request('/facilities', facilityListSchema, { signal }),
    enabled,
  });
}

export function useFacilityChildren(id: string) {
  return useQuery({
    queryKey: oversightKeys.facilityChildren(id),
    queryFn: ({ signal }) =>
      request(`/facilities/${encodeURIComponent(id)}/children`, facilityChildListSchema, { signal }),
  });
}

/** Adds a facility, or changes one when `id` is given. */
export function useSaveFacility(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewFacility) =>
      id === undefined
        ? request('/facilities', facilitySchema, { method: 'POST', body: input })
        : request(`/facilities/${encodeURIComponent(id)}`, facilitySchema, { method: 'PUT', body: input }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: oversightKeys.facilitiesAll });
      await queryClient.invalidateQueries({ queryKey: oversightKeys.supervision });
    },
  });
}
