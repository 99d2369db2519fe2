import type { SqliteHandle } from './sqlite';
import { sql, PostgresAdapter, type Kysely, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';

/**
 * The few places where SQLite and PostgreSQL differ. Everything else is written once in Kysely.
 */
export type Dialect = 'sqlite' | 'postgres';

export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

// The node:sqlite handle behind each SQLite Kysely instance, by its adapter (which its
// transactions share), for the bulk inserts below.
const SQLITE_HANDLES = new WeakMap<object, SqliteHandle>();

export function registerSqliteHandle(db: Kysely<any>, handle: SqliteHandle): void {
  SQLITE_HANDLES.set(db.getExecutor().adapter, handle);
}

/**
 * On SQLite inside a transaction: writes one row at a time through one prepared statement,
 * which SQLite runs faster than multi-row VALUES lists (a 25-column enterprise row: 12 µs
 * against 17 µs in lists of 1,000, which SQLite compiles into one large program). Null elsewhere:
 * PostgreSQL is a round trip per statement; and outside a transaction another request's
 * transaction may be holding SQLite's one connection across an await, so the rows would land in it.
 */
export function sqliteRowWriter(db: Kysely<any>, table: string, columns: string[]): ((values: unknown[]) => void) | null {
  const handle = db.isTransaction ? SQLITE_HANDLES.get(db.getExecutor().adapter) : undefined;
  if (!handle) return null;
  const statement = handle.prepare(
    `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`,
  );
  return (values) => void statement.run(values);
}

/** SQLite cannot bind booleans; both accept 0/1 (PostgreSQL casts it to its boolean column). */
export function bool(value: boolean): number {
  return value ? 1 : 0;
}

/** SQLite reads booleans back as 0/1, PostgreSQL as true/false. */
export function toBool(value: unknown): boolean {
  return value === true || value === 1;
}

/** A unique-constraint violation on either database. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string } | null;
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e?.code === '23505';
}

/**
 * Serialises appends to the audit hash chain. SQLite already runs one write transaction at a
 * time; PostgreSQL takes a transaction-scoped advisory lock.
 */
export async function lockAuditChain(trx: Kysely<any>): Promise<void> {
  await lockWrites(trx, AUDIT_CHAIN_LOCK);
}
const AUDIT_CHAIN_LOCK = 4_310_001;

/** Serialises one kind of write (by key) until the transaction ends: a no-op on SQLite, which runs one writer at a time. */
export async function lockWrites(trx: Kysely<any>, key: number): Promise<void> {
  if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(${key})`.execute(trx);
}

/**
 * How many ids a long reading takes at a time, yielding between slices. SQLite runs each query on
 * the server's one thread, so a reading of a million records in one query holds every request
 * for seconds; PostgreSQL runs it in a process of its own and plans one query better than many
 * (null: read whole).
 */
export function readingSlice(db: Kysely<any>): number | null {
  return dialectOf(db) === 'sqlite' ? 20_000 : null;
}

/**
 * A subquery planned on its own. SQLite does not flatten a subquery with a LIMIT (-1: none), so
 * the rows it reads are chosen by its own WHERE; flattened under a GROUP BY, SQLite may walk a
 * whole index in the group's order instead (two seconds for 20,000 of a million enterprises).
 */
export function plannedApart<Q extends SelectQueryBuilder<any, any, any>>(db: Kysely<any>, q: Q): Q {
  return dialectOf(db) === 'sqlite' ? (q.limit(-1) as Q) : q;
}

/**
 * Case-insensitive "contains" over a text column. LIKE ignores ASCII case on SQLite but not on
 * PostgreSQL, so both sides are lowered; % and _ in the user's text are escaped.
 */
export function containsText(column: Expression<string | null>, text: string): Expression<SqlBool> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`lower(${column}) like ${pattern} escape '\\'`;
}
