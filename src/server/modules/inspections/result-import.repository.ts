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

/** Names and codes per IN list: well under both dialects' bind-parameter limits. */
const IN_CHUNK = 1000;
async function inChunks<T>(values: string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += IN_CHUNK) out.push(...(await read(values.slice(i, i + IN_CHUNK))));
  return out;
}

/** The live firms holding these USCCs (unique), by USCC: one query per thousand codes, not one per row. */
export async function firmsByUscc(db: Kysely<Database>, usccs: string[]): Promise<Map<string, ArchiveFirm>> {
  const rows = await inChunks([...new Set(usccs)], (chunk) => live(db).where('e.uscc', 'in', chunk).execute());
  return new Map(rows.map((r) => [r.uscc, firm(r)]));
}

/**
 * For each name, up to five live firms of this very name, else up to five that once bore it:
 * indexed IN look-ups over all the table's names at once (one query with OR reads every enterprise).
 */
export async function firmsNamed(db: Kysely<Database>, names: string[]): Promise<Map<string, ArchiveFirm[]>> {
  const out = new Map<string, ArchiveFirm[]>();
  const add = (name: string, f: ArchiveFirm) => {
    const list = out.get(name) ?? [];
    if (list.length < 5 && !list.some((x) => x.id === f.id)) list.push(f);
    out.set(name, list);
  };
  const wanted = [...new Set(names)];
  for (const r of await inChunks(wanted, (chunk) => live(db).where('e.name', 'in', chunk).execute())) add(r.name, firm(r));
  const formerly = await inChunks(
    wanted.filter((n) => !out.has(n)),
    (chunk) =>
      live(db)
        .innerJoin('enterprise_former_names as f', 'f.enterprise_id', 'e.id')
        .select('f.name as former')
        .where('f.name', 'in', chunk)
        .where('f.deleted_at', 'is', null)
        .execute(),
  );
  for (const r of formerly) add(r.former, firm(r));
  return out;
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
