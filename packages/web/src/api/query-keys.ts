export const setupStatusKey = ['setup-status'] as const;
export const demoProgressKey = ['demo-progress'] as const;
export const currentUserKey = ['current-user'] as const;

export const casesKeys = {
  all: ['cases'] as const,
  list: (filters: Record<string, string>) => ['cases', 'list', filters] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
  events: (id: string) => ['cases', 'events', id] as const,
  state: (id: string) => ['cases', 'state', id] as const,
};

/** Facilities as the placement form lists them; any write that moves a child refreshes everything under `facilities`. */
export const placementFacilitiesKey = ['facilities', 'placement-options'] as const;

export const oversightKeys = {
  /** Everything under `facilities`: a saved facility or a moved child refreshes it all. */
  facilitiesAll: ['facilities'] as const,
  facilities: ['facilities', 'list'] as const,
  facilityChildren: (id: string) => ['facilities', 'children', id] as const,
  supervision: ['supervision'] as const,
  tasks: ['tasks'] as const,
  duplicates: (query: object) => ['duplicates', query] as const,
  /** The cases a group session's attendance list offers: under `cases`, so any case write refreshes it. */
  attendanceCases: ['cases', 'attendance'] as const,
  caseSettings: ['settings', 'cases'] as const,
};

export const accessKeys = {
  policy: ['settings', 'access-policy'] as const,
  /** Under `cases`, so whatever refreshes a whole case refreshes who it is shared with too. */
  shares: (caseId: string) => ['cases', 'shares', caseId] as const,
  departments: ['departments'] as const,
};

export const reportsKeys = {
  /** Everything under `reports`: saving or deleting a report refreshes the list and the saved definitions. */
  all: ['reports'] as const,
  list: (lang: string) => ['reports', 'list', lang] as const,
  run: (id: string, params: string) => ['reports', 'run', id, params] as const,
  drilldown: (params: string) => ['reports', 'drilldown', params] as const,
};

export const targetsKeys = {
  /** Everything under `targets`: a saved or deleted target refreshes the list and the progress alike. */
  all: ['targets'] as const,
  progress: ['targets', 'progress'] as const,
};
