import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { caseListSchema, type GroupActivity } from '@homeward/core';
import { request, type Parser } from './http';
import { orOffline } from './offline-fallback';
import { casesKeys, oversightKeys } from './query-keys';

/** At most 200 cases, the API's page limit: enough for a programme's open caseload in one attendance list. */
export const ATTENDANCE_LIMIT = 200;

/**
 * The organisation's cases for a group session's attendance list; the page leaves out closed ones. Offline, the
 * cases kept on this device.
 */
export function useAttendanceCases() {
  return useQuery({
    queryKey: oversightKeys.attendanceCases,
    queryFn: ({ signal }) =>
      orOffline(
        () => request(`/cases?limit=${ATTENDANCE_LIMIT}`, caseListSchema, { signal }),
        (offline) => offline.offlineCaseList({ limit: String(ATTENDANCE_LIMIT) }),
      ),
  });
}

export interface GroupActivityResult {
  id: string;
  attended: number;
  /** Saved on this device while the server could not be reached, each child's attendance waiting to sync. */
  queued?: boolean;
}

/** Checked by hand: core has no schema for this answer, and the web app does not depend on zod itself. */
const groupActivityResultSchema: Parser<GroupActivityResult> = {
  parse(data) {
    const value = data as Partial<GroupActivityResult> | null;
    if (typeof value?.id !== 'string' || typeof value.attended !== 'number') {
      throw new Error('Unexpected answer to a group session.');
    }
    return { id: value.id, attended: value.attended };
  },
};

/**
 * A life-skills session and who attended: one event on each child's timeline. The session's id is the caller's
 * (made once per form), so a request sent again, or queued on the device after a lost answer, is the same session.
 */
export function useRecordGroupActivity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: GroupActivity & { id: string }) =>
      orOffline(
        () => request('/group-activities', groupActivityResultSchema, { method: 'POST', body: input }),
        (offline) => offline.queueGroupActivity(input),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: casesKeys.all });
      await queryClient.invalidateQueries({ queryKey: oversightKeys.supervision });
    },
  });
}
