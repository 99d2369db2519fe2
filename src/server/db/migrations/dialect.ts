import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * Column types for migrations. Frozen: migrations import this and nothing else from the app,
 * so a later change to the app cannot change what an old migration does.
 */
export function columnTypes(db: Kysely<any>) {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    pg,
    /** UTC instant: timestamptz on PostgreSQL, ISO-8601 text on SQLite. */
    instant: pg ? ('timestamptz' as const) : ('text' as const),
    /** Calendar date: date on PostgreSQL, YYYY-MM-DD text on SQLite. */
    date: pg ? ('date' as const) : ('text' as const),
    bool: pg ? ('boolean' as const) : ('integer' as const),
    bigint: pg ? ('bigint' as const) : ('integer' as const),
    false: pg ? false : 0,
    true: pg ? true : 1,
  };
}
