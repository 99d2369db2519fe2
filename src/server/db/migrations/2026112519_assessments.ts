import type { Kysely } from 'kysely';
import { columnTypes } from './dialect';

/**
 * The yearly county assessment (质量兴县考评, policy §六(三)), after the national template
 * (国办发〔2013〕47号): a scheme of items worth 100 points — indicator items scored from the
 * targets, work items scored by the office on evidence, deductions, veto items — and per county
 * its filing, self-assessment, review, final score, grade, rank and the decisions taken.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const real = t.pg ? ('double precision' as const) : ('real' as const);
  const stamps = <T extends { addColumn: any }>(b: T): T =>
    b
      .addColumn('version', 'integer', (c: any) => c.notNull())
      .addColumn('created_at', t.instant, (c: any) => c.notNull())
      .addColumn('updated_at', t.instant, (c: any) => c.notNull())
      .addColumn('created_by', 'text');
  await stamps(
    db.schema
      .createTable('assessment_schemes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('year', 'integer', (c) => c.notNull().unique())
      .addColumn('plan_id', 'text', (c) => c.notNull().references('target_plans.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('grade_a', real, (c) => c.notNull())
      .addColumn('grade_b', real, (c) => c.notNull())
      .addColumn('grade_c', real, (c) => c.notNull())
      // A rate item of a county with fewer records than this in its denominator is scored by the fallback.
      .addColumn('min_sample', 'integer', (c) => c.notNull())
      .addColumn('small_sample_rule', 'text', (c) => c.notNull())
      .addColumn('targets_due_on', t.date)
      .addColumn('self_due_on', t.date)
      .addColumn('review_due_on', t.date),
  ).execute();
  await db.schema
    .createTable('assessment_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scheme_id', 'text', (c) => c.notNull().references('assessment_schemes.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('points', real, (c) => c.notNull())
    .addColumn('indicator_code', 'text')
    .addColumn('scoring', 'text', (c) => c.notNull())
    .addColumn('steps', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('guidance', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addUniqueConstraint('assessment_items_key', ['scheme_id', 'code'])
    .execute();
  await stamps(
    db.schema
      .createTable('county_assessments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('assessment_schemes.id'))
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('targets_filed_on', t.date)
      .addColumn('self_submitted_on', t.date)
      .addColumn('reviewed_on', t.date)
      .addColumn('total', real)
      .addColumn('grade', 'text')
      .addColumn('veto_reason', 'text')
      .addColumn('decision', 'text')
      .addColumn('reward', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('follow_up', 'text', (c) => c.notNull().defaultTo(''))
      .addUniqueConstraint('county_assessments_key', ['scheme_id', 'region_code']),
  ).execute();
  await db.schema
    .createTable('assessment_scores')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('county_assessment_id', 'text', (c) => c.notNull().references('county_assessments.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('assessment_items.id'))
    .addColumn('self_score', real)
    .addColumn('self_evidence', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('review_score', real)
    .addColumn('review_comment', 'text', (c) => c.notNull().defaultTo(''))
    // Fixed when the scheme is finalised: the indicator's value then and the points it gave.
    .addColumn('final_value', real)
    .addColumn('final_points', real)
    .addUniqueConstraint('assessment_scores_key', ['county_assessment_id', 'item_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('assessment_scores').execute();
  await db.schema.dropTable('county_assessments').execute();
  await db.schema.dropTable('assessment_items').execute();
  await db.schema.dropTable('assessment_schemes').execute();
}
