import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from './config';
import type { Database } from './db/database';

/** What every service is built with. */
export interface AppContext {
  db: Kysely<Database>;
  config: Readonly<Config>;
  log: Logger;
}
