import type { Kysely } from 'kysely';
import { columnTypes } from './dialect';

/** When the organiser published a case's final result (监督抽查结果公布). */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('inspections').addColumn('published_on', t.date).execute();
  await db.schema.createIndex('inspections_published_idx').on('inspections').columns(['published_on', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('inspections_published_idx').execute();
  await db.schema.alterTable('inspections').dropColumn('published_on').execute();
}
