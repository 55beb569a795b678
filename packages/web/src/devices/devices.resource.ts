import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { deviceListSchema, deviceSchema } from '@homeward/core';
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
