import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { deviceListSchema, deviceSchema, hubCredentialsSchema, type NewHub } from '@homeward/core';
import { request } from '../api/http';

export const devicesKeys = { list: ['devices', 'list'] as const };

/** The organisation's devices and the cases each holds offline (all of them for an administrator). */
export function useDevices(enabled = true) {
  return useQuery({
    queryKey: devicesKeys.list,
    queryFn: ({ signal }) => request('/devices', deviceListSchema, { signal }),
    enabled,
  });
}

export function useRevokeDevice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => request(`/devices/${encodeURIComponent(id)}/revoke`, deviceSchema, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: devicesKeys.list }),
  });
}

/**
 * Authorises a shelter's own server as a hub; the answer holds its token, shown once. The id is the form's own,
 * so a retry after a lost answer is refused (409) rather than making a second hub.
 */
export function useCreateHub() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewHub) => request('/devices/hubs', hubCredentialsSchema, { method: 'POST', body: input }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: devicesKeys.list }),
  });
}
