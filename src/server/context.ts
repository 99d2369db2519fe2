import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from './config';
import type { Database } from './db/database';
import { regionDirectory, type RegionDirectory } from './modules/reference/region-directory';

/** What every service is built with. */
export interface AppContext {
  db: Kysely<Database>;
  config: Readonly<Config>;
  log: Logger;
  /** The region tree and the platform's home region in it (cached). */
  regions: RegionDirectory;
}

/** The one way to build a context (the app, the CLI, benchmarks and tests). */
export function makeContext(db: Kysely<Database>, config: Readonly<Config>, log: Logger): AppContext {
  return { db, config, log, regions: regionDirectory(db, config) };
}
