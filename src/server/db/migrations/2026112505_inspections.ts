import type { Kysely } from 'kysely';
import { columnTypes } from './dialect';

/**
 * Supervision spot checks (监督抽查): testing bodies, plans with their category schemes, and
 * the cases — one sampled batch each — with per-item results and a timeline of what was done.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const versioned = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addColumn('created_by', 'text');

  await versioned('testing_bodies')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('accreditation_no', 'text', (c) => c.notNull().unique())
    .addColumn('scope', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('active', t.bool, (c) => c.notNull().defaultTo(t.true))
    .execute();

  await versioned('inspection_plans')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull()) // national / provincial / city / county
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('department_code', 'text', (c) => c.notNull().references('departments.code'))
    // The organising area: the city for city plans, a county for county plans.
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    // JSON: [{categoryCode, plannedBatches, testItems[], method, judgingStandard, testingBodyId}]
    .addColumn('categories', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.createIndex('inspection_plans_year_idx').on('inspection_plans').columns(['year', 'level']).execute();

  await versioned('inspections')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('inspection_plans.id'))
    .addColumn('category_code', 'text', (c) => c.notNull().references('product_categories.code'))
    .addColumn('check_type', 'text', (c) => c.notNull()) // routine / tracking / emergency
    // The county responsible for the case (where the sampled unit is): scope for county officers.
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('sampled_enterprise_id', 'text', (c) => c.references('enterprises.id'))
    .addColumn('sampled_unit_name', 'text', (c) => c.notNull())
    .addColumn('producer_enterprise_id', 'text', (c) => c.references('enterprises.id'))
    .addColumn('producer_name', 'text', (c) => c.notNull())
    .addColumn('producer_region_code', 'text')
    .addColumn('product_name', 'text', (c) => c.notNull())
    .addColumn('brand', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('model', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('standard_no', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('batch', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('place', 'text', (c) => c.notNull()) // production / circulation / online
    .addColumn('sampled_on', t.date, (c) => c.notNull())
    .addColumn('document_no', 'text', (c) => c.notNull())
    .addColumn('samplers', 'text', (c) => c.notNull()) // JSON array of names, at least two
    .addColumn('test_quantity', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reserve_quantity', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text')
    .addColumn('final_verdict', 'text')
    .addColumn('testing_body_id', 'text', (c) => c.references('testing_bodies.id'))
    .addColumn('report_no', 'text')
    .addColumn('report_on', t.date)
    .addColumn('received_on', t.date)
    .addColumn('objection_until', t.date)
    .addColumn('objection_filed_on', t.date)
    .addColumn('recheck_body_id', 'text', (c) => c.references('testing_bodies.id'))
    .addColumn('recheck_payer', 'text')
    .addColumn('rectification_ordered_on', t.date)
    .addColumn('rectification_due', t.date)
    .addColumn('first_review_due', t.date)
    .addColumn('announced_on', t.date)
    .addColumn('second_review_from', t.date)
    .addColumn('second_review_until', t.date)
    .addColumn('closed_on', t.date)
    .execute();
  await db.schema.createIndex('inspections_plan_idx').on('inspections').column('plan_id').execute();
  await db.schema.createIndex('inspections_region_state_idx').on('inspections').columns(['region_code', 'state']).execute();
  // The no-repeat rule looks up earlier checks of the same producer's product.
  await db.schema
    .createIndex('inspections_product_idx')
    .on('inspections')
    .columns(['producer_name', 'product_name', 'sampled_on'])
    .execute();

  await db.schema
    .createTable('inspection_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspections.id'))
    .addColumn('stage', 'text', (c) => c.notNull()) // initial / recheck
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('requirement', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('measured', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('passed', t.bool, (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull()) // serious / general
    .execute();
  await db.schema.createIndex('inspection_items_case_idx').on('inspection_items').columns(['inspection_id', 'stage', 'seq']).execute();

  await db.schema
    .createTable('inspection_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspections.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('on_date', t.date, (c) => c.notNull())
    .addColumn('state_after', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('actor_id', 'text')
    .addColumn('at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspection_events_case_idx').on('inspection_events').columns(['inspection_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['inspection_events', 'inspection_items', 'inspections', 'inspection_plans', 'testing_bodies'])
    await db.schema.dropTable(table).execute();
}
