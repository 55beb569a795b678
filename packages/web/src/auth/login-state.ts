import { demoDataParser, type DemoData } from '../api/setup.resource';

export interface LoginState {
  /** Where to go after signing in: the screen the user was sent away from. */
  from: string;
  /** Set right after demo data was loaded, to show who can sign in. */
  demo: DemoData | null;
}

/** History state survives reloads and can be anything; read it defensively. */
export function readLoginState(state: unknown): LoginState {
  const record = typeof state === 'object' && state !== null ? (state as Record<string, unknown>) : {};
  const from =
    typeof record.from === 'string' && record.from.startsWith('/') && record.from !== '/login' ? record.from : '/';
  return { from, demo: readDemo(record.demo) };
}

function readDemo(value: unknown): DemoData | null {
  if (value === undefined) return null;
  try {
    return demoDataParser.parse(value);
  } catch {
    return null;
  }
}
