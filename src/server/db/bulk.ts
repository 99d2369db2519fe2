import { CompiledQuery, type Insertable, type Kysely } from 'kysely';
import type { Database } from './database';
import { dialectOf, sqliteRowWriter } from './portable';

// SQLite binds at most 32,766 parameters per statement, PostgreSQL 65,535: stay under both.
const MAX_PARAMS = 30_000;

/** The multi-row INSERT text for a table, columns and row count, with the dialect's placeholders. */
const statements = new Map<string, string>();
function insertText(pg: boolean, table: string, columns: string[], rows: number): string {
  const key = `${pg}|${table}|${columns.join(',')}|${rows}`;
  let text = statements.get(key);
  if (!text) {
    let n = 0;
    const row = () => `(${columns.map(() => (pg ? `$${++n}` : '?')).join(', ')})`;
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${Array.from({ length: rows }, row).join(', ')}`;
    if (statements.size > 200) statements.clear();
    statements.set(key, text);
  }
  return text;
}

/**
 * Inserts rows that share their columns (the first row's). On SQLite inside a transaction, row by
 * row through one prepared statement; otherwise multi-row inserts chunked under the
 * bind-parameter limit, built as text once per shape rather than through the query builder,
 * which spent more time compiling a 1,000-row insert than the database spent running it.
 */
export async function insertChunked<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const writeRow = sqliteRowWriter(db, table, columns);
  if (writeRow) {
    for (const row of rows as Record<string, unknown>[]) writeRow(columns.map((c) => row[c] ?? null));
    return;
  }
  const pg = dialectOf(db) === 'postgres';
  const size = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size) as Record<string, unknown>[];
    const params: unknown[] = [];
    for (const row of chunk) for (const c of columns) params.push(row[c] ?? null);
    await db.executeQuery(CompiledQuery.raw(insertText(pg, table, columns, chunk.length), params));
  }
}
