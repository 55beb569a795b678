import { DomainError } from '@homeward/core';
import type { Command } from 'commander';
import { openMigrated } from '../cli/open';
import { loadConfig } from '../config';
import { fileKeysFrom } from '../documents/file-crypto';
import type { RoundRecord } from './hub-link.repository';
import { linkHub } from './hub-link.service';
import { runRound } from './hub-round.service';

function describeRound(round: RoundRecord): string {
  const lines = [
    round.outcome === 'done' ? 'Sync round done.' : `Sync round failed: ${round.error}`,
    `  sent: ${round.pushed}; received: ${round.pulledCases} cases, ${round.pulledEvents} events, ${round.filesFetched} files`,
  ];
  for (const held of round.held) {
    const where =
      held.reason === 'forget_after_sending'
        ? 'kept here until what was recorded on it here is sent, then forgotten as the central server asks'
        : held.kind === 'not_fetched'
          ? `a file of the central server's not fetched (${held.reason}); asked for again next round`
          : held.kind === 'not_sent'
            ? 'kept here: the sync protocol does not carry this kind of record'
            : `held at the central server for a person (${held.kind}, ${held.reason})`;
    lines.push(`  ${where}: case ${held.caseNumber ?? 'not yet numbered'}, change ${held.opId}`);
  }
  return lines.join('\n');
}

/** `homeward hub link` and `homeward hub sync`: a shelter's own server as a hub of its organisation (decision 0019). */
export function addHubCommands(program: Command): void {
  const hub = program
    .command('hub')
    .description('Run this server as a shelter hub that syncs with its organisation’s central server');
  hub
    .command('link')
    .description('Link to the central server with the token its administrator made for this hub, then sync once')
    .requiredOption('--central <url>', 'the central server’s address, e.g. https://homeward.example.org')
    .requiredOption('--token <token>', 'the hub’s token, shown once when the hub was created')
    .action(async (options: { central: string; token: string }) => {
      const config = loadConfig();
      const db = await openMigrated(config);
      const keys = fileKeysFrom(config);
      try {
        const identity = await linkHub(db.kysely, keys.current, { centralUrl: options.central, token: options.token });
        console.log(`Linked as hub “${identity.name}” of ${identity.organisation.name}.`);
        const round = await runRound(db.kysely, keys.all);
        console.log(describeRound(round));
        if (round.outcome === 'failed') process.exitCode = 1;
      } catch (error) {
        console.error(error instanceof DomainError || error instanceof Error ? error.message : String(error));
        process.exitCode = 1;
      } finally {
        await db.close();
      }
    });
  hub
    .command('sync')
    .description('Run one sync round with the central server now')
    .action(async () => {
      const config = loadConfig();
      const db = await openMigrated(config);
      try {
        const round = await runRound(db.kysely, fileKeysFrom(config).all);
        console.log(describeRound(round));
        if (round.outcome === 'failed') process.exitCode = 1;
      } catch (error) {
        console.error(error instanceof Error ? error.message : String(error));
        process.exitCode = 1;
      } finally {
        await db.close();
      }
    });
}
