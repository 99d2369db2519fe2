import type { ReferenceItem, ReferenceKind } from '../../../contract/schemas/reference';
import { toBool } from '../../db/portable';
import { COMMON_COLUMNS, KIND_COLUMNS, type ReferenceRow } from './reference.repository';

export function presentReference(kind: ReferenceKind, row: ReferenceRow): ReferenceItem {
  const item: Record<string, unknown> = { id: row.id, version: row.version, updatedAt: row.updated_at };
  for (const [field, spec] of Object.entries({ ...COMMON_COLUMNS, ...KIND_COLUMNS[kind] })) {
    item[field] = spec.bool ? toBool(row[spec.column]) : row[spec.column];
  }
  return item as ReferenceItem;
}

/** What the audit log keeps of a reference row. */
export function auditedReference(kind: ReferenceKind, row: ReferenceRow) {
  return { kind, ...presentReference(kind, row) };
}
