import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { systemClock } from '../cases/cases.service';
import { loadConfig } from '../config';
import { dumpEmbeddedDatabase, NOT_A_BACKUP, PG_DUMP_ADVICE, restoreEmbeddedDatabase } from '../records/backup';
import { decryptWithPassphrase, encryptWithPassphrase, WrongPassphraseError } from '../records/passphrase-crypto';
import { organisationsWithRules } from '../records/retention.repository';
import { retentionPreview, runRetention } from '../records/retention.service';
import { openMigrated } from './open';

/** The passphrase from a file (owner-only), never from the command line, where `ps` and shell history show it. */
function readPassphrase(path: string): string {
  const passphrase = readFileSync(path, 'utf8').replace(/\r?\n$/, '');
  if (passphrase.length < 10) throw new Error('The passphrase in that file is shorter than 10 characters.');
  return passphrase;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function input(path: string | undefined): Promise<Buffer> {
  return path ? Promise.resolve(readFileSync(path)) : readAll(process.stdin);
}

function output(path: string | undefined, data: Buffer): void {
  if (path) writeFileSync(path, data, { mode: 0o600 });
  else process.stdout.write(data);
}

export function addRecordsCommands(program: Command): void {
  program
    .command('encrypt')
    .description('Encrypt a file (or standard input) with a passphrase: scrypt and AES-256-GCM')
    .requiredOption('--passphrase-file <file>', 'a file holding the passphrase (10 characters or more)')
    .option('--in <file>', 'the file to encrypt (default: standard input)')
    .option('--out <file>', 'where to write (default: standard output)')
    .action(async (options: { passphraseFile: string; in?: string; out?: string }) => {
      const passphrase = readPassphrase(options.passphraseFile);
      output(options.out, encryptWithPassphrase(await input(options.in), passphrase));
    });

  program
    .command('decrypt')
    .description('Decrypt a file made by `homeward encrypt` or `homeward backup`')
    .requiredOption('--passphrase-file <file>', 'a file holding the passphrase')
    .option('--in <file>', 'the encrypted file (default: standard input)')
    .option('--out <file>', 'where to write (default: standard output)')
    .action(async (options: { passphraseFile: string; in?: string; out?: string }) => {
      const passphrase = readPassphrase(options.passphraseFile);
      output(options.out, decryptWithPassphrase(await input(options.in), passphrase));
    });

  program
    .command('backup')
    .description('Write an encrypted backup of the embedded database (refused while a server uses the folder)')
    .requiredOption('--out <file>', 'the backup file to write')
    .requiredOption('--passphrase-file <file>', 'a file holding the passphrase (10 characters or more)')
    .action(async (options: { out: string; passphraseFile: string }) => {
      const passphrase = readPassphrase(options.passphraseFile);
      const config = loadConfig();
      if (config.databaseUrl) throw new Error(PG_DUMP_ADVICE);
      const db = await openMigrated(config);
      try {
        const dump = await dumpEmbeddedDatabase(db);
        writeFileSync(options.out, encryptWithPassphrase(dump, passphrase), { mode: 0o600 });
        console.log(`Backup written to ${options.out} (${Math.ceil(dump.length / 1024)} KB before encryption).`);
      } finally {
        await db.close();
      }
    });

  program
    .command('restore')
    .description('Restore an encrypted backup into a new, empty embedded database folder')
    .requiredOption('--in <file>', 'the backup file')
    .requiredOption('--passphrase-file <file>', 'a file holding the passphrase')
    .requiredOption('--data-dir <folder>', 'an empty or new folder for the restored database')
    .action(async (options: { in: string; passphraseFile: string; dataDir: string }) => {
      if (!existsSync(options.in)) throw new Error(`There is no backup file at ${options.in}.`);
      const passphrase = readPassphrase(options.passphraseFile);
      let dump: Buffer;
      try {
        dump = decryptWithPassphrase(readFileSync(options.in), passphrase);
      } catch (error) {
        throw error instanceof WrongPassphraseError ? new Error(NOT_A_BACKUP) : error;
      }
      await restoreEmbeddedDatabase(options.dataDir, dump);
      console.log(`Restored into ${options.dataDir}. Start Homeward with HOMEWARD_DATA_DIR=${options.dataDir}.`);
    });

  const retention = program.command('retention').description('Apply the organisations’ retention rules');
  const each = async (apply: boolean) => {
    const db = await openMigrated(loadConfig());
    try {
      const today = systemClock.today();
      const organisations = await organisationsWithRules(db.kysely);
      if (organisations.length === 0) console.log('No organisation has a retention rule: nothing to do.');
      for (const organisation of organisations) {
        const due = await (apply ? runRetention : retentionPreview)(db.kysely, organisation.id, today);
        const verb = apply ? 'pseudonymised' : 'would be pseudonymised';
        console.log(`${organisation.name}: ${due.length} case(s) ${verb}.`);
        for (const item of due) {
          console.log(
            `  ${item.caseNumber.padEnd(16)} ${item.rule.status} + ${item.rule.afterYears} years, due since ${item.dueOn}`,
          );
        }
      }
    } finally {
      await db.close();
    }
  };
  retention
    .command('preview')
    .description('List the cases the rules would change today (case numbers, rule, date; no names)')
    .action(() => each(false));
  retention
    .command('run')
    .description('Apply the rules: pseudonymise each due case, with an audit entry per case')
    .action(() => each(true));
}
