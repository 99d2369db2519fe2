import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { columnTypes } from './dialect';

/** The food-safety sampling catalogue (食品安全监督抽检 大类), beside the product catalogue. */
const FOOD_SAFETY: [name: string, nameEn: string][] = [
  ['粮食加工品', 'Grain products'],
  ['食用油、油脂及其制品', 'Edible oils and fats'],
  ['调味品', 'Condiments'],
  ['肉制品', 'Meat products'],
  ['乳制品', 'Dairy products'],
  ['饮料', 'Beverages'],
  ['方便食品', 'Convenience foods'],
  ['饼干', 'Biscuits'],
  ['罐头', 'Canned foods'],
  ['冷冻饮品', 'Frozen drinks'],
  ['速冻食品', 'Quick-frozen foods'],
  ['薯类和膨化食品', 'Potato and puffed foods'],
  ['糖果制品', 'Confectionery'],
  ['茶叶及相关制品', 'Tea and tea products'],
  ['酒类', 'Alcoholic drinks'],
  ['蔬菜制品', 'Vegetable products'],
  ['水果制品', 'Fruit products'],
  ['炒货食品及坚果制品', 'Roasted seeds and nuts'],
  ['蛋制品', 'Egg products'],
  ['可可及焙烤咖啡产品', 'Cocoa and roasted coffee'],
  ['食糖', 'Sugar'],
  ['水产制品', 'Aquatic products'],
  ['淀粉及淀粉制品', 'Starch and starch products'],
  ['糕点', 'Pastries'],
  ['豆制品', 'Soy products'],
  ['蜂产品', 'Bee products'],
  ['保健食品', 'Health foods'],
  ['特殊膳食食品', 'Special dietary foods'],
  ['婴幼儿配方食品', 'Infant formula'],
  ['特殊医学用途配方食品', 'Foods for special medical purposes'],
  ['餐饮食品', 'Catering foods'],
  ['食品添加剂', 'Food additives'],
  ['食用农产品', 'Edible agricultural produce'],
  ['其他食品', 'Other foods'],
];

/**
 * Published result tables taken as published (issue 16): each confirmed import is kept with the
 * notice it came from and the notice's own totals; the mapping an officer chose is remembered per
 * issuer; cases keep the table's remarks, the other parties a producer cell names, whether their
 * date is a sampling date or only the notice's, and whether the batch was listed at all (a
 * failures-only list's qualified batches are counted from the notice's totals). The food-safety
 * catalogue joins the product catalogue.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('inspection_result_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('inspection_plans.id'))
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('notice_title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notice_no', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notice_date', t.date)
    .addColumn('year', 'integer', (c) => c.notNull())
    // results: a table with a verdict per batch; failures_only: a list of unqualified batches.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('declared_tested', 'integer')
    .addColumn('declared_unqualified', 'integer')
    .addColumn('listed_batches', 'integer', (c) => c.notNull())
    .addColumn('unlisted_qualified', 'integer', (c) => c.notNull())
    .addColumn('rows_read', 'integer', (c) => c.notNull())
    .addColumn('rows_skipped', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('inspection_result_imports_plan_idx')
    .on('inspection_result_imports')
    .columns(['plan_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('result_import_mappings')
    .addColumn('issuer', 'text', (c) => c.primaryKey())
    // JSON: { [normalised header]: field or null }
    .addColumn('columns', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();

  await db.schema
    .alterTable('inspections')
    .addColumn('import_id', 'text', (c) => c.references('inspection_result_imports.id'))
    .execute();
  await db.schema
    .alterTable('inspections')
    .addColumn('remarks', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  // JSON: [{ role, name, country? }] — the other parties a published producer cell names.
  await db.schema
    .alterTable('inspections')
    .addColumn('parties', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  // sampled: sampled_on is the sampling date; notice: the table had none, sampled_on holds the notice's date.
  await db.schema
    .alterTable('inspections')
    .addColumn('date_basis', 'text', (c) => c.notNull().defaultTo('sampled'))
    .execute();
  await db.schema
    .alterTable('inspections')
    .addColumn('listed', t.bool, (c) => c.notNull().defaultTo(t.true))
    .execute();
  await db.schema.createIndex('inspections_import_idx').on('inspections').column('import_id').execute();

  await db.schema
    .alterTable('product_categories')
    .addColumn('catalogue', 'text', (c) => c.notNull().defaultTo('product'))
    .execute();
  const now = new Date().toISOString();
  const last = await db.selectFrom('product_categories').select(db.fn.max('sort_order').as('n')).executeTakeFirst();
  const base = Number(last?.n ?? 0);
  await db
    .insertInto('product_categories')
    .values(
      FOOD_SAFETY.map(([name, name_en], i) => ({
        id: randomUUID(),
        code: `FS${String(i + 1).padStart(2, '0')}`,
        name,
        name_en,
        sort_order: base + i + 1,
        active: t.true,
        group_name: '食品安全监督抽检',
        industry_code: 'pharma_food',
        catalogue: 'food_safety',
        version: 1,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('product_categories').where('catalogue', '=', 'food_safety').execute();
  await db.schema.alterTable('product_categories').dropColumn('catalogue').execute();
  await db.schema.dropIndex('inspections_import_idx').execute();
  for (const c of ['listed', 'date_basis', 'parties', 'remarks', 'import_id'])
    await db.schema.alterTable('inspections').dropColumn(c).execute();
  await db.schema.dropTable('result_import_mappings').execute();
  await db.schema.dropTable('inspection_result_imports').execute();
}
