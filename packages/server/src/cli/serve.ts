import { systemClock } from '../cases/cases.service';
import type { Config } from '../config';
import { fileKeysFrom } from '../documents/file-crypto';
import { buildApp } from '../http/app';
import { scheduleHubRounds } from '../hub/hub-schedule';
import { redactedRequest } from '../http/log-redaction';
import { VERSION, WEB_DIST } from '../paths';
import { startReferralReminders } from '../referrals/referral-reminders';
import { describeTarget, openMigrated } from './open';
import { ensureWebBuild } from './web-build';

export async function serve(config: Config): Promise<void> {
  // The database first: a folder already in use is refused before minutes of building.
  const db = await openMigrated(config);
  ensureWebBuild((line) => console.log(line));
  const fileKeys = fileKeysFrom(config);
  const app = await buildApp(
    { db: db.kysely, engine: db.engine, config, clock: systemClock, version: VERSION, fileKeys },
    { webRoot: WEB_DIST, logger: { level: process.env.LOG_LEVEL ?? 'info', serializers: { req: redactedRequest } } },
  );
  const stopReminders = startReferralReminders(
    db.kysely,
    systemClock,
    config.referralReminderMinutes,
    (message, error) => app.log.error({ err: error }, message),
  );
  let stopRounds = async (): Promise<void> => {};
  const stop = async (): Promise<void> => {
    stopReminders();
    await stopRounds();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await app.listen({ port: config.port, host: config.host });
  stopRounds = await scheduleHubRounds(db.kysely, fileKeys.all, config.hubSyncMinutes, app.log);
  console.log(`Homeward ${VERSION} is running at http://localhost:${config.port} (${describeTarget(config)}).`);
}
