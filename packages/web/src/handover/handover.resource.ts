import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  handoverPlanDetailSchema,
  handoverPlanListSchema,
  handoverReceiverListSchema,
  incomingHandoverListSchema,
  type HandoverAccept,
  type HandoverDecline,
  type HandoverItemsChange,
  type HandoverPlanChange,
  type NewHandoverPlanInput,
} from '@homeward/core';
import { request } from '../api/http';

/** Caseload handover (issue 10 point 4): the office's plans and what waits for a receiver. */
export const handoverKeys = {
  all: ['handover'] as const,
  plans: ['handover', 'plans'] as const,
  plan: (id: string) => ['handover', 'plans', id] as const,
  receivers: ['handover', 'receivers'] as const,
  incoming: ['handover', 'incoming'] as const,
};

export function usePlans() {
  return useQuery({
    queryKey: handoverKeys.plans,
    queryFn: ({ signal }) => request('/handover-plans', handoverPlanListSchema, { signal }),
  });
}

export function usePlan(id: string) {
  return useQuery({
    queryKey: handoverKeys.plan(id),
    queryFn: ({ signal }) => request(`/handover-plans/${encodeURIComponent(id)}`, handoverPlanDetailSchema, { signal }),
  });
}

export function useReceivers() {
  return useQuery({
    queryKey: handoverKeys.receivers,
    queryFn: ({ signal }) => request('/handover-receivers', handoverReceiverListSchema, { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useIncoming(enabled = true) {
  return useQuery({
    queryKey: handoverKeys.incoming,
    queryFn: ({ signal }) => request('/handover-items/incoming', incomingHandoverListSchema, { signal }),
    enabled,
  });
}

export function useCreatePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (plan: NewHandoverPlanInput) =>
      request('/handover-plans', handoverPlanDetailSchema, { method: 'POST', body: plan }),
    onSuccess: (plan) => {
      queryClient.setQueryData(handoverKeys.plan(plan.id), plan);
      return queryClient.invalidateQueries({ queryKey: handoverKeys.plans });
    },
  });
}

type PlanAction =
  | { kind: 'items'; change: HandoverItemsChange }
  | { kind: 'remove'; itemIds: string[] }
  | { kind: 'plan'; change: HandoverPlanChange }
  | { kind: 'submit' | 'approve' | 'complete' };

/** Every change to one plan answers the plan as it now stands, which replaces the one on screen. */
export function usePlanAction(planId: string) {
  const queryClient = useQueryClient();
  const base = `/handover-plans/${encodeURIComponent(planId)}`;
  return useMutation({
    mutationFn: (action: PlanAction) => {
      switch (action.kind) {
        case 'items':
          return request(`${base}/items`, handoverPlanDetailSchema, { method: 'PATCH', body: action.change });
        case 'remove':
          return request(`${base}/items/remove`, handoverPlanDetailSchema, {
            method: 'POST',
            body: { itemIds: action.itemIds },
          });
        case 'plan':
          return request(base, handoverPlanDetailSchema, { method: 'PATCH', body: action.change });
        case 'submit':
        case 'approve':
        case 'complete':
          return request(`${base}/${action.kind}`, handoverPlanDetailSchema, { method: 'POST' });
      }
    },
    onSuccess: (plan) => {
      queryClient.setQueryData(handoverKeys.plan(planId), plan);
      return queryClient.invalidateQueries({ queryKey: handoverKeys.plans });
    },
  });
}

export function useDecideIncoming() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decision: ({ kind: 'accept' } & HandoverAccept) | ({ kind: 'decline' } & HandoverDecline)) => {
      const { kind, ...body } = decision;
      return request(`/handover-items/${kind}`, incomingHandoverListSchema, { method: 'POST', body });
    },
    onSuccess: (list) => queryClient.setQueryData(handoverKeys.incoming, list),
  });
}
