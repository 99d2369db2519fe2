import type { Kysely } from 'kysely';
import { bool } from '../../db/portable';
import { uuidv7 } from '../../lib/ids';
import type { ReferenceKind } from '../../../contract/schemas/reference';
import type { Database } from '../../db/database';
import type { RegionNode } from './region-tree';

/** The table behind each kind; all four share the reference columns (reference.table.ts). */
export const REFERENCE_TABLES = {
  regions: 'regions',
  industries: 'industries',
  departments: 'departments',
  'product-categories': 'product_categories',
  'brand-programmes': 'brand_programmes',
} as const satisfies Record<ReferenceKind, keyof Database>;

/** A reference row with its kind-specific columns; typed loosely because the kind is dynamic. */
export type ReferenceRow = Record<string, unknown> & {
  id: string;
  code: string;
  name: string;
  name_en: string;
  sort_order: number;
  active: unknown;
  version: number;
  updated_at: string;
};

/** API field → column, for the fields each kind adds; `bool` columns need mapping both ways. */
export const KIND_COLUMNS: Record<ReferenceKind, Record<string, { column: string; bool?: true }>> = {
  regions: { level: { column: 'level' }, parentCode: { column: 'parent_code' } },
  industries: { isKey: { column: 'is_key', bool: true } },
  departments: {},
  'product-categories': {
    groupName: { column: 'group_name' },
    industryCode: { column: 'industry_code' },
    catalogue: { column: 'catalogue' },
  },
  'brand-programmes': {
    level: { column: 'level' },
    kind: { column: 'kind' },
    validityYears: { column: 'validity_years' },
    reviewCycleYears: { column: 'review_cycle_years' },
    running: { column: 'running', bool: true },
    lastGrantYear: { column: 'last_grant_year' },
    reapplyBarYears: { column: 'reapply_bar_years' },
    publicBadge: { column: 'public_badge', bool: true },
    rules: { column: 'rules' },
  },
};

export const COMMON_COLUMNS: Record<string, { column: string; bool?: true }> = {
  code: { column: 'code' },
  name: { column: 'name' },
  nameEn: { column: 'name_en' },
  sortOrder: { column: 'sort_order' },
  active: { column: 'active', bool: true },
};

/** API input (create or update) → column values, leaving out fields the input does not have. */
export function referenceColumns(kind: ReferenceKind, input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, spec] of Object.entries({ ...COMMON_COLUMNS, ...KIND_COLUMNS[kind] })) {
    if (input[field] === undefined) continue;
    out[spec.column] = spec.bool ? bool(input[field] as boolean) : input[field];
  }
  return out;
}

/** A new entry's row: the fields given, active and first in order unless they say otherwise. Not yet written. */
export function newReferenceRow(kind: ReferenceKind, actorId: string | null, input: Record<string, unknown>): ReferenceRow {
  const now = new Date().toISOString();
  return {
    id: uuidv7(),
    name_en: '',
    sort_order: 0,
    active: 1,
    ...referenceColumns(kind, input),
    version: 1,
    created_at: now,
    updated_at: now,
    created_by: actorId,
  } as unknown as ReferenceRow;
}

// Kysely cannot type a table chosen at run time; one cast here keeps the callers typed.
const table = (kind: ReferenceKind) => REFERENCE_TABLES[kind] as 'regions';

export async function listReference(db: Kysely<Database>, kind: ReferenceKind): Promise<ReferenceRow[]> {
  return (await db.selectFrom(table(kind)).selectAll().orderBy('sort_order').orderBy('code').execute()) as ReferenceRow[];
}

export async function findReferenceById(db: Kysely<Database>, kind: ReferenceKind, id: string) {
  return (await db.selectFrom(table(kind)).selectAll().where('id', '=', id).executeTakeFirst()) as ReferenceRow | undefined;
}

export async function findReferenceByCode(db: Kysely<Database>, kind: ReferenceKind, code: string) {
  return (await db.selectFrom(table(kind)).selectAll().where('code', '=', code).executeTakeFirst()) as ReferenceRow | undefined;
}

export async function insertReference(db: Kysely<Database>, kind: ReferenceKind, row: ReferenceRow): Promise<void> {
  await db
    .insertInto(table(kind))
    .values(row as never)
    .execute();
}

/** Applies the edit only at the version the editor read; bumps it. Undefined when stale or gone. */
export async function updateReferenceVersioned(
  db: Kysely<Database>,
  kind: ReferenceKind,
  id: string,
  version: number,
  changes: Record<string, unknown>,
) {
  return (await db
    .updateTable(table(kind))
    .set({ ...changes, version: version + 1, updated_at: new Date().toISOString() } as never)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()) as ReferenceRow | undefined;
}

/** Every region as a node of the tree (retired ones too), in display order. */
export async function listRegionNodes(db: Kysely<Database>): Promise<RegionNode[]> {
  const rows = await db
    .selectFrom('regions')
    .select(['code', 'parent_code', 'level', 'active'])
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
  return rows.map((r) => ({ code: r.code, parentCode: r.parent_code, level: r.level, active: Boolean(r.active) }));
}

/** Code → name of a kind's entries (those of `codes` when given), for labelling rows that store codes. */
export async function referenceNames(db: Kysely<Database>, kind: ReferenceKind, codes?: readonly string[]): Promise<Map<string, string>> {
  if (codes && codes.length === 0) return new Map();
  let q = db.selectFrom(table(kind)).select(['code', 'name']);
  if (codes) q = q.where('code', 'in', [...codes]);
  return new Map((await q.execute()).map((r) => [r.code, r.name]));
}
