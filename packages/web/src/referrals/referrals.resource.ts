import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  caseParticipantListSchema,
  incomingCountSchema,
  incomingReferralsSchema,
  organisationServicesSchema,
  referralReceiverListSchema,
  serviceReferralListSchema,
  serviceReferralSchema,
  type AcceptReferral,
  type NewReferralInput,
} from '@homeward/core';
import { request } from '../api/http';
import { casesKeys } from '../api/query-keys';

/** Referrals for a service (issue 10): a case's referrals and partners, the inbox, the receivers, the steps. */
export const referralKeys = {
  all: ['referrals'] as const,
  ofCase: (caseId: string) => ['referrals', 'case', caseId] as const,
  participants: (caseId: string) => ['referrals', 'participants', caseId] as const,
  incoming: ['referrals', 'incoming'] as const,
  count: ['referrals', 'incoming-count'] as const,
  receivers: (service: string, province: string) => ['referrals', 'receivers', service, province] as const,
  services: ['referrals', 'services'] as const,
};

const casePath = (caseId: string) => `/cases/${encodeURIComponent(caseId)}`;

export function useCaseReferrals(caseId: string) {
  return useQuery({
    queryKey: referralKeys.ofCase(caseId),
    queryFn: ({ signal }) => request(`${casePath(caseId)}/referrals`, serviceReferralListSchema, { signal }),
  });
}

export function useCaseParticipants(caseId: string) {
  return useQuery({
    queryKey: referralKeys.participants(caseId),
    queryFn: ({ signal }) => request(`${casePath(caseId)}/participants`, caseParticipantListSchema, { signal }),
  });
}

export function useIncomingReferrals() {
  return useQuery({
    queryKey: referralKeys.incoming,
    queryFn: ({ signal }) => request('/referrals/incoming', incomingReferralsSchema, { signal }),
  });
}

export function useIncomingCount(enabled: boolean) {
  return useQuery({
    queryKey: referralKeys.count,
    queryFn: ({ signal }) => request('/referrals/incoming/count', incomingCountSchema, { signal }),
    enabled,
    refetchInterval: 120_000,
  });
}

export function useReceivers(service: string, province: string) {
  const query = new URLSearchParams();
  if (service) query.set('service', service);
  if (province) query.set('province', province);
  return useQuery({
    queryKey: referralKeys.receivers(service, province),
    queryFn: ({ signal }) =>
      request(`/referrals/receivers?${query.toString()}`, referralReceiverListSchema, { signal }),
  });
}

export function useOrganisationServices() {
  return useQuery({
    queryKey: referralKeys.services,
    queryFn: ({ signal }) => request('/settings/services', organisationServicesSchema, { signal }),
  });
}

export function useSaveOrganisationServices() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (services: string[]) =>
      request('/settings/services', organisationServicesSchema, { method: 'PUT', body: { services } }),
    onSuccess: (saved) => queryClient.setQueryData(referralKeys.services, saved),
  });
}

/** Every step changes the case's timeline and state on both sides: all of it is fetched again. */
function useStep<I>(path: (input: I) => string, body: (input: I) => unknown) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => request(path(input), serviceReferralSchema, { method: 'POST', body: body(input) }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: referralKeys.all });
      await queryClient.invalidateQueries({ queryKey: casesKeys.all });
    },
  });
}

export const useSendReferral = (caseId: string) =>
  useStep<NewReferralInput>(
    () => `${casePath(caseId)}/referrals`,
    (input) => input,
  );
const referralPath = (id: string, step: string) => `/referrals/${encodeURIComponent(id)}/${step}`;
export const useAcceptReferral = () =>
  useStep<{ id: string; body: AcceptReferral }>(
    ({ id }) => referralPath(id, 'accept'),
    ({ body }) => body,
  );
export const useDeclineReferral = () =>
  useStep<{ id: string; reason: string }>(
    ({ id }) => referralPath(id, 'decline'),
    ({ reason }) => ({ reason }),
  );
export const useCompleteReferral = () =>
  useStep<{ id: string; feedback: string }>(
    ({ id }) => referralPath(id, 'done'),
    ({ feedback }) => ({ feedback }),
  );
export const useWithdrawReferral = () =>
  useStep<{ id: string; reason?: string }>(
    ({ id }) => referralPath(id, 'withdraw'),
    ({ reason }) => (reason ? { reason } : {}),
  );
