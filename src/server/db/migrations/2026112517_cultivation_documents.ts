import type { Kysely } from 'kysely';
import { columnTypes } from './dialect';

/** Documents of a cultivation (申报书, 推荐函, certificates): kept under the data directory, listed here. */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('cultivation_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cultivation_id', 'text', (c) => c.notNull().references('cultivations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('uploaded_at', t.instant, (c) => c.notNull())
    .addColumn('deleted_at', t.instant)
    .addColumn('deleted_by', 'text')
    .addColumn('delete_reason', 'text')
    .execute();
  await db.schema.createIndex('cultivation_documents_idx').on('cultivation_documents').column('cultivation_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cultivation_documents').execute();
}
