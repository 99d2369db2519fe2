import type { Kysely } from 'kysely';

/** The case list pages newest sampling first: an index in that order. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('inspections_sampled_idx').on('inspections').columns(['sampled_on', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('inspections_sampled_idx').execute();
}
