import { sql, type Kysely } from 'kysely';
import { columnTypes } from './dialect';

/**
 * Computed indicators kept as sums per county and industry (an analytics table, as DHIS2 keeps):
 * - indicator_sums: one row per indicator, year, county and industry with its numerator,
 *   denominator and record counts, never rounded; indicator_part_sums the same per sixteenth
 *   of a cell, so that a write reads little again;
 * - indicator_sum_runs: what those sums were computed under (the indicator's version, the plan's
 *   first year, the day read as of) and the sources' stamp, so only the cells touched by later
 *   writes are computed again;
 * - enterprise_moves: written by a trigger when an enterprise changes county or industry, the one
 *   change whose old cell a later read could not find from the row itself.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('indicator_sums')
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('plan_indicators.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('industry_code', 'text', (c) => c.notNull())
    .addColumn('num', t.bigint, (c) => c.notNull())
    .addColumn('den', t.bigint, (c) => c.notNull())
    .addColumn('records', t.bigint, (c) => c.notNull())
    // The drill-down's page counts: rows with a numerator, rows with either.
    .addColumn('num_records', t.bigint, (c) => c.notNull())
    .addColumn('den_records', t.bigint, (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_sums_pk', ['indicator_id', 'year', 'region_code', 'industry_code'])
    .execute();
  // The same per part of a cell (the last character of the enterprise's or case's id): a write reads its part again, and its cell is the sum of its parts.
  await db.schema
    .createTable('indicator_part_sums')
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('plan_indicators.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('industry_code', 'text', (c) => c.notNull())
    .addColumn('part', 'text', (c) => c.notNull())
    .addColumn('num', t.bigint, (c) => c.notNull())
    .addColumn('den', t.bigint, (c) => c.notNull())
    .addColumn('records', t.bigint, (c) => c.notNull())
    .addColumn('num_records', t.bigint, (c) => c.notNull())
    .addColumn('den_records', t.bigint, (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_part_sums_pk', ['indicator_id', 'year', 'region_code', 'industry_code', 'part'])
    .execute();
  await db.schema
    .createTable('indicator_sum_runs')
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('plan_indicators.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('stamp', 'text', (c) => c.notNull())
    .addColumn('computed_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_sum_runs_pk', ['indicator_id', 'year'])
    .execute();
  await db.schema
    .createTable('enterprise_moves')
    .addColumn('enterprise_id', 'text', (c) => c.notNull())
    .addColumn('moved_at', t.instant, (c) => c.notNull())
    .execute();
  if (t.pg) {
    await sql`create function enterprise_moved() returns trigger language plpgsql as $$
      begin insert into enterprise_moves (enterprise_id, moved_at) values (new.id, now()); return null; end $$`.execute(db);
    await sql`create trigger enterprises_moved after update of region_code, industry_code on enterprises for each row
      when (old.region_code is distinct from new.region_code or old.industry_code is distinct from new.industry_code)
      execute function enterprise_moved()`.execute(db);
  } else {
    await sql`create trigger enterprises_moved after update of region_code, industry_code on enterprises
      when old.region_code is not new.region_code or old.industry_code is not new.industry_code
      begin insert into enterprise_moves (enterprise_id, moved_at) values (new.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')); end`.execute(db);
  }
  // A part of a county × industry cell is read through these indexes (the part as the calculators
  // write it: the id's last character); a year's cases are paged in id order (the drill-down) through the last.
  await sql`create index enterprises_part_idx on enterprises (region_code, industry_code, substr(id, length(id), 1))`.execute(db);
  await sql`create index inspections_part_idx on inspections (year, region_code, category_code, substr(id, length(id), 1))`.execute(db);
  await db.schema.createIndex('inspections_year_id_idx').on('inspections').columns(['year', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.dropIndex('inspections_year_id_idx').execute();
  await db.schema.dropIndex('inspections_part_idx').execute();
  await db.schema.dropIndex('enterprises_part_idx').execute();
  await sql`drop trigger enterprises_moved${t.pg ? sql` on enterprises` : sql``}`.execute(db);
  if (t.pg) await sql`drop function enterprise_moved()`.execute(db);
  await db.schema.dropTable('enterprise_moves').execute();
  await db.schema.dropTable('indicator_sum_runs').execute();
  await db.schema.dropTable('indicator_part_sums').execute();
  await db.schema.dropTable('indicator_sums').execute();
}
