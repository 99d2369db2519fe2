import { sql, PostgresAdapter, type Kysely, type Expression, type SqlBool } from 'kysely';

/**
 * The few places where SQLite and PostgreSQL differ. Everything else is written once in Kysely.
 */
export type Dialect = 'sqlite' | 'postgres';

export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
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
  if (dialectOf(trx) === 'postgres') {
    await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  }
}
const AUDIT_CHAIN_LOCK = 4_310_001;

/**
 * Case-insensitive "contains" over a text column. LIKE ignores ASCII case on SQLite but not on
 * PostgreSQL, so both sides are lowered; % and _ in the user's text are escaped.
 */
export function containsText(column: Expression<string | null>, text: string): Expression<SqlBool> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`lower(${column}) like ${pattern} escape '\\'`;
}
