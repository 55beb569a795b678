import { resolve } from 'node:path';
import { DEFAULT_QUEUE_LIMITS, type QueueLimits } from './db/database';

export interface Config {
  port: number;
  host: string;
  /** A PostgreSQL server; when absent, the embedded database in `dataDir` is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  session: { idleMinutes: number; absoluteHours: number };
  /**
   * An account locks after `maxFailures` wrong passwords or codes, each lock longer than the last (`minutes`, the
   * last repeating) until the person signs in. An address is refused for `addressMinutes` after `addressFailures`
   * failures across every email: below `maxFailures`, so a flood from one address locks no account. Every
   * attempt, right or wrong, is also limited per address and email to `attemptsPerMinute`.
   */
  lockout: {
    maxFailures: number;
    minutes: number[];
    addressFailures: number;
    addressMinutes: number;
    attemptsPerMinute: number;
  };
  /** The key that encrypts stored files, and retired keys still needed to read older ones (base64). */
  attachmentKey: string | undefined;
  retiredAttachmentKeys: string[];
  /** Cookies marked Secure need HTTPS; a shelter laptop serves plain HTTP on localhost or the LAN. */
  secureCookies: boolean;
  /**
   * How long a request's body may take to arrive: a body sent a byte at a time would otherwise hold its
   * connection for ever. 90 s lets a 10 MB file through at 1 Mbit/s.
   */
  requestTimeoutSeconds: number;
  /** Database work waiting for a connection beyond these is answered 503 with Retry-After. */
  databaseQueue: QueueLimits;
  /** API requests worked on at once; more are answered 503 with Retry-After. */
  maxRequestsInProgress: number;
  /** E-mail for notifications, when the operator gave an SMTP server; in-app notifications work without it. */
  mail: MailConfig | undefined;
  /** How often `homeward serve` looks for referrals waiting too long, to remind both sides. */
  referralReminderMinutes: number;
  /** A shelter hub linked to a central server syncs every so many minutes while it runs (decision 0019). */
  hubSyncMinutes: number;
}

export interface MailConfig {
  /** `smtp://user:pass@host:587` or `smtps://...:465` (nodemailer's connection URL). */
  smtpUrl: string;
  from: string;
  /** Where users open Homeward, for the link in the e-mail; without it the e-mail says to sign in. */
  publicUrl: string | undefined;
  /** How often the outbox is looked at, and the first wait before a failed e-mail is tried again (doubling). */
  pollMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** An e-mail being sent is held this long; if the server stops meanwhile, it is sent after that. */
  leaseMs: number;
  maxAttempts: number;
}

function mailFromEnv(): MailConfig | undefined {
  const smtpUrl = process.env.HOMEWARD_SMTP_URL;
  if (!smtpUrl) return undefined;
  const from = process.env.HOMEWARD_SMTP_FROM;
  if (!from) throw new Error('HOMEWARD_SMTP_FROM must be set with HOMEWARD_SMTP_URL (the sender address).');
  return {
    smtpUrl,
    from,
    publicUrl: process.env.HOMEWARD_PUBLIC_URL?.replace(/\/+$/, '') || undefined,
    pollMs: 5_000,
    retryBaseMs: 30_000,
    retryMaxMs: 60 * 60_000,
    leaseMs: 5 * 60_000,
    maxAttempts: 12,
  };
}

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number.`);
  return value;
}

export function loadConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: intFromEnv('PORT', 3000),
    host: process.env.HOST ?? '0.0.0.0',
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: resolve(process.env.HOMEWARD_DATA_DIR ?? 'data'),
    session: {
      idleMinutes: intFromEnv('HOMEWARD_SESSION_IDLE_MINUTES', 15),
      absoluteHours: intFromEnv('HOMEWARD_SESSION_MAX_HOURS', 12),
    },
    lockout: { maxFailures: 5, minutes: [1, 5, 15, 60], addressFailures: 4, addressMinutes: 15, attemptsPerMinute: 10 },
    secureCookies: process.env.HOMEWARD_SECURE_COOKIES === 'true',
    requestTimeoutSeconds: intFromEnv('HOMEWARD_REQUEST_TIMEOUT_SECONDS', 90),
    databaseQueue: {
      waiting: intFromEnv('HOMEWARD_DB_QUEUE_LIMIT', DEFAULT_QUEUE_LIMITS.waiting),
      waitMs: intFromEnv('HOMEWARD_DB_QUEUE_WAIT_SECONDS', DEFAULT_QUEUE_LIMITS.waitMs / 1000) * 1000,
    },
    maxRequestsInProgress: intFromEnv('HOMEWARD_MAX_REQUESTS_IN_PROGRESS', 64),
    mail: mailFromEnv(),
    referralReminderMinutes: intFromEnv('HOMEWARD_REFERRAL_REMINDER_MINUTES', 60),
    hubSyncMinutes: intFromEnv('HOMEWARD_HUB_SYNC_MINUTES', 5),
    attachmentKey: process.env.HOMEWARD_ATTACHMENT_KEY || undefined,
    retiredAttachmentKeys: (process.env.HOMEWARD_RETIRED_ATTACHMENT_KEYS ?? '').split(',').filter(Boolean),
    ...overrides,
  };
}
