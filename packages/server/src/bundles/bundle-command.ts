import { readFileSync } from 'node:fs';
import { DomainError, type ImportChoice } from '@homeward/core';
import type { Command } from 'commander';
import { findUserByEmail } from '../auth/users.repository';
import { systemClock } from '../cases/cases.service';
import { loadConfig, type Config } from '../config';
import { openMigrated } from '../cli/open';
import { fileKeysFrom } from '../documents/file-crypto';
import { actorForUser } from '../organisations/access-policy.repository';
import { importBundle } from './bundle-import.service';

export interface BundleImportOptions {
  as: string;
  passphraseFile?: string;
  /** `create` for every case with likely matches, or `SENDER_CASE_ID=CASE_ID` pairs to link. */
  createNew?: boolean;
  link?: string[];
}

/**
 * `homeward bundle import FILE --as EMAIL`: the same import as the API's, as a named user (their organisation,
 * their partners, their permission, audited under their name), for an office that receives files by USB stick.
 */
export async function bundleImportCommand(config: Config, file: string, options: BundleImportOptions): Promise<string> {
  const data = readFileSync(file);
  const passphrase = options.passphraseFile
    ? readFileSync(options.passphraseFile, 'utf8').replace(/\r?\n$/, '')
    : undefined;
  const db = await openMigrated(config);
  try {
    const user = await findUserByEmail(db.kysely, options.as.trim().toLowerCase());
    if (!user || user.disabled_at) throw new Error(`No active user ${options.as}.`);
    const actor = await actorForUser(db.kysely, user);
    const links = new Map<string, ImportChoice>(
      (options.link ?? []).map((pair): [string, ImportChoice] => {
        const [source, target] = pair.split('=');
        return [source ?? '', { action: 'link', caseId: target ?? '' }];
      }),
    );
    const first = await importBundle(db.kysely, actor, data, { passphrase }, fileKeysFrom(config), systemClock);
    let result = first;
    if (first.status === 'needs_choice' && (options.createNew || options.link?.length)) {
      const choices: Record<string, ImportChoice> = {};
      for (const item of first.cases) choices[item.sourceCaseId] = links.get(item.sourceCaseId) ?? { action: 'create' };
      result = await importBundle(db.kysely, actor, data, { passphrase, choices }, fileKeysFrom(config), systemClock);
    }
    const from = `${result.sender.organisation} (${result.sender.installation}, ${result.sender.fingerprint})`;
    if (result.status === 'needs_choice') {
      const lines = result.cases.flatMap((item) =>
        item.matches.map(
          (match) =>
            `  ${item.sourceCaseId} (${item.sourceCaseNumber}) may be ${match.caseId} (${match.caseNumber}), ${match.level}`,
        ),
      );
      return [
        `Nothing imported from ${from}: some children may already be known here.`,
        ...lines,
        'Run again with --create-new, or --link SENDER_CASE_ID=CASE_ID for each child to link.',
      ].join('\n');
    }
    return [
      `From ${from}:`,
      ...result.cases.map(
        (item) =>
          `  ${item.sourceCaseNumber} → ${item.caseNumber ?? '?'}` +
          (item.alreadyImported
            ? ' (already imported earlier, nothing added)'
            : ` (${item.events} events, ${item.documents} documents)`),
      ),
    ].join('\n');
  } catch (error) {
    if (error instanceof DomainError) throw new Error(error.message, { cause: error });
    throw error;
  } finally {
    await db.close();
  }
}

export function addBundleCommands(program: Command): void {
  const bundle = program.command('bundle').description('Case files between installations (decision 0012)');
  bundle
    .command('import')
    .description('Import a case file from a trusted partner installation, as a user of this one')
    .argument('<file>', 'the .homeward-bundle file')
    .requiredOption('--as <email>', 'the user importing (needs “Manage partner installations”)')
    .option('--passphrase-file <file>', 'a file holding the passphrase, for a file locked with one')
    .option('--create-new', 'create new cases even where a child may already be known here')
    .option('--link <pair...>', 'SENDER_CASE_ID=CASE_ID: the sender’s case is this child already known here')
    .action(async (file: string, options: BundleImportOptions) => {
      try {
        console.log(await bundleImportCommand(loadConfig(), file, options));
      } catch (error) {
        console.error(error instanceof Error ? error.message : String(error));
        process.exitCode = 1;
      }
    });
}
