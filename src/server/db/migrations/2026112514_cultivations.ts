import type { Kysely } from 'kysely';
import { columnTypes } from './dialect';

/** The cultivation pipeline (培育 → 申报 → … → 认定): an enterprise worked towards a programme. */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('cultivations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('programme_code', 'text', (c) => c.notNull().references('brand_programmes.code'))
    .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprises.id'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('product_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('officer_id', 'text', (c) => c.references('users.id'))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('cultivations_board_idx').on('cultivations').columns(['programme_code', 'region_code', 'stage']).execute();
  await db.schema.createIndex('cultivations_enterprise_idx').on('cultivations').column('enterprise_id').execute();
  await db.schema
    .createTable('cultivation_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cultivation_id', 'text', (c) => c.notNull().references('cultivations.id'))
    .addColumn('stage_after', 'text', (c) => c.notNull())
    .addColumn('on_date', t.date, (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    // Set when an eligibility block was overridden: the reasons and why.
    .addColumn('override', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cultivation_events_idx').on('cultivation_events').columns(['cultivation_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cultivation_events').execute();
  await db.schema.dropTable('cultivations').execute();
}
