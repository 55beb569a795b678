import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  accessLogSchema,
  auditPageSchema,
  retentionPreviewSchema,
  retentionSettingsSchema,
  type AuditQuery,
  type CaseDeletion,
  type CaseFileRequest,
  type CasePrint,
  type RetentionSettings,
} from '@homeward/core';
import { noContent, request, requestFile } from '../api/http';
import { casesKeys } from '../api/query-keys';

const casePath = (caseId: string) => `/cases/${encodeURIComponent(caseId)}`;

export const recordsKeys = {
  /** Under `cases`, so any write to the case refreshes who touched it. */
  accessLog: (caseId: string) => ['cases', 'access-log', caseId] as const,
  audit: (query: object) => ['audit', query] as const,
  retention: ['settings', 'retention'] as const,
  retentionPreview: ['settings', 'retention', 'preview'] as const,
};

export function useAccessLog(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: recordsKeys.accessLog(caseId),
    queryFn: ({ signal }) => request(`${casePath(caseId)}/access-log`, accessLogSchema, { signal }),
    enabled,
  });
}

/** `enabled` false for a user who may not search the log: the server would refuse, and audit the refusal. */
export function useAuditSearch(query: Partial<AuditQuery>, enabled = true) {
  const params = new URLSearchParams(
    Object.entries(query).flatMap(([key, value]) =>
      value === undefined || value === '' ? [] : [[key, String(value)]],
    ),
  );
  return useQuery({
    queryKey: recordsKeys.audit(query),
    queryFn: ({ signal }) => request(`/audit?${params.toString()}`, auditPageSchema, { signal }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Records a print before the browser's print dialog opens: the paper is recorded even if the dialog is cancelled. */
export function recordPrint(caseId: string, print: CasePrint): Promise<void> {
  return request(`${casePath(caseId)}/prints`, noContent, { method: 'POST', body: print });
}

/** The whole file as a ZIP; POST so that a passphrase travels in the body, never in the URL. */
export function downloadCaseFile(caseId: string, input: CaseFileRequest): Promise<Blob> {
  return requestFile(`${casePath(caseId)}/file`, { method: 'POST', body: input });
}

export function useDeleteCase(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CaseDeletion) => request(casePath(caseId), noContent, { method: 'DELETE', body: input }),
    // Marked stale, not refetched: a refetch now would answer 404 and replace the deleted case's page before
    // the form that asked for the deletion can move on. Lists refetch when next shown.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: casesKeys.all, refetchType: 'none' }),
  });
}

export function useRetentionSettings() {
  return useQuery({
    queryKey: recordsKeys.retention,
    queryFn: ({ signal }) => request('/settings/retention', retentionSettingsSchema, { signal }),
  });
}

export function useRetentionPreview() {
  return useQuery({
    queryKey: recordsKeys.retentionPreview,
    queryFn: ({ signal }) => request('/settings/retention/preview', retentionPreviewSchema, { signal }),
  });
}

export function useSaveRetention() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RetentionSettings) =>
      request('/settings/retention', retentionSettingsSchema, { method: 'PUT', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recordsKeys.retention }),
  });
}
