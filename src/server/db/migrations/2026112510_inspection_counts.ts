import { sql, type Kysely } from 'kysely';
import { columnTypes } from './dialect';

// Each public filter leads an index in page order (newest published first), so a filtered page and
// its capped count read one index range.
const PUBLISHED_BY = {
  year: ['year'],
  year_result: ['year', 'final_verdict'],
  year_level: ['year', 'level'],
  level: ['level'],
  category: ['category_code'],
  region: ['region_code'],
  result: ['final_verdict'],
  plan: ['plan_id'],
} as const;

/**
 * Spot checks at millions of cases:
 * - each case carries its plan's year and level (plans are never edited), so filters need no join;
 * - the link to the archive product sampled (key and brand product statistics);
 * - published results are paged from partial indexes, one per public filter, each in page order;
 * - pass-rate statistics read running counts of final verdicts per year, level, county, category
 *   and place, kept in the same transaction as the verdict (an analytics table, as DHIS2 keeps).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .alterTable('inspections')
    .addColumn('year', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('inspections')
    .addColumn('level', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('inspections')
    .addColumn('product_id', 'text', (c) => c.references('products.id'))
    .execute();
  // The testing body of an imported result, by name as the announcement gives it (not a registered body).
  await db.schema
    .alterTable('inspections')
    .addColumn('testing_body_name', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`update inspections set year = (select p.year from inspection_plans p where p.id = inspections.plan_id), level = (select p.level from inspection_plans p where p.id = inspections.plan_id)`.execute(
    db,
  );

  await db.schema.dropIndex('inspections_published_idx').execute();
  const published = sql.ref('published_on');
  await db.schema
    .createIndex('inspections_published_idx')
    .on('inspections')
    .columns(['published_on', 'id'])
    .where(published, 'is not', null)
    .execute();
  for (const [name, columns] of Object.entries(PUBLISHED_BY)) {
    await db.schema
      .createIndex(`inspections_published_${name}_idx`)
      .on('inspections')
      .columns([...columns, 'published_on', 'id'])
      .where(published, 'is not', null)
      .execute();
  }
  await db.schema.dropIndex('inspections_stats_idx').execute();
  await db.schema
    .createIndex('inspections_stats_idx')
    .on('inspections')
    .columns(['year', 'final_verdict', 'region_code', 'category_code'])
    .execute();
  await db.schema.createIndex('inspections_product_id_idx').on('inspections').column('product_id').execute();

  await db.schema
    .createTable('inspection_verdict_counts')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('category_code', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('tested', t.bigint, (c) => c.notNull())
    .addColumn('qualified', t.bigint, (c) => c.notNull())
    .addPrimaryKeyConstraint('inspection_verdict_counts_pk', ['year', 'level', 'region_code', 'category_code', 'place'])
    .execute();
  await sql`insert into inspection_verdict_counts (year, level, region_code, category_code, place, tested, qualified)
    select year, level, region_code, category_code, place, count(*), sum(case when final_verdict = 'qualified' then 1 else 0 end)
    from inspections where final_verdict is not null group by year, level, region_code, category_code, place`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inspection_verdict_counts').execute();
  await db.schema.dropIndex('inspections_product_id_idx').execute();
  await db.schema.dropIndex('inspections_stats_idx').execute();
  await db.schema
    .createIndex('inspections_stats_idx')
    .on('inspections')
    .columns(['plan_id', 'region_code', 'category_code', 'final_verdict'])
    .execute();
  for (const name of Object.keys(PUBLISHED_BY)) await db.schema.dropIndex(`inspections_published_${name}_idx`).execute();
  await db.schema.dropIndex('inspections_published_idx').execute();
  await db.schema.createIndex('inspections_published_idx').on('inspections').columns(['published_on', 'id']).execute();
  for (const column of ['testing_body_name', 'product_id', 'level', 'year'])
    await db.schema.alterTable('inspections').dropColumn(column).execute();
}
