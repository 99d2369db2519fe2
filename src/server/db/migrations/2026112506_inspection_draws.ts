import type { Kysely } from 'kysely';
import { columnTypes } from './dialect';

/** The random draws (双随机) of a plan, with everything needed to re-run them. */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('inspection_draws')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('inspection_plans.id'))
    .addColumn('category_code', 'text', (c) => c.notNull())
    .addColumn('seed', t.bigint, (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    // JSON: weights, candidates [{enterpriseId, weight, reasons}], excluded, inspector pool.
    .addColumn('inputs', 'text', (c) => c.notNull())
    // JSON: {enterprises: [ids], inspectors: [ids]}
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspection_draws_plan_idx').on('inspection_draws').column('plan_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inspection_draws').execute();
}
