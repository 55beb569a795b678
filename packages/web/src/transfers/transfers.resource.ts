import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  caseTransfersSchema,
  incomingTransferCountSchema,
  incomingTransfersSchema,
  transferReceiversSchema,
  transferSchema,
  type AcceptTransfer,
  type DeclineTransfer,
  type NewTransfer,
} from '@homeward/core';
import { request } from '../api/http';
import { casesKeys } from '../api/query-keys';

/** Under `cases`, so any case write (and a transfer's step) refreshes them with the case. */
export const transferKeys = {
  all: ['cases', 'transfers'] as const,
  ofCase: (caseId: string) => ['cases', 'transfers', 'case', caseId] as const,
  incoming: ['cases', 'transfers', 'incoming'] as const,
  incomingCount: ['cases', 'transfers', 'incoming-count'] as const,
  receivers: ['transfer-receivers'] as const,
};

const casePath = (caseId: string) => `/cases/${encodeURIComponent(caseId)}`;
const transferPath = (transferId: string) => `/transfers/${encodeURIComponent(transferId)}`;

export function useCaseTransfers(caseId: string) {
  return useQuery({
    queryKey: transferKeys.ofCase(caseId),
    queryFn: ({ signal }) => request(`${casePath(caseId)}/transfers`, caseTransfersSchema, { signal }),
  });
}

export function useTransferReceivers(enabled: boolean) {
  return useQuery({
    queryKey: transferKeys.receivers,
    queryFn: ({ signal }) => request('/transfers/receivers', transferReceiversSchema, { signal }),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useIncomingTransfers() {
  return useQuery({
    queryKey: transferKeys.incoming,
    queryFn: ({ signal }) => request('/transfers/incoming', incomingTransfersSchema, { signal }),
  });
}

/** The navigation's count: checked again every few minutes, as the task badge is. */
export function useIncomingTransferCount(enabled: boolean) {
  return useQuery({
    queryKey: transferKeys.incomingCount,
    queryFn: ({ signal }) => request('/transfers/incoming/count', incomingTransferCountSchema, { signal }),
    refetchInterval: 5 * 60_000,
    enabled,
  });
}

/** Every step changes the case (its lead, its timeline): the case and the transfer lists are fetched again. */
function useTransferStep<T>(send: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: casesKeys.all });
    },
  });
}

export function useOfferTransfer(caseId: string) {
  return useTransferStep((offer: NewTransfer) =>
    request(`${casePath(caseId)}/transfers`, transferSchema, { method: 'POST', body: offer }),
  );
}

export function useWithdrawTransfer() {
  return useTransferStep((transferId: string) =>
    request(`${transferPath(transferId)}/withdraw`, transferSchema, { method: 'POST' }),
  );
}

export function useAcceptTransfer() {
  return useTransferStep(({ transferId, ...body }: AcceptTransfer & { transferId: string }) =>
    request(`${transferPath(transferId)}/accept`, transferSchema, { method: 'POST', body }),
  );
}

export function useDeclineTransfer() {
  return useTransferStep(({ transferId, ...body }: DeclineTransfer & { transferId: string }) =>
    request(`${transferPath(transferId)}/decline`, transferSchema, { method: 'POST', body }),
  );
}
