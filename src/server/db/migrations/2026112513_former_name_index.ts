import type { Kysely } from 'kysely';

/** Matching a published producer name against former names (result-table imports) reads an index. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('former_names_name_idx').on('enterprise_former_names').column('name').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('former_names_name_idx').execute();
}
