import type { Kysely } from 'kysely';

/**
 * Agricultural leading enterprises (a few in a hundred): the green-food indicator reads only their
 * food products, and without this index PostgreSQL read every enterprise to find them, for each
 * window of a drill-down page.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Whole, not partial: neither database would match `level in (…)` to a `level <> 'none'` predicate.
  await db.schema.createIndex('enterprises_agri_leader_idx').on('enterprises').column('agri_leader_level').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('enterprises_agri_leader_idx').execute();
}
