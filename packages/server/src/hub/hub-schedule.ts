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
 * round tries again. The next round is timed from the end of the last, so a round slower than the interval is
 * never overlapped by the next. Answers a function that stops the rounds, once the one under way has ended (its
 * database must not close under it).
 */
export async function scheduleHubRounds(
  db: Kysely<Database>,
  keys: readonly FileKey[],
  minutes: number,
  log: Log,
): Promise<() => Promise<void>> {
  if (!(await readLink(db))) return async () => {};
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    const round = await runRound(db, keys).catch((error: unknown) => ({
      outcome: 'failed' as const,
      error: error instanceof Error ? error.message : String(error),
      pushed: 0,
      held: [],
      pulledCases: 0,
      pulledEvents: 0,
      filesFetched: 0,
    }));
    const details = {
      pushed: round.pushed,
      held: round.held.map((item) => `${item.kind}:${item.reason}:${item.caseNumber ?? '-'}`),
      pulledCases: round.pulledCases,
      pulledEvents: round.pulledEvents,
      filesFetched: round.filesFetched,
    };
    if (round.outcome === 'done') log.info(details, 'hub sync round done');
    else log.warn({ ...details, error: round.error }, 'hub sync round failed; it runs again at the next interval');
    if (!stopped) timer = setTimeout(start, minutes * 60_000);
  };
  const start = () => {
    running = tick();
  };
  start();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
