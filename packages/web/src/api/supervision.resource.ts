import { useQuery } from '@tanstack/react-query';
import { supervisionSchema } from '@homeward/core';
import { request } from './http';
import { oversightKeys } from './query-keys';

export function useSupervision(enabled = true) {
  return useQuery({
    queryKey: oversightKeys.supervision,
    queryFn: ({ signal }) => request('/supervision', supervisionSchema, { signal }),
    enabled,
  });
}
