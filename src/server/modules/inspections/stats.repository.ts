import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database';
import { bool } from '../../db/portable';
import type { InspectionVerdictCountTable } from './inspections.table';
import { regionIn } from '../../authz/region-scope';

export const STAT_GROUPS = ['category', 'county', 'industry', 'level', 'place', 'year', 'key_product', 'brand_product'] as const;
export type StatGroup = (typeof STAT_GROUPS)[number];
/** Groups read from the archive product linked to a case: their flags change, so they are not counted ahead. */
const PRODUCT_GROUPS: readonly StatGroup[] = ['key_product', 'brand_product'];

export interface StatFilter {
  year?: number;
  levels?: readonly string[];
  categoryCode?: string;
  /** The regions counted (a county and the regions below it); all when absent. */
  regions?: readonly string[];
}

/** A case whose verdict is final, as the running counts see it. */
export interface FinalVerdict {
  year: number;
  level: string;
  region_code: string;
  category_code: string;
  place: string;
  final_verdict: string | null;
}

/** Adds cases whose verdict just became final to the running counts, in the caller's transaction. */
export async function countFinalVerdicts(db: Kysely<Database>, cases: readonly FinalVerdict[]): Promise<void> {
  const sums = new Map<string, InspectionVerdictCountTable>();
  for (const c of cases) {
    if (!c.final_verdict) continue;
    const key = [c.year, c.level, c.region_code, c.category_code, c.place].join('|');
    const sum = sums.get(key) ?? {
      year: c.year,
      level: c.level,
      region_code: c.region_code,
      category_code: c.category_code,
      place: c.place,
      tested: 0,
      qualified: 0,
    };
    sum.tested++;
    if (c.final_verdict === 'qualified') sum.qualified++;
    sums.set(key, sum);
  }
  const rows = [...sums.values()];
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('inspection_verdict_counts')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.columns(['year', 'level', 'region_code', 'category_code', 'place']).doUpdateSet((eb) => ({
          tested: eb('inspection_verdict_counts.tested', '+', eb.ref('excluded.tested')),
          qualified: eb('inspection_verdict_counts.qualified', '+', eb.ref('excluded.qualified')),
        })),
      )
      .execute();
  }
}

/**
 * Recomputes the running counts from the cases (after a bulk load, or to check them): the same
 * numbers countFinalVerdicts keeps, in one transaction. Answers the number of cases counted.
 */
export async function rebuildVerdictCounts(db: Kysely<Database>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('inspection_verdict_counts').execute();
    await sql`insert into inspection_verdict_counts (year, level, region_code, category_code, place, tested, qualified)
      select year, level, region_code, category_code, place, count(*), sum(case when final_verdict = 'qualified' then 1 else 0 end)
      from inspections where final_verdict is not null group by year, level, region_code, category_code, place`.execute(trx);
    const total = await trx
      .selectFrom('inspection_verdict_counts')
      .select(sql<number>`coalesce(sum(tested), 0)`.as('n'))
      .executeTakeFirstOrThrow();
    return Number(total.n);
  });
}

/** The filter on `i`: the cases and their running counts name these columns alike. */
function filtered(filter: StatFilter) {
  const conditions = [
    filter.year ? sql<boolean>`i.year = ${filter.year}` : null,
    filter.levels?.length ? sql<boolean>`i.level in (${sql.join([...filter.levels])})` : null,
    filter.categoryCode ? sql<boolean>`i.category_code = ${filter.categoryCode}` : null,
    filter.regions ? regionIn('i.region_code', filter.regions) : null,
  ].filter((c) => c !== null);
  return conditions.length ? sql<boolean>`${sql.join(conditions, sql` and `)}` : sql<boolean>`1 = 1`;
}

/** Cases with a final result, filtered; categories and products joined only when a group reads them. */
function decided(db: Kysely<Database>, filter: StatFilter, join: { categories?: boolean; products?: boolean } = {}) {
  const q = db.selectFrom('inspections as i').where('i.final_verdict', 'is not', null).where(filtered(filter));
  const withCategories = join.categories ? q.innerJoin('product_categories as c', 'c.code', 'i.category_code') : q;
  return (join.products ? withCategories.leftJoin('products as pr', 'pr.id', 'i.product_id') : withCategories) as unknown as ReturnType<
    typeof joined
  >;
}
// The fully joined shape, for typing the query whatever was joined (a value read only as a type, hence the exemption).
// eslint-disable-next-line @typescript-eslint/no-unused-vars
const joined = (db: Kysely<Database>) =>
  db
    .selectFrom('inspections as i')
    .innerJoin('product_categories as c', 'c.code', 'i.category_code')
    .leftJoin('products as pr', 'pr.id', 'i.product_id');

/** The running counts, filtered alike; typed as the cases, since only raw expressions are read from them. */
function counted(db: Kysely<Database>, filter: StatFilter, join: { categories?: boolean }) {
  const q = db.selectFrom('inspection_verdict_counts as i').where(filtered(filter));
  return (join.categories ? q.innerJoin('product_categories as c', 'c.code', 'i.category_code') : q) as unknown as ReturnType<
    typeof joined
  >;
}

const productFlag = (column: 'pr.key_product' | 'pr.brand_product') =>
  sql<string>`case when ${sql.ref('pr.id')} is null then 'unlinked' when ${sql.ref(column)} = ${bool(true)} then 'yes' else 'no' end`;
const KEY: Record<StatGroup, RawBuilder<unknown>> = {
  category: sql.ref('i.category_code'),
  county: sql.ref('i.region_code'),
  industry: sql.ref('c.industry_code'),
  level: sql.ref('i.level'),
  place: sql.ref('i.place'),
  year: sql.ref('i.year'),
  key_product: productFlag('pr.key_product'),
  brand_product: productFlag('pr.brand_product'),
};

/**
 * Batches tested and qualified per group: counts only, the rate is the caller's division of sums.
 * Read from the running counts, or from the cases when a group is a product flag.
 */
export async function passCounts(db: Kysely<Database>, by: StatGroup, filter: StatFilter, then?: StatGroup) {
  const groups = [by, then ?? by];
  const [key, key2] = [KEY[by], KEY[then ?? by]];
  const categories = groups.includes('industry');
  // Grouped and ordered by position: PostgreSQL does not take the flag expressions' bound parameters in
  // the select list and in GROUP BY for one expression.
  const fromCases = groups.some((g) => PRODUCT_GROUPS.includes(g));
  const [tested, qualified] = fromCases
    ? [sql<number>`count(*)`, sql<number>`sum(case when i.final_verdict = 'qualified' then 1 else 0 end)`]
    : [sql<number>`sum(i.tested)`, sql<number>`sum(i.qualified)`];
  const rows = await (fromCases ? decided(db, filter, { categories, products: true }) : counted(db, filter, { categories }))
    .select([sql<string>`${key}`.as('key'), sql<string>`${key2}`.as('key2'), tested.as('tested'), qualified.as('qualified')])
    .groupBy([sql`1`, sql`2`])
    .orderBy(sql`1`)
    .orderBy(sql`2`)
    .execute();
  return rows.map((r) => ({
    key: String(r.key),
    ...(then ? { key2: String(r.key2) } : {}),
    tested: Number(r.tested),
    qualified: Number(r.qualified),
  }));
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
