import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  accessPolicySettingsSchema,
  caseDetailSchema,
  caseShareListSchema,
  departmentListSchema,
  type CaseAssignment,
  type NewCaseShare,
  type PolicyAdjustments,
} from '@homeward/core';
import { request } from './http';
import { accessKeys, casesKeys, currentUserKey } from './query-keys';

const casePath = (caseId: string) => `/cases/${encodeURIComponent(caseId)}`;

/** What each role may do here: Homeward's default, the organisation's changes, and the result. */
export function useAccessPolicy(enabled = true) {
  return useQuery({
    queryKey: accessKeys.policy,
    queryFn: ({ signal }) => request('/settings/access-policy', accessPolicySettingsSchema, { signal }),
    enabled,
  });
}

/**
 * A changed policy changes what everyone may see, the administrator included: their own access (from
 * `/auth/me`) and every case are fetched again.
 */
export function useSaveAccessPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (adjustments: PolicyAdjustments) =>
      request('/settings/access-policy', accessPolicySettingsSchema, { method: 'PUT', body: adjustments }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(accessKeys.policy, saved);
      await queryClient.invalidateQueries({ queryKey: currentUserKey });
      await queryClient.invalidateQueries({ queryKey: casesKeys.all });
    },
  });
}

export function useAssignCase(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (assignment: CaseAssignment) =>
      request(`${casePath(caseId)}/assignment`, caseDetailSchema, { method: 'PUT', body: assignment }),
    onSuccess: async (detail) => {
      queryClient.setQueryData(casesKeys.detail(caseId), detail);
      await queryClient.invalidateQueries({ queryKey: casesKeys.all });
    },
  });
}

export function useCaseShares(caseId: string) {
  return useQuery({
    queryKey: accessKeys.shares(caseId),
    queryFn: ({ signal }) => request(`${casePath(caseId)}/shares`, caseShareListSchema, { signal }),
  });
}

/** The Departments of Social Affairs on this server, for the referral form (only those who may refer see it). */
export function useDepartments() {
  return useQuery({
    queryKey: accessKeys.departments,
    queryFn: ({ signal }) => request('/departments', departmentListSchema, { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useShareCase(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (share: NewCaseShare) =>
      request(`${casePath(caseId)}/shares`, caseShareListSchema, { method: 'POST', body: share }),
    onSuccess: (shares) => queryClient.setQueryData(accessKeys.shares(caseId), shares),
  });
}
