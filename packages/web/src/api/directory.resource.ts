import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { directoryEntrySchema, directoryListSchema, type NewDirectoryEntry } from '@homeward/core';
import { request } from './http';

const directoryKey = ['directory'] as const;

/** The organisation's partners and referral bodies, offered when a referral is entered. */
export function useDirectory() {
  return useQuery({
    queryKey: directoryKey,
    queryFn: ({ signal }) => request('/directory', directoryListSchema, { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useAddDirectoryEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (entry: NewDirectoryEntry) =>
      request('/directory', directoryEntrySchema, { method: 'POST', body: entry }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: directoryKey }),
  });
}
