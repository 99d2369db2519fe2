import type { ColumnType } from 'kysely';

/** Booleans: bound as 0/1 on both databases, read back as 0/1 (SQLite) or true/false (PostgreSQL). */
export type BoolColumn = ColumnType<boolean | number, number, number>;
/** Columns every mutable row has. */
export interface Versioned {
  version: number;
  created_at: string;
  updated_at: string;
  created_by: string | null;
}

/** The bookkeeping columns of a new archive record. */
export function newRecordMeta(actorId: string | null, now: string) {
  return { version: 1, created_at: now, updated_at: now, created_by: actorId, deleted_at: null, deleted_by: null, delete_reason: null };
}
