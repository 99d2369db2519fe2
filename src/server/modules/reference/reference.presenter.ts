import type { ReferenceItem, ReferenceKind } from '../../../contract/schemas/reference';
import { bool, toBool } from '../../db/portable';
import type { ReferenceRow } from './reference.repository';

/** API field → column, for the fields each kind adds; `bool` columns need mapping both ways. */
export const KIND_COLUMNS: Record<ReferenceKind, Record<string, { column: string; bool?: true }>> = {
  regions: { level: { column: 'level' }, parentCode: { column: 'parent_code' } },
  industries: { isKey: { column: 'is_key', bool: true } },
  departments: {},
  'product-categories': { groupName: { column: 'group_name' }, industryCode: { column: 'industry_code' }, catalogue: { column: 'catalogue' } },
  'brand-programmes': {
    level: { column: 'level' }, kind: { column: 'kind' }, validityYears: { column: 'validity_years' }, reviewCycleYears: { column: 'review_cycle_years' },
    running: { column: 'running', bool: true }, lastGrantYear: { column: 'last_grant_year' }, reapplyBarYears: { column: 'reapply_bar_years' }, publicBadge: { column: 'public_badge', bool: true }, rules: { column: 'rules' },
  },
};

const COMMON_COLUMNS: Record<string, { column: string; bool?: true }> = {
  code: { column: 'code' },
  name: { column: 'name' },
  nameEn: { column: 'name_en' },
  sortOrder: { column: 'sort_order' },
  active: { column: 'active', bool: true },
};

export function presentReference(kind: ReferenceKind, row: ReferenceRow): ReferenceItem {
  const item: Record<string, unknown> = { id: row.id, version: row.version, updatedAt: row.updated_at };
  for (const [field, spec] of Object.entries({ ...COMMON_COLUMNS, ...KIND_COLUMNS[kind] })) {
    item[field] = spec.bool ? toBool(row[spec.column]) : row[spec.column];
  }
  return item as ReferenceItem;
}

/** API input (create or update) → column values, leaving out fields the input does not have. */
export function referenceColumns(kind: ReferenceKind, input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, spec] of Object.entries({ ...COMMON_COLUMNS, ...KIND_COLUMNS[kind] })) {
    if (input[field] === undefined) continue;
    out[spec.column] = spec.bool ? bool(input[field] as boolean) : input[field];
  }
  return out;
}

/** What the audit log keeps of a reference row. */
export function auditedReference(kind: ReferenceKind, row: ReferenceRow) {
  return { kind, ...presentReference(kind, row) };
}
