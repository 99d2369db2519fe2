import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { countCapped } from '../../db/paging';
import { bool, containsText } from '../../db/portable';
import { whereInRegions } from '../../authz/region-scope';

/** The filters of the public result list; every one is a column of the cases. */
export interface PublishedFilter {
  planId?: string;
  year?: number;
  level?: string;
  categoryCode?: string;
  result?: string;
  /** A county and the regions below it. */
  regions?: readonly string[];
  producer?: string;
}

/**
 * One page of published cases, newest first, after the cursor [publishedOn, id], with their
 * total counted up to `cap`. The cases alone: every filter is a column of theirs, so a page and
 * its count read one partial index (migration 2026112510).
 */
export async function listPublishedCases(db: Db, filter: PublishedFilter, cap: number, limit: number, after: [string, string] | null) {
  let q = db.selectFrom('inspections as i').where('i.published_on', 'is not', null);
  if (filter.planId) q = q.where('i.plan_id', '=', filter.planId);
  if (filter.year) q = q.where('i.year', '=', filter.year);
  if (filter.level) q = q.where('i.level', '=', filter.level);
  if (filter.categoryCode) q = q.where('i.category_code', '=', filter.categoryCode);
  if (filter.result) q = q.where('i.final_verdict', '=', filter.result);
  q = whereInRegions(q, 'i.region_code', filter.regions);
  if (filter.producer) q = q.where(containsText(sql.ref('i.producer_name'), filter.producer));
  const counted = await countCapped(db, q, cap);
  let page = q.select([
    'i.id',
    'i.plan_id',
    'i.year',
    'i.level',
    'i.category_code',
    'i.product_name',
    'i.brand',
    'i.model',
    'i.batch',
    'i.sampled_unit_name',
    'i.region_code',
    'i.producer_name',
    'i.final_verdict',
    'i.recheck_payer',
    'i.testing_body_id',
    'i.testing_body_name',
    'i.recheck_body_id',
    'i.sampled_on',
    'i.published_on',
  ]);
  if (after) page = page.where(sql<boolean>`(i.published_on, i.id) < (${after[0]}, ${after[1]})`);
  const rows = await page
    .orderBy('i.published_on', 'desc')
    .orderBy('i.id', 'desc')
    .limit(limit + 1)
    .execute();
  return { counted, rows };
}

/** Id → title of these plans (all when no ids are given). */
export async function planTitles(db: Db, ids?: readonly string[]): Promise<Map<string, string>> {
  if (ids && !ids.length) return new Map();
  let q = db.selectFrom('inspection_plans').select(['id', 'title']);
  if (ids) q = q.where('id', 'in', [...ids]);
  return new Map((await q.execute()).map((p) => [p.id, p.title]));
}

/** Id → name of these testing bodies (all when no ids are given). */
export async function testingBodyNames(db: Db, ids?: readonly string[]): Promise<Map<string, string>> {
  if (ids && !ids.length) return new Map();
  let q = db.selectFrom('testing_bodies').select(['id', 'name']);
  if (ids) q = q.where('id', 'in', [...ids]);
  return new Map((await q.execute()).map((b) => [b.id, b.name]));
}

/** Case id → the text of its approved enterprise response. */
export async function approvedResponses(db: Db, caseIds: readonly string[]): Promise<Map<string, string>> {
  if (!caseIds.length) return new Map();
  const rows = await db
    .selectFrom('inspection_responses')
    .select(['inspection_id', 'text'])
    .where('inspection_id', 'in', [...caseIds])
    .where('status', '=', 'approved')
    .execute();
  return new Map(rows.map((r) => [r.inspection_id, r.text]));
}

/** The failed items of these cases, both stages, in their order. */
export async function failedItems(db: Db, caseIds: readonly string[]): Promise<{ inspectionId: string; stage: string; item: string }[]> {
  if (!caseIds.length) return [];
  const rows = await db
    .selectFrom('inspection_items')
    .select(['inspection_id', 'stage', 'item'])
    .where('inspection_id', 'in', [...caseIds])
    .where('passed', '=', bool(false))
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ inspectionId: r.inspection_id, stage: r.stage, item: r.item }));
}

/**
 * Stamps a plan's final, unpublished cases published on `on`; returns how many, and how many are
 * held back (no final verdict yet; refused samplings never get one). A failures-only list's
 * unlisted qualified batches name nothing to publish: they only count.
 */
export async function publishFinalCases(trx: Db, planId: string, on: string): Promise<{ published: number; held: number }> {
  const ready = await trx
    .selectFrom('inspections')
    .select('id')
    .where('plan_id', '=', planId)
    .where('final_verdict', 'is not', null)
    .where('published_on', 'is', null)
    .where('listed', '=', bool(true))
    .execute();
  const held = await trx
    .selectFrom('inspections')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('plan_id', '=', planId)
    .where('final_verdict', 'is', null)
    .where('state', '!=', 'refused')
    .executeTakeFirstOrThrow();
  if (ready.length)
    await trx
      .updateTable('inspections')
      .set({ published_on: on })
      .where(
        'id',
        'in',
        ready.map((r) => r.id),
      )
      .execute();
  return { published: ready.length, held: Number(held.n) };
}

/** A plan's published batches by category: tested, qualified and the latest publication date. */
export async function publishedCountsByCategory(db: Db, planId: string) {
  const rows = await db
    .selectFrom('inspections')
    .where('plan_id', '=', planId)
    .where('published_on', 'is not', null)
    .select([
      'category_code',
      sql<number>`count(*)`.as('tested'),
      sql<number>`sum(case when final_verdict = 'qualified' then 1 else 0 end)`.as('qualified'),
      sql<string>`max(published_on)`.as('last'),
    ])
    .groupBy('category_code')
    .execute();
  return rows.map((c) => ({
    categoryCode: c.category_code,
    tested: Number(c.tested),
    qualified: Number(c.qualified),
    last: String(c.last),
  }));
}
