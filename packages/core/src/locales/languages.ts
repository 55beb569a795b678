export const LANGUAGES = ['en', 'km'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The groups of strings, one file per language each; `resources` in ./index holds them all. */
export const NAMESPACES = [
  'common',
  'codes',
  'cases',
  'locations',
  'steps',
  'oversight',
  'mosvy',
  'documents',
  'reportfiles',
  'reports',
  'account',
  'records',
  'targets',
  'notifications',
  'bundles',
  'transfers',
  // Handover (issue 10 point 4)
  'handover',
  // What the signed-in screens' forms say: drafts kept, and the server's refusals by code (the sign-in
  // screen's own stay in `common`, the only strings loaded before sign-in with `account`).
  'forms',
  // Offline work: the sync indicator, the unlock screen, the offline copy's notices (issue 11).
  'offline',
  // The sync page, the conflict screen and the case banner (issue 11 point 5).
  'sync',
  // User administration, apart from `account` (loaded before sign-in), so the sign-in screen carries none of it.
  'users',
] as const;
export type Namespace = (typeof NAMESPACES)[number];
