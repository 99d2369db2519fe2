import { WORKFLOW_NOT_YET } from './inspections.repository';
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { insertChunked } from '../../db/bulk';
import { bool } from '../../db/portable';
import { uuidv7 } from '../../lib/ids';
import type { FinalVerdict } from './stats.repository';
import type { InspectionEventTable, InspectionItemTable, InspectionTable } from './inspections.table';

export interface ArchiveFirm {
  id: string;
  name: string;
  uscc: string;
  regionCode: string;
}
const firm = (r: { id: string; name: string; uscc: string; region_code: string }): ArchiveFirm => ({
  id: r.id,
  name: r.name,
  uscc: r.uscc,
  regionCode: r.region_code,
});
const live = (db: Kysely<Database>) =>
  db.selectFrom('enterprises as e').select(['e.id', 'e.name', 'e.uscc', 'e.region_code']).where('e.deleted_at', 'is', null);

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
  return db
    .selectFrom('product_categories')
    .select(['code', 'name', 'catalogue'])
    .where('active', '=', bool(true))
    .orderBy('sort_order')
    .execute();
}

export async function rememberedMapping(db: Kysely<Database>, issuer: string): Promise<Record<string, string | null> | null> {
  const row = await db.selectFrom('result_import_mappings').select('columns').where('issuer', '=', issuer).executeTakeFirst();
  return row ? (JSON.parse(row.columns) as Record<string, string | null>) : null;
}

export async function rememberMapping(
  db: Kysely<Database>,
  issuer: string,
  columns: Record<string, string | null>,
  actorId: string | null,
  now: string,
) {
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

/** A batch of a confirmed import, as a case with its final result; the workflow's own columns start empty. */
export interface ImportedCase {
  verdict: 'qualified' | 'unqualified';
  testingBodyName: string;
  categoryCode: string;
  regionCode: string;
  sampledUnitName: string;
  producerEnterpriseId: string | null;
  producerName: string;
  producerRegionCode: string | null;
  productName: string;
  brand: string;
  model: string;
  batch: string;
  place: string;
  sampledOn: string;
  dateBasis: 'sampled' | 'notice';
  documentNo: string;
  remarks: string;
  parties: unknown[];
  /** False for a failures-only notice's qualified batches: counted, listed nowhere. */
  listed: boolean;
  failedItems: { item: string; requirement: string; measured: string }[];
  /** The details of the case's import event; a batch the notice does not list has no timeline. */
  event?: Record<string, unknown>;
}

/** A confirmed import: the notice's record and its batches. */
export interface ConfirmedImport {
  id: string;
  planId: string;
  level: string;
  year: number;
  issuer: string;
  noticeTitle: string;
  noticeNo: string;
  noticeDate: string | null;
  kind: string;
  declaredTested: number | null;
  declaredUnqualified: number | null;
  unlistedQualified: number;
  rowsRead: number;
  rowsSkipped: number;
  fileName: string;
  mapping: unknown;
  actorId: string | null;
  at: string;
  cases: ImportedCase[];
}

/**
 * Writes a confirmed import, in the caller's transaction: its record, its cases with their failed
 * items and events. Returns the cases as the running verdict counts take them.
 */
export async function writeImport(db: Kysely<Database>, imp: ConfirmedImport): Promise<FinalVerdict[]> {
  const cases: Insertable<InspectionTable>[] = [];
  const items: Insertable<InspectionItemTable>[] = [];
  const events: Insertable<InspectionEventTable>[] = [];
  const state = (c: ImportedCase) => (c.verdict === 'qualified' ? 'qualified' : 'final_unqualified');
  for (const c of imp.cases) {
    const caseId = uuidv7();
    cases.push({
      id: caseId,
      plan_id: imp.planId,
      year: imp.year,
      level: imp.level,
      product_id: null,
      check_type: 'routine',
      sampled_enterprise_id: null,
      samplers: '[]',
      test_quantity: '',
      reserve_quantity: '',
      standard_no: '',
      state: state(c),
      verdict: c.verdict,
      final_verdict: c.verdict,
      ...WORKFLOW_NOT_YET,
      import_id: imp.id,
      version: 1,
      created_at: imp.at,
      updated_at: imp.at,
      created_by: imp.actorId,
      testing_body_name: c.testingBodyName,
      category_code: c.categoryCode,
      region_code: c.regionCode,
      sampled_unit_name: c.sampledUnitName,
      producer_enterprise_id: c.producerEnterpriseId,
      producer_name: c.producerName,
      producer_region_code: c.producerRegionCode,
      product_name: c.productName,
      brand: c.brand,
      model: c.model,
      batch: c.batch,
      place: c.place,
      sampled_on: c.sampledOn,
      date_basis: c.dateBasis,
      document_no: c.documentNo,
      remarks: c.remarks,
      parties: JSON.stringify(c.parties),
      listed: bool(c.listed),
    });
    items.push(
      ...c.failedItems.map((it, seq) => ({
        id: uuidv7(),
        inspection_id: caseId,
        stage: 'initial',
        seq,
        item: it.item,
        requirement: it.requirement,
        measured: it.measured,
        passed: bool(false),
        severity: 'general',
      })),
    );
    if (c.event) {
      events.push({
        id: uuidv7(),
        inspection_id: caseId,
        action: 'import',
        on_date: c.sampledOn,
        state_after: state(c),
        details: JSON.stringify(c.event),
        actor_id: imp.actorId,
        at: imp.at,
      });
    }
  }
  await db
    .insertInto('inspection_result_imports')
    .values({
      id: imp.id,
      plan_id: imp.planId,
      issuer: imp.issuer,
      notice_title: imp.noticeTitle,
      notice_no: imp.noticeNo,
      notice_date: imp.noticeDate,
      year: imp.year,
      kind: imp.kind,
      declared_tested: imp.declaredTested,
      declared_unqualified: imp.declaredUnqualified,
      listed_batches: imp.cases.filter((c) => c.listed).length,
      unlisted_qualified: imp.unlistedQualified,
      rows_read: imp.rowsRead,
      rows_skipped: imp.rowsSkipped,
      file_name: imp.fileName,
      mapping: JSON.stringify(imp.mapping),
      created_by: imp.actorId,
      created_at: imp.at,
    })
    .execute();
  await insertChunked(db, 'inspections', cases);
  await insertChunked(db, 'inspection_items', items);
  await insertChunked(db, 'inspection_events', events);
  return cases as FinalVerdict[];
}
