import { RECORD_FIELDS, type RecordItem, type RecordKind } from '../../../contract/schemas/records';
import { bool, toBool } from '../../db/portable';
import { today } from '../../lib/dates';
import type { RecordRow } from './records.repository';
import { derived, RECORD_TABLES, snake } from './records.kinds';

type Fields = Record<string, { schema: { type?: unknown } }>;
const isBoolean = (kind: RecordKind, field: string) => (RECORD_FIELDS[kind] as Fields)[field]?.schema.type === 'boolean';
const isJson = (kind: RecordKind, field: string) => RECORD_TABLES[kind].json?.includes(snake(field)) ?? false;

/** Stored row → API shape, with the values computed on read. */
export function presentRecord(kind: RecordKind, row: RecordRow, today: string): RecordItem {
  const item: Record<string, unknown> = { id: row.id };
  for (const field of Object.keys(RECORD_FIELDS[kind])) {
    const value = row[snake(field)];
    item[field] = isBoolean(kind, field) ? toBool(value) : isJson(kind, field) ? JSON.parse(value as string) : value;
  }
  Object.assign(item, derived(kind, item, today), { version: row.version, createdAt: row.created_at, updatedAt: row.updated_at });
  return item as RecordItem;
}

/** What the audit log keeps of a record: its API shape and the enterprise it belongs to. */
export function auditedRecord(kind: RecordKind, row: Record<string, unknown> | null, enterpriseId: string) {
  return row ? { kind, enterpriseId, ...presentRecord(kind, row as RecordRow, today()) } : null;
}

/** API input → column values, for the fields it sets. */
export function recordColumns(kind: RecordKind, input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of Object.keys(RECORD_FIELDS[kind])) {
    const value = input[field];
    if (value === undefined) continue;
    out[snake(field)] = isBoolean(kind, field) ? bool(value as boolean) : isJson(kind, field) ? JSON.stringify(value) : value;
  }
  return out;
}

/** Create defaults for the fields an input leaves out. */
export function recordDefaults(kind: RecordKind): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(RECORD_FIELDS[kind] as Record<string, { default?: unknown; required?: true }>)
      .filter(([, f]) => !f.required)
      .map(([k, f]) => [k, f.default]),
  );
}
