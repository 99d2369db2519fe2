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
