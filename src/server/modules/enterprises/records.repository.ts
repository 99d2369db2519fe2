import type { Kysely } from 'kysely';
import type { RecordKind } from '../../../contract/schemas/records';
import type { Database } from '../../db/database';
import { RECORD_TABLES } from './records.kinds';

/** A stored archive record; typed loosely because the kind is chosen at run time. */
export type RecordRow = Record<string, unknown> & { id: string; version: number; created_at: string; updated_at: string };

// Kysely cannot type a table chosen at run time; one cast here keeps the callers typed.
const table = (kind: RecordKind) => RECORD_TABLES[kind].table as 'licences';
const parentColumn = (kind: RecordKind) => (RECORD_TABLES[kind].parent === 'product' ? 'product_id' : 'enterprise_id') as 'enterprise_id';

/** The live records of a kind under some parents (enterprises, or products for standards), in display order. */
export async function listRecords(db: Kysely<Database>, kind: RecordKind, parentIds: string[]): Promise<RecordRow[]> {
  if (parentIds.length === 0) return [];
  return (await db
    .selectFrom(table(kind))
    .selectAll()
    .where(parentColumn(kind), 'in', parentIds)
    .where('deleted_at', 'is', null)
    .orderBy(RECORD_TABLES[kind].orderBy === 'year' ? ('year' as 'id') : 'created_at')
    .orderBy('id')
    .execute()) as unknown as RecordRow[];
}

export async function findRecord(db: Kysely<Database>, kind: RecordKind, parentId: string, id: string): Promise<RecordRow | undefined> {
  return (await db
    .selectFrom(table(kind))
    .selectAll()
    .where('id', '=', id)
    .where(parentColumn(kind), '=', parentId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()) as unknown as RecordRow | undefined;
}

export async function insertRecord(db: Kysely<Database>, kind: RecordKind, row: Record<string, unknown>): Promise<void> {
  await db
    .insertInto(table(kind))
    .values(row as never)
    .execute();
}

/** Applies an edit at the version read; bumps it. Undefined when stale (or gone). */
export async function updateRecordVersioned(
  db: Kysely<Database>,
  kind: RecordKind,
  id: string,
  version: number,
  changes: Record<string, unknown>,
): Promise<RecordRow | undefined> {
  return (await db
    .updateTable(table(kind))
    .set({ ...changes, version: version + 1, updated_at: new Date().toISOString() } as never)
    .where('id', '=', id)
    .where('version', '=', version)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst()) as unknown as RecordRow | undefined;
}

/** Soft delete with a reason, at the version read. Undefined when stale (or gone). */
export async function softDeleteRecord(
  db: Kysely<Database>,
  kind: RecordKind,
  id: string,
  version: number,
  actorId: string | null,
  reason: string,
) {
  return updateRecordVersioned(db, kind, id, version, { deleted_at: new Date().toISOString(), deleted_by: actorId, delete_reason: reason });
}

/** The ids of every record ever kept under an enterprise, deleted ones too (for its history). */
export async function recordIdsOfEnterprise(db: Kysely<Database>, enterpriseId: string): Promise<string[]> {
  const ids: string[] = [];
  const productIds: string[] = [];
  for (const [kind, spec] of Object.entries(RECORD_TABLES) as [RecordKind, (typeof RECORD_TABLES)[RecordKind]][]) {
    if (spec.parent !== 'enterprise') continue;
    const rows = await db.selectFrom(table(kind)).select('id').where('enterprise_id', '=', enterpriseId).execute();
    ids.push(...rows.map((r) => r.id));
    if (kind === 'products') productIds.push(...rows.map((r) => r.id));
  }
  if (productIds.length) {
    const standards = await db.selectFrom('product_standards').select('id').where('product_id', 'in', productIds).execute();
    ids.push(...standards.map((r) => r.id));
  }
  return ids;
}

/** A duplicate kept by migration 2026120740_natural_keys: a live record outside its natural-key index. */
export interface UnkeyedDuplicate {
  kind: 'products' | 'former-names' | 'cultivations';
  id: string;
  uscc: string;
  enterpriseName: string;
  /** The record's name (a cultivation's programme). */
  name: string;
}

/** The duplicates kept when natural keys came in, for an officer to merge or delete (`npm run cli -- archive duplicates`). */
export async function unkeyedDuplicates(db: Kysely<Database>): Promise<UnkeyedDuplicate[]> {
  const of = (kind: UnkeyedDuplicate['kind'], rows: { id: string; uscc: string; enterprise_name: string; name: string }[]) =>
    rows.map((r) => ({ kind, id: r.id, uscc: r.uscc, enterpriseName: r.enterprise_name, name: r.name }));
  const products = await db
    .selectFrom('products as r')
    .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .select(['r.id', 'e.uscc', 'e.name as enterprise_name', 'r.name'])
    .where('r.natural_key', 'is', null)
    .where('r.deleted_at', 'is', null)
    .orderBy('e.uscc')
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
  const names = await db
    .selectFrom('enterprise_former_names as r')
    .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .select(['r.id', 'e.uscc', 'e.name as enterprise_name', 'r.name'])
    .where('r.natural_key', 'is', null)
    .where('r.deleted_at', 'is', null)
    .orderBy('e.uscc')
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
  const cultivations = await db
    .selectFrom('cultivations as r')
    .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .select(['r.id', 'e.uscc', 'e.name as enterprise_name', 'r.programme_code as name'])
    .where('r.natural_key', 'is', null)
    .where('r.stage', 'not in', ['granted', 'rejected'])
    .orderBy('e.uscc')
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
  return [...of('products', products), ...of('former-names', names), ...of('cultivations', cultivations)];
}
