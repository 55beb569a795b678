import { notificationKindSchema } from '@homeward/core';
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { MailConfig } from '../config';
import type { Database } from '../db/schema';
import { noticeMail } from './notice-mail';

/**
 * Sends the e-mail outbox after commit. `notify` writes a row in the writer's transaction; this loop claims due
 * rows (holding each for `leaseMs`, so a second server or a restarted one does not send it meanwhile), sends
 * them, and marks them sent or due again later (doubling waits). A server that stops mid-way loses nothing: the
 * row comes due again when its hold ends. The Message-ID is the row's id, so should a server stop between the
 * SMTP server's acceptance and the row being marked, the copy sent again is recognisably the same message.
 */

const BATCH = 10;
/** Old enough that an e-mail about it would mislead more than help; the notice stays in Homeward. */
const UNSENT_KEPT_DAYS = 2;
const SENT_KEPT_DAYS = 30;
const PRUNE_EVERY_MS = 60 * 60_000;

export interface MailPass {
  sent: number;
  failed: number;
}

type Log = Pick<FastifyInstance['log'], 'info' | 'warn' | 'error'>;

/** The wait before the n-th retry: base, twice base, four times... up to the cap. */
export function retryDelayMs(config: Pick<MailConfig, 'retryBaseMs' | 'retryMaxMs'>, attempts: number): number {
  return Math.min(config.retryBaseMs * 2 ** Math.max(0, attempts - 1), config.retryMaxMs);
}

const afterMs = (ms: number) => sql<Date>`now() + ${ms} * interval '1 millisecond'`;

async function claimDue(db: Kysely<Database>, config: MailConfig): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('email_outbox')
      .select('id')
      .where('sent_at', 'is', null)
      .where('attempts', '<', config.maxAttempts)
      .where('next_attempt_at', '<=', sql<Date>`now()`)
      .orderBy('next_attempt_at')
      .limit(BATCH)
      .forUpdate()
      .skipLocked()
      .execute();
    const ids = due.map((row) => row.id);
    if (ids.length === 0) return [];
    await trx
      .updateTable('email_outbox')
      .set({ attempts: sql`attempts + 1`, next_attempt_at: afterMs(config.leaseMs) })
      .where('id', 'in', ids)
      .execute();
    return ids;
  });
}

/** One look at the outbox: sends what is due, answers how many went and how many must wait. */
export async function deliverDueMail(
  db: Kysely<Database>,
  config: MailConfig,
  transport: Transporter,
  log?: Log,
): Promise<MailPass> {
  const pass: MailPass = { sent: 0, failed: 0 };
  const ids = await claimDue(db, config);
  if (ids.length === 0) return pass;
  const rows = await db
    .selectFrom('email_outbox as m')
    .innerJoin('notification as n', 'n.id', 'm.notification_id')
    .innerJoin('app_user as u', 'u.id', 'n.recipient_id')
    .select(['m.id', 'm.attempts', 'n.kind', 'n.read_at', 'u.email', 'u.locale', 'u.disabled_at'])
    .where('m.id', 'in', ids)
    .execute();
  for (const row of rows) {
    const kind = notificationKindSchema.safeParse(row.kind);
    // Read in Homeward already, or no longer anyone's to read: the e-mail would only repeat or leak it.
    if (row.read_at !== null || row.disabled_at !== null || !kind.success) {
      await db.deleteFrom('email_outbox').where('id', '=', row.id).execute();
      continue;
    }
    const mail = noticeMail(kind.data, row.locale, config.publicUrl);
    try {
      await transport.sendMail({
        from: config.from,
        to: row.email,
        subject: mail.subject,
        text: mail.text,
        messageId: `<${row.id}@homeward.notification>`,
      });
      await db
        .updateTable('email_outbox')
        .set({ sent_at: sql<Date>`now()`, last_error: null })
        .where('id', '=', row.id)
        .execute();
      pass.sent += 1;
    } catch (error) {
      const message = error instanceof Error ? error.message.slice(0, 500) : 'unknown error';
      await db
        .updateTable('email_outbox')
        .set({ next_attempt_at: afterMs(retryDelayMs(config, row.attempts)), last_error: message })
        .where('id', '=', row.id)
        .execute();
      log?.warn({ outboxId: row.id, attempts: row.attempts, error: message }, 'notification e-mail not sent yet');
      pass.failed += 1;
    }
  }
  return pass;
}

/** Forgets e-mails sent long ago, and those too old to send (the notice itself stays in Homeward). */
export async function pruneOutbox(db: Kysely<Database>): Promise<void> {
  await db
    .deleteFrom('email_outbox')
    .where((eb) =>
      eb.or([
        eb('sent_at', '<', sql<Date>`now() - ${SENT_KEPT_DAYS} * interval '1 day'`),
        eb.and([
          eb('sent_at', 'is', null),
          eb('created_at', '<', sql<Date>`now() - ${UNSENT_KEPT_DAYS} * interval '1 day'`),
        ]),
      ]),
    )
    .execute();
}

export interface MailLoop {
  stop(): Promise<void>;
}

/**
 * The background loop: every `pollMs` with SMTP configured, hourly pruning only without. Timers are unref'd so
 * the loop never keeps a process alive; `stop` waits for a pass under way.
 */
export function startMailLoop(db: Kysely<Database>, config: MailConfig | undefined, log: Log): MailLoop {
  const transport = config ? nodemailer.createTransport(config.smtpUrl) : undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  let lastPrune = Date.now();

  const tick = async () => {
    try {
      if (Date.now() - lastPrune >= PRUNE_EVERY_MS) {
        lastPrune = Date.now();
        await pruneOutbox(db);
      }
      if (config && transport) {
        // Keep going while whole batches go out, so a backlog drains without waiting a poll per batch.
        let pass: MailPass;
        do pass = await deliverDueMail(db, config, transport, log);
        while (!stopped && pass.sent + pass.failed === BATCH && pass.failed === 0);
      }
    } catch (error) {
      // A busy or restarting database: the rows stay due and the next tick tries again.
      log.error({ error: error instanceof Error ? error.message : String(error) }, 'notification e-mail loop');
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(
      () => {
        current = tick().finally(schedule);
      },
      config ? config.pollMs : PRUNE_EVERY_MS,
    );
    timer.unref();
  };
  schedule();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await current;
      transport?.close();
    },
  };
}

/** Starts the loop with the server and stops it before the database closes. */
export function mailOutboxHooks(app: FastifyInstance, db: Kysely<Database>, config: MailConfig | undefined) {
  let loop: MailLoop | undefined;
  app.addHook('onReady', async () => {
    loop = startMailLoop(db, config, app.log);
  });
  app.addHook('onClose', async () => {
    await loop?.stop();
  });
}
