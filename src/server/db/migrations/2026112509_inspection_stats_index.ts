import type { Kysely } from 'kysely';

/** Pass rates of a year by county and category, read from one index without touching the table. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('inspections_stats_idx')
    .on('inspections')
    .columns(['plan_id', 'region_code', 'category_code', 'final_verdict'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('inspections_stats_idx').execute();
}
