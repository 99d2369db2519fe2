import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { columnTypes } from './dialect';

/**
 * The rest of the brand strategy (policy §二(二), §三(二)): credit-list entries that bar an
 * enterprise from honours (企业信息公示暂行条例 art. 18), honour reviews, the re-application bar
 * of a programme (省长质量奖: 6 years), the cultivation that led to an honour, key
 * technical-upgrade projects and the yearly flagship list.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const versioned = <T extends { addColumn: any }>(b: T): T =>
    b
      .addColumn('version', 'integer', (c: any) => c.notNull())
      .addColumn('created_at', t.instant, (c: any) => c.notNull())
      .addColumn('updated_at', t.instant, (c: any) => c.notNull())
      .addColumn('created_by', 'text');

  await db.schema.alterTable('brand_programmes').addColumn('reapply_bar_years', 'integer').execute();
  await db.updateTable('brand_programmes').set({ reapply_bar_years: 6 }).where('code', '=', 'hunan_governor_award').execute();
  await db.schema.alterTable('cultivations').addColumn('honour_id', 'text').execute();

  await versioned(
    db.schema
      .createTable('credit_list_entries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprises.id'))
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('list', 'text', (c) => c.notNull())
      .addColumn('authority', 'text', (c) => c.notNull())
      .addColumn('decision_no', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('listed_on', t.date, (c) => c.notNull())
      .addColumn('removed_on', t.date)
      .addColumn('removal_reason', 'text')
      .addColumn('removal_note', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await db.schema.createIndex('credit_list_enterprise_idx').on('credit_list_entries').columns(['enterprise_id', 'listed_on']).execute();

  await db.schema
    .createTable('honour_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('honour_id', 'text', (c) => c.notNull().references('honours.id'))
    .addColumn('due_on', t.date, (c) => c.notNull())
    .addColumn('reviewed_on', t.date, (c) => c.notNull())
    .addColumn('passed', t.bool, (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('actor_id', 'text')
    .addColumn('at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('honour_reviews_honour_idx').on('honour_reviews').column('honour_id').execute();
  await db.schema.createIndex('honours_review_idx').on('honours').column('next_review_on').execute();

  await versioned(
    db.schema
      .createTable('key_projects')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprises.id'))
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('investment', t.bigint, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('selected', t.bool, (c) => c.notNull().defaultTo(t.false))
      .addColumn('selected_on', t.date)
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('deleted_at', t.instant)
      .addColumn('deleted_by', 'text')
      .addColumn('delete_reason', 'text'),
  ).execute();
  await db.schema.createIndex('key_projects_year_idx').on('key_projects').columns(['year', 'region_code']).execute();

  await versioned(
    db.schema
      .createTable('flagship_designations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprises.id'))
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('designated_on', t.date, (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      // Set when designated below the revenue floor: the figure then and why.
      .addColumn('override', 'text')
      .addColumn('deleted_at', t.instant)
      .addColumn('deleted_by', 'text')
      .addColumn('delete_reason', 'text'),
  ).execute();
  await db.schema
    .createIndex('flagship_year_key')
    .on('flagship_designations')
    .columns(['year', 'enterprise_id'])
    .unique()
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
  // The year's candidates: enterprises whose sales revenue reaches the floor.
  await db.schema
    .createIndex('yearly_figures_revenue_idx')
    .on('enterprise_yearly_figures')
    .columns(['year', 'sales_revenue'])
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('yearly_figures_revenue_idx').execute();
  await db.schema.dropTable('flagship_designations').execute();
  await db.schema.dropTable('key_projects').execute();
  await db.schema.dropIndex('honours_review_idx').execute();
  await db.schema.dropTable('honour_reviews').execute();
  await db.schema.dropTable('credit_list_entries').execute();
  await db.schema.alterTable('cultivations').dropColumn('honour_id').execute();
  await db.schema.alterTable('brand_programmes').dropColumn('reapply_bar_years').execute();
}
