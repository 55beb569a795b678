import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { caseListSchema, type GroupActivity } from '@homeward/core';
import { request, type Parser } from './http';
import { casesKeys, oversightKeys } from './query-keys';

/** At most 200 cases, the API's page limit: enough for a programme's open caseload in one attendance list. */
export const ATTENDANCE_LIMIT = 200;

/** The organisation's cases for a group session's attendance list; the page leaves out closed ones. */
export function useAttendanceCases() {
  return useQuery({
    queryKey: oversightKeys.attendanceCases,
    queryFn: ({ signal }) => request(`/cases?limit=${ATTENDANCE_LIMIT}`, caseListSchema, { signal }),
  });
}

export interface GroupActivityResult {
  id: string;
  attended: number;
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

/** A life-skills session and who attended: one event on each child's timeline. */
export function useRecordGroupActivity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: GroupActivity) =>
      request('/group-activities', groupActivityResultSchema, { method: 'POST', body: input }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: casesKeys.all });
      await queryClient.invalidateQueries({ queryKey: oversightKeys.supervision });
    },
  });
}
