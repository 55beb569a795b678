import type { Kysely } from 'kysely';
import type { Clock } from '../cases/cases.service';
import type { Config } from '../config';
import type { Engine } from '../db/database';
import type { Database } from '../db/schema';
import type { FileKeys } from '../documents/attachments.service';

/** What every route needs, handed down explicitly rather than hung on globals. */
export interface AppContext {
  db: Kysely<Database>;
  engine: Engine;
  config: Config;
  clock: Clock;
  version: string;
  fileKeys: FileKeys;
}
