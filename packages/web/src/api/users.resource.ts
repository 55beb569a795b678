import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  securitySettingsSchema,
  userListSchema,
  userSummarySchema,
  type NewUserInput,
  type Role,
  type SecuritySettings,
} from '@homeward/core';
import { request } from './http';

export const usersKeys = {
  all: ['users'] as const,
  list: ['users', 'list'] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
  security: ['settings', 'security'] as const,
};

export function useUsers(enabled = true) {
  return useQuery({
    queryKey: usersKeys.list,
    queryFn: ({ signal }) => request('/users', userListSchema, { signal }),
    enabled,
  });
}

export function useManagedUser(id: string) {
  return useQuery({
    queryKey: usersKeys.detail(id),
    queryFn: ({ signal }) => request(`/users/${encodeURIComponent(id)}`, userSummarySchema, { signal }),
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewUserInput) => request('/users', userSummarySchema, { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKeys.all }),
  });
}

/** One administrative action on a user; each answers with the user as it now is. */
export type UserAction =
  | { kind: 'roles'; roles: Role[] }
  | { kind: 'disable' }
  | { kind: 'enable' }
  | { kind: 'endSessions' }
  | { kind: 'password'; password: string }
  | { kind: 'resetTwoFactor' }
  | { kind: 'unlock' };

function actionRequest(id: string, action: UserAction) {
  const base = `/users/${encodeURIComponent(id)}`;
  switch (action.kind) {
    case 'roles':
      return request(`${base}/roles`, userSummarySchema, { method: 'PUT', body: { roles: action.roles } });
    case 'disable':
    case 'enable':
    case 'unlock':
      return request(`${base}/${action.kind}`, userSummarySchema, { method: 'POST' });
    case 'endSessions':
      return request(`${base}/sessions/end`, userSummarySchema, { method: 'POST' });
    case 'password':
      return request(`${base}/password`, userSummarySchema, { method: 'POST', body: { password: action.password } });
    case 'resetTwoFactor':
      return request(`${base}/two-factor/reset`, userSummarySchema, { method: 'POST' });
  }
}

export function useUserAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: UserAction) => actionRequest(id, action),
    onSuccess: (user) => {
      queryClient.setQueryData(usersKeys.detail(id), user);
      return queryClient.invalidateQueries({ queryKey: usersKeys.list });
    },
  });
}

export function useSecuritySettings() {
  return useQuery({
    queryKey: usersKeys.security,
    queryFn: ({ signal }) => request('/settings/security', securitySettingsSchema, { signal }),
  });
}

export function useSaveSecuritySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: SecuritySettings) =>
      request('/settings/security', securitySettingsSchema, { method: 'PUT', body: settings }),
    onSuccess: (settings) => queryClient.setQueryData(usersKeys.security, settings),
  });
}
