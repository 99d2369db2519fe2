import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { bool } from '../../db/portable';

export const STAT_GROUPS = ['category', 'county', 'industry', 'level', 'place', 'year'] as const;
export type StatGroup = (typeof STAT_GROUPS)[number];

export interface StatFilter {
  year?: number;
  levels?: readonly string[];
  categoryCode?: string;
  regionCode?: string;
}

/**
 * Cases with a final result, filtered. Plans and categories are joined only when a group reads
 * them; the year and levels filter through the plan ids, so the common question (one year, by
 * county and category) is answered from the inspections_stats index alone.
 */
function decided(db: Kysely<Database>, filter: StatFilter, join: { plans?: boolean; categories?: boolean } = {}) {
  let q = db.selectFrom('inspections as i').where('i.final_verdict', 'is not', null);
  if (filter.year || filter.levels?.length) {
    let plans = db.selectFrom('inspection_plans').select('id');
    if (filter.year) plans = plans.where('year', '=', filter.year);
    if (filter.levels?.length) plans = plans.where('level', 'in', [...filter.levels]);
    q = q.where('i.plan_id', 'in', plans);
  }
  if (filter.categoryCode) q = q.where('i.category_code', '=', filter.categoryCode);
  if (filter.regionCode) q = q.where('i.region_code', '=', filter.regionCode);
  const withPlans = join.plans ? q.innerJoin('inspection_plans as p', 'p.id', 'i.plan_id') : q;
  return (join.categories ? withPlans.innerJoin('product_categories as c', 'c.code', 'i.category_code') : withPlans) as unknown as ReturnType<typeof joined>;
}
// The fully joined shape, for typing the query whatever was joined.
const joined = (db: Kysely<Database>) => db.selectFrom('inspections as i').innerJoin('inspection_plans as p', 'p.id', 'i.plan_id').innerJoin('product_categories as c', 'c.code', 'i.category_code');

const KEY: Record<StatGroup, string> = { category: 'i.category_code', county: 'i.region_code', industry: 'c.industry_code', level: 'p.level', place: 'i.place', year: 'p.year' };

/** Batches tested and qualified per group: counts only, the rate is the caller's division of sums. */
export async function passCounts(db: Kysely<Database>, by: StatGroup, filter: StatFilter, then?: StatGroup) {
  const key = sql.ref(KEY[by]);
  const key2 = sql.ref(KEY[then ?? by]);
  const groups = [by, then ?? by];
  const rows = await decided(db, filter, { plans: groups.some((g) => g === 'level' || g === 'year'), categories: groups.includes('industry') })
    .select([
      sql<string>`${key}`.as('key'),
      sql<string>`${key2}`.as('key2'),
      sql<number>`count(*)`.as('tested'),
      sql<number>`sum(case when i.final_verdict = 'qualified' then 1 else 0 end)`.as('qualified'),
    ])
    .groupBy([key, key2])
    .orderBy(key)
    .orderBy(key2)
    .execute();
  return rows.map((r) => ({ key: String(r.key), ...(then ? { key2: String(r.key2) } : {}), tested: Number(r.tested), qualified: Number(r.qualified) }));
}

/** How many unqualified batches failed each item, by the result that stands (the re-test's when there was one). */
export async function failedItemCounts(db: Kysely<Database>, filter: StatFilter, limit: number) {
  return decided(db, filter)
    .innerJoin('inspection_items as it', 'it.inspection_id', 'i.id')
    .where('i.final_verdict', '=', 'unqualified')
    .where(sql<boolean>`it.stage = case when i.recheck_payer is null then 'initial' else 'recheck' end`)
    .where('it.passed', '=', bool(false))
    .select(['it.item', sql<number>`count(distinct i.id)`.as('batches')])
    .groupBy('it.item')
    .orderBy(sql`count(distinct i.id)`, 'desc')
    .orderBy('it.item')
    .limit(limit)
    .execute();
}
