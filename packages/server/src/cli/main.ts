import { DomainError, setupSchema } from '@homeward/core';
import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../config';
import { systemClock } from '../cases/cases.service';
import { verifyAuditChain } from '../audit/audit-verify';
import { migrateToLatest } from '../db/migrate';
import { openDatabase, targetFromEnv } from '../db/database';
import { DEMO_PASSWORD, loadDemoData } from '../demo/demo-loader';
import { VERSION } from '../paths';
import { createFirstOrganisation, needsSetup } from '../setup/setup.service';
import { describeTarget, openMigrated } from './open';
import { reportCommand, type ReportCommandOptions } from './report-command';
import { addRecordsCommands } from './records-commands';
import { addBundleCommands } from '../bundles/bundle-command';
import { addHubCommands } from '../hub/hub-command';
import { serve } from './serve';
import { fileKeysFrom } from '../documents/file-crypto';
import { resealWithCurrentKey } from '../documents/key-rotation.service';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new InvalidArgumentError('a port is a number from 1 to 65535');
  return n;
}

/** Prints a refusal as a sentence, not a stack trace, and exits non-zero. */
function refuse(message: string): never {
  console.error(message);
  process.exit(1);
}

export function buildCli(): Command {
  const program = new Command('homeward')
    .description('Homeward: case management for child protection and reintegration.')
    .version(VERSION)
    .addHelpText(
      'after',
      '\nConfiguration: PORT, HOMEWARD_DATA_DIR (embedded database folder, default ./data), DATABASE_URL (a PostgreSQL server), HOMEWARD_HUB_SYNC_MINUTES (a linked hub’s rounds, default 5).',
    );

  program
    .command('serve')
    .description('Run the web app and API (builds the web app first if needed)')
    .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)', port)
    .action(async (options: { port?: number }) => {
      await serve(loadConfig(options.port ? { port: options.port } : {}));
    });

  program
    .command('migrate')
    .description('Bring the database schema up to date')
    .action(async () => {
      const config = loadConfig();
      const db = await openDatabase(targetFromEnv(config.databaseUrl, config.dataDir));
      try {
        const applied = await migrateToLatest(db);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
        console.log(`(${describeTarget(config)})`);
      } finally {
        await db.close();
      }
    });

  program
    .command('init')
    .description('Create the first organisation and its administrator (no prompts)')
    .requiredOption('--org <name>', 'the organisation’s name')
    .requiredOption('--email <email>', 'the administrator’s email')
    .requiredOption('--password <password>', 'the administrator’s password (10 characters or more)')
    .option('--name <name>', 'the administrator’s name', 'Administrator')
    .action(async (options: { org: string; email: string; password: string; name: string }) => {
      const parsed = setupSchema.safeParse({
        organisationName: options.org,
        adminName: options.name,
        email: options.email,
        password: options.password,
      });
      if (!parsed.success) refuse(parsed.error.issues.map((issue) => issue.message).join('\n'));
      const db = await openMigrated(loadConfig());
      try {
        if (!(await needsSetup(db.kysely))) refuse('Homeward is already set up here; nothing was changed.');
        await createFirstOrganisation(db.kysely, parsed.data).catch((error: unknown) => {
          if (error instanceof DomainError) refuse(error.message);
          throw error;
        });
        console.log(`Created “${parsed.data.organisationName}” with administrator ${parsed.data.email}.`);
      } finally {
        await db.close();
      }
    });

  program
    .command('demo')
    .description('Load demo organisations, users and children into an empty database')
    .action(async () => {
      const db = await openMigrated(loadConfig());
      try {
        if (!(await needsSetup(db.kysely)))
          refuse('This database already has organisations; demo data goes only into an empty one.');
        const users = await loadDemoData(db.kysely, systemClock);
        console.log(`Demo data loaded. Every demo user's password is “${DEMO_PASSWORD}”:`);
        for (const user of users) console.log(`  ${user.email.padEnd(34)} ${user.roles.join(', ')}`);
      } finally {
        await db.close();
      }
    });

  program
    .command('report')
    .description('Run a report (built-in id or saved report id) as a user, and print or write it')
    .argument(
      '<id>',
      'shelter-quarterly, alternative-care-progress, follow-up-compliance, caseload, or a saved report’s id',
    )
    .requiredOption('--from <date>', 'first day of the period, YYYY-MM-DD')
    .requiredOption('--to <date>', 'last day of the period, YYYY-MM-DD')
    .requiredOption('--as <email>', 'the user whose organisation and permissions the report runs with')
    .option('--format <format>', 'json, xlsx, csv or pdf (files need --out)', 'json')
    .option('--lang <lang>', 'en or km', 'en')
    .option('--reference-date <date>', 'the date at which ages are computed (default: the end of the period)')
    .option('--age-bands <bands>', 'age bands, e.g. 0-10,11-17,18-25')
    .option('--planned <n>', 'referrals planned per case type (quarterly report)')
    .option('--target-percent <n>', 'share of children in care to reintegrate (alternative-care progress)')
    .option('--suppress-below <n>', 'anonymise: hide counts below n, with complementary suppression')
    .option('--out <file>', 'write to this file instead of printing')
    .action(async (id: string, options: ReportCommandOptions) => {
      console.log(await reportCommand(loadConfig(), id, options));
    });

  const audit = program.command('audit').description('Work with the audit log');
  audit
    .command('verify')
    .description('Check the audit log’s hash chain: reports any entry changed or deleted')
    .action(async () => {
      const db = await openMigrated(loadConfig());
      try {
        const result = await verifyAuditChain(db.kysely);
        if (result.problems.length === 0) {
          console.log(`The audit log is intact: ${result.entries} entries, last hash ${result.lastHash}.`);
          return;
        }
        console.error(
          `The audit log has been tampered with (${result.problems.length} problems in ${result.entries} entries):`,
        );
        for (const { id, problem } of result.problems) {
          console.error(
            `  entry ${id}: ${problem === 'changed' ? 'its content was changed' : 'the entry before it was removed or changed'}`,
          );
        }
        process.exitCode = 2;
      } finally {
        await db.close();
      }
    });

  const keys = program.command('keys').description('Work with the keys that encrypt stored files and secrets');
  keys
    .command('reseal')
    .description(
      'After a rotation: encrypt every file and second-factor secret again with the current key, so retired keys can go',
    )
    .action(async () => {
      const config = loadConfig();
      const db = await openMigrated(config);
      try {
        const done = await resealWithCurrentKey(db.kysely, fileKeysFrom(config));
        console.log(
          `Sealed again with the current key: ${done.attachments} files, ${done.secrets} accounts’ second-factor secrets. ` +
            'Keep the retired keys only as long as you keep backups made before now.',
        );
      } finally {
        await db.close();
      }
    });

  addRecordsCommands(program);
  addBundleCommands(program);
  addHubCommands(program);
  return program;
}

await buildCli()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
