export const setupStatusKey = ['setup-status'] as const;
export const currentUserKey = ['current-user'] as const;

export const casesKeys = {
  all: ['cases'] as const,
  list: (q: string, offset: number) => ['cases', 'list', { q, offset }] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
  events: (id: string) => ['cases', 'events', id] as const,
};
