import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  demoProgressSchema,
  loginResultSchema,
  ROLES,
  setupStatusSchema,
  type Role,
  type SetupInput,
} from '@homeward/core';
import { currentUserQuery } from './auth.resource';
import { isApiError, request, setCsrfToken, type Parser } from './http';
import { demoProgressKey, setupStatusKey } from './query-keys';

export interface DemoUser {
  email: string;
  roles: Role[];
  organisation: string | null;
}

export interface DemoData {
  users: DemoUser[];
  /** The one password of every demo user, when the server says it. */
  password: string | null;
}

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

function field(record: object, key: string): unknown {
  return key in record ? (record as Record<string, unknown>)[key] : undefined;
}

function demoUserOf(user: unknown): DemoUser[] {
  if (typeof user !== 'object' || user === null) return [];
  const email = field(user, 'email');
  const roles = field(user, 'roles');
  const organisation = field(user, 'organisation');
  if (typeof email !== 'string') return [];
  return [
    {
      email,
      roles: Array.isArray(roles) ? roles.filter(isRole) : [],
      organisation: typeof organisation === 'string' ? organisation : null,
    },
  ];
}

/** Checks the demo result by hand: core has no schema for it, and the server's may grow. */
export const demoDataParser: Parser<DemoData> = {
  parse(data) {
    if (typeof data !== 'object' || data === null) throw new TypeError('Expected the demo users.');
    const users = field(data, 'users');
    const password = field(data, 'password');
    if (!Array.isArray(users)) throw new TypeError('Expected { users: [...] }.');
    return { users: users.flatMap(demoUserOf), password: typeof password === 'string' ? password : null };
  },
};

export function useSetupStatus() {
  return useQuery({
    queryKey: setupStatusKey,
    queryFn: ({ signal }) => request('/setup', setupStatusSchema, { signal }),
    staleTime: Infinity,
  });
}

/** Someone else finished setup meanwhile (another tab, another laptop): go on to the login screen. */
function onSetupError(queryClient: QueryClient) {
  return (error: unknown) => {
    if (isApiError(error) && error.code === 'already_set_up') {
      queryClient.setQueryData(setupStatusKey, { needsSetup: false });
    }
  };
}

export function useSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    onError: onSetupError(queryClient),
    mutationFn: (input: SetupInput) => request('/setup', loginResultSchema, { method: 'POST', body: input }),
    onSuccess: async (result) => {
      setCsrfToken(result.csrfToken);
      queryClient.setQueryData(setupStatusKey, { needsSetup: false });
      // Setup signs the administrator in: load them before the caller navigates past the route guard.
      await queryClient.fetchQuery({ ...currentUserQuery, staleTime: 0 });
    },
  });
}

export function useLoadDemo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => request('/setup/demo', demoDataParser, { method: 'POST' }),
    onError: onSetupError(queryClient),
    onSuccess: () => queryClient.setQueryData(setupStatusKey, { needsSetup: false }),
  });
}

/** Asked every half second while the demo loads, so the setup screen can show how far it has come. */
export function useDemoProgress(loading: boolean) {
  return useQuery({
    queryKey: demoProgressKey,
    queryFn: ({ signal }) => request('/setup/demo/progress', demoProgressSchema, { signal }),
    enabled: loading,
    refetchInterval: loading ? 500 : false,
    gcTime: 0,
    retry: false,
  });
}
