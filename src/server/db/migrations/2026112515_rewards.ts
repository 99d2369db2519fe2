import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { columnTypes } from './dialect';

/**
 * Rewards for honours (policy §六(二)): a rule per programme and year, and a reward per honour
 * with its city/county split, approval and payment. The 2010 rule is seeded: CNY 500,000 for each
 * new 中国名牌产品 or 驰名商标 recognition; the split follows the fiscal arrangement, which the
 * policy does not state — seeded half and half, to be set by the bureau.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const now = new Date().toISOString();
  await db.schema
    .createTable('reward_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('programme_code', 'text', (c) => c.notNull().references('brand_programmes.code'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('amount', t.bigint, (c) => c.notNull())
    .addColumn('city_share_percent', 'integer', (c) => c.notNull())
    .addColumn('fund_source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('reward_rules_key', ['programme_code', 'year'])
    .execute();
  await db
    .insertInto('reward_rules')
    .values(
      ['china_top_brand', 'well_known_trademark'].map((code) => ({
        id: randomUUID(),
        programme_code: code,
        year: 2010,
        amount: 500_000,
        city_share_percent: 50,
        fund_source: '市本级资金从工业发展引导资金中列支',
        note: '郴政发〔2010〕4号：每新获一个中国名牌产品或中国驰名商标奖励 50 万元，市、县按财政体制分担（比例请按实际体制修改）',
        version: 1,
        created_at: now,
        updated_at: now,
        created_by: null,
      })),
    )
    .execute();
  await db.schema
    .createTable('rewards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('honour_id', 'text', (c) => c.notNull().unique().references('honours.id'))
    .addColumn('programme_code', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprises.id'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('amount', t.bigint, (c) => c.notNull())
    .addColumn('city_amount', t.bigint, (c) => c.notNull())
    .addColumn('county_amount', t.bigint, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('approved_on', t.date)
    .addColumn('paid_on', t.date)
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('rewards_ledger_idx').on('rewards').columns(['year', 'region_code']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rewards').execute();
  await db.schema.dropTable('reward_rules').execute();
}
