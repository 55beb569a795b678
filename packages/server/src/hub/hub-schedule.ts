import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { FileKey } from '../documents/file-crypto';
import { readLink } from './hub-link.repository';
import { runRound } from './hub-round.service';

interface Log {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/**
 * While this server runs as a linked hub: a round now and then one every `minutes`, never two at once. A failed
 * round (no connection, most often) is logged with its reason and the counts, never a child's name, and the next
 * round tries again. Answers a function that stops the rounds.
 */
export async function scheduleHubRounds(
  db: Kysely<Database>,
  keys: readonly FileKey[],
  minutes: number,
  log: Log,
): Promise<() => void> {
  if (!(await readLink(db))) return () => {};
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = async () => {
    const round = await runRound(db, keys).catch((error: unknown) => ({
      outcome: 'failed' as const,
      error: error instanceof Error ? error.message : String(error),
      pushed: 0,
      held: [],
      pulledCases: 0,
      pulledEvents: 0,
    }));
    const details = {
      pushed: round.pushed,
      held: round.held.map((item) => `${item.kind}:${item.reason}:${item.caseNumber ?? '-'}`),
      pulledCases: round.pulledCases,
      pulledEvents: round.pulledEvents,
    };
    if (round.outcome === 'done') log.info(details, 'hub sync round done');
    else log.warn({ ...details, error: round.error }, 'hub sync round failed; it runs again at the next interval');
    if (!stopped) timer = setTimeout(() => void tick(), minutes * 60_000);
  };
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
