import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './database';
import { registerSqliteHandle, type Dialect } from './portable';
import { openSqlite, type SqliteHandle, type SqliteStatement } from './sqlite';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** The driver handle, for the few operations Kysely has no word for (online backup). */
  sqlite: SqliteHandle | null;
  pool: pg.Pool | null;
  close(): Promise<void>;
}

export interface ConnectOptions {
  databaseUrl: string | null;
  /** A file path, or ':memory:' for tests. */
  sqliteFile: string;
  /** PostgreSQL schema to use before public (tests give each file its own). */
  searchPath?: string;
  poolSize?: number;
}

// PostgreSQL answers timestamps as Date, bigint and numeric as strings; the platform speaks
// ISO strings and numbers end to end, as SQLite does, so repositories need no per-dialect code.
const PG_TIMESTAMPTZ = 1184;
const PG_TIMESTAMP = 1114;
const PG_DATE = 1082;
const PG_INT8 = 20;
const PG_NUMERIC = 1700;

function pgTypeParser(oid: number, format?: string): (value: string) => unknown {
  switch (oid) {
    case PG_TIMESTAMPTZ:
    case PG_TIMESTAMP:
      return (v) => new Date(oid === PG_TIMESTAMP ? `${v}Z` : v).toISOString();
    case PG_DATE:
      return (v) => v;
    case PG_INT8:
    case PG_NUMERIC:
      return (v) => Number(v);
    default:
      return pg.types.getTypeParser(oid, format as 'text');
  }
}

export async function connect(options: ConnectOptions): Promise<Db> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      types: { getTypeParser: pgTypeParser as typeof pg.types.getTypeParser },
      ...(options.searchPath ? { options: `-c search_path=${options.searchPath},public` } : {}),
    });
    // An idle client losing its connection must not take the process down.
    pool.on('error', () => undefined);
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, dialect: 'postgres', sqlite: null, pool, close: () => kysely.destroy() };
  }

  if (options.sqliteFile !== ':memory:') {
    fs.mkdirSync(path.dirname(options.sqliteFile), { recursive: true });
  }
  const sqlite = openSqlite(options.sqliteFile);
  if (options.sqliteFile !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('mmap_size = 268435456');
  // 64 MiB of page cache (the default is 2 MiB): imports insert into several indexes in random key order.
  sqlite.pragma('cache_size = -65536');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: reusingStatements(sqlite) }) });
  registerSqliteHandle(kysely, sqlite);
  return { kysely, dialect: 'sqlite', sqlite, pool: null, close: () => kysely.destroy() };
}

/**
 * Kysely prepares every query anew; on a one-row lookup preparing costs as much as running.
 * This keeps the most recent 500 statements by their SQL text (parameters are bound at each
 * run), and prepares a fresh one when the cached one is still busy iterating.
 */
function reusingStatements(db: SqliteHandle, max = 500) {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare(sqlText: string) {
      const hit = cache.get(sqlText);
      if (hit && !hit.busy) {
        cache.delete(sqlText);
        cache.set(sqlText, hit);
        return hit;
      }
      const statement = db.prepare(sqlText);
      if (!hit) {
        cache.set(sqlText, statement);
        if (cache.size > max) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
  };
}
