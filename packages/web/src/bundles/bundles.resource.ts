import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  importResultSchema,
  installationSchema,
  type BundleRequest,
  type ImportChoice,
  type ImportResult,
  type NewPartner,
} from '@homeward/core';
import { z } from 'zod';
import { API_PREFIX, ApiError, noContent, request, requestFile } from '../api/http';

/** Case files between installations (decision 0012): the card, the partners, sending and importing. */
export const installationKey = ['installation'] as const;

export function useInstallation(enabled = true) {
  return useQuery({
    queryKey: installationKey,
    queryFn: ({ signal }) => request('/installation', installationSchema, { signal }),
    enabled,
  });
}

export function useAddPartner() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (partner: NewPartner) =>
      request('/installation/partners', z.object({ id: z.string() }), { method: 'POST', body: partner }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: installationKey }),
  });
}

export function useRemovePartner() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (partnerId: string) =>
      request(`/installation/partners/${encodeURIComponent(partnerId)}`, noContent, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: installationKey }),
  });
}

export function downloadCard(): Promise<Blob> {
  return requestFile('/installation/card');
}

/** The bundle; POST so that a passphrase travels in the body, never in the URL. */
export function sendBundle(input: BundleRequest): Promise<Blob> {
  return requestFile('/bundles', { method: 'POST', body: input });
}

/** Hands the browser a file made in memory, as if it had been a link. */
export function saveAs(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * Uploads a bundle as multipart/form-data (the fields before the file, which the server reads with it), with
 * the same CSRF header and problem reading as every other write.
 */
export async function importBundle(
  file: File,
  options: { passphrase?: string; choices?: Record<string, ImportChoice> },
  csrfToken: string,
): Promise<ImportResult> {
  const form = new FormData();
  if (options.passphrase) form.append('passphrase', options.passphrase);
  if (options.choices) form.append('choices', JSON.stringify(options.choices));
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(`${API_PREFIX}/bundles/import`, {
      method: 'POST',
      headers: { Accept: 'application/json, application/problem+json', 'X-CSRF-Token': csrfToken },
      credentials: 'same-origin',
      body: form,
    });
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : undefined);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
    throw new ApiError(
      response.status,
      text(problem.code) ?? (response.status === 413 ? 'file_too_large' : undefined),
      text(problem.detail) ?? text(problem.title),
    );
  }
  return importResultSchema.parse(body);
}
