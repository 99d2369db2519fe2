import type { Insertable, Kysely } from 'kysely';
import type { Database } from './database';

// SQLite binds at most 32,766 parameters per statement, PostgreSQL 65,535: stay under both.
const MAX_PARAMS = 30_000;

/** Multi-row inserts, chunked so no statement passes the bind-parameter limit. */
export async function insertChunked<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).length;
  const size = Math.max(1, Math.floor(MAX_PARAMS / columns));
  for (let i = 0; i < rows.length; i += size) {
    await db.insertInto(table).values(rows.slice(i, i + size) as never).execute();
  }
}
