import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { insertChunked } from '../../db/bulk';
import { bool } from '../../db/portable';
import type { InspectionEventTable, InspectionItemTable, InspectionResultImportTable, InspectionTable } from './inspections.table';

export interface ArchiveFirm {
  id: string;
  name: string;
  uscc: string;
  regionCode: string;
}
const firm = (r: { id: string; name: string; uscc: string; region_code: string }): ArchiveFirm => ({ id: r.id, name: r.name, uscc: r.uscc, regionCode: r.region_code });
const live = (db: Kysely<Database>) => db.selectFrom('enterprises as e').select(['e.id', 'e.name', 'e.uscc', 'e.region_code']).where('e.deleted_at', 'is', null);

export async function firmByUscc(db: Kysely<Database>, uscc: string): Promise<ArchiveFirm | undefined> {
  const row = await live(db).where('e.uscc', '=', uscc).executeTakeFirst();
  return row && firm(row);
}

/** Firms of this very name, or once of this name: two indexed look-ups (one query with OR reads every enterprise). */
export async function firmsNamed(db: Kysely<Database>, name: string): Promise<ArchiveFirm[]> {
  const exact = await live(db).where('e.name', '=', name).limit(5).execute();
  if (exact.length) return exact.map(firm);
  const formerly = db.selectFrom('enterprise_former_names').select('enterprise_id').where('name', '=', name).where('deleted_at', 'is', null);
  return (await live(db).where('e.id', 'in', formerly).limit(5).execute()).map(firm);
}

export async function findPlanRow(db: Kysely<Database>, id: string) {
  return db.selectFrom('inspection_plans').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every active category of both catalogues, for reading a table's category cells. */
export async function activeCategories(db: Kysely<Database>) {
  return db.selectFrom('product_categories').select(['code', 'name', 'catalogue']).where('active', '=', bool(true)).orderBy('sort_order').execute();
}

export async function rememberedMapping(db: Kysely<Database>, issuer: string): Promise<Record<string, string | null> | null> {
  const row = await db.selectFrom('result_import_mappings').select('columns').where('issuer', '=', issuer).executeTakeFirst();
  return row ? (JSON.parse(row.columns) as Record<string, string | null>) : null;
}

export async function rememberMapping(db: Kysely<Database>, issuer: string, columns: Record<string, string | null>, actorId: string | null, now: string) {
  const earlier = (await rememberedMapping(db, issuer)) ?? {};
  const merged = JSON.stringify({ ...earlier, ...columns });
  await db
    .insertInto('result_import_mappings')
    .values({ issuer, columns: merged, updated_by: actorId, updated_at: now })
    .onConflict((oc) => oc.column('issuer').doUpdateSet({ columns: merged, updated_by: actorId, updated_at: now }))
    .execute();
}

/** The issuers whose mappings are remembered, most recent first. */
export async function knownIssuers(db: Kysely<Database>) {
  return db.selectFrom('result_import_mappings').select(['issuer', 'updated_at']).orderBy('updated_at', 'desc').limit(200).execute();
}

export async function importsOfPlan(db: Kysely<Database>, planId: string) {
  return db.selectFrom('inspection_result_imports').selectAll().where('plan_id', '=', planId).orderBy('created_at', 'desc').execute();
}

/** One confirmed import: its record, its cases with their items and events, in the caller's transaction. */
export async function writeImport(
  db: Kysely<Database>,
  record: Insertable<InspectionResultImportTable>,
  cases: Insertable<InspectionTable>[],
  items: Insertable<InspectionItemTable>[],
  events: Insertable<InspectionEventTable>[],
): Promise<void> {
  await db.insertInto('inspection_result_imports').values(record).execute();
  await insertChunked(db, 'inspections', cases);
  await insertChunked(db, 'inspection_items', items);
  await insertChunked(db, 'inspection_events', events);
}
