import { sql, type Kysely } from 'kysely';
import { columnTypes } from './dialect';

/**
 * The spot-check console as officers meet it:
 * - draws committed before they run: the SHA-256 of the server's seed (with a nonce) is shown
 *   first, the seed revealed with the result; every draw of a plan kept, numbered per category
 *   (`round`), a repeat with its reason;
 * - documents attached to a case (test report scans), as cultivations have;
 * - document numbers (文号) issued by the server, one series per kind and year.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('inspection_draws').addColumn('commitment', 'text').execute();
  await db.schema.alterTable('inspection_draws').addColumn('nonce', 'text').execute();
  await db.schema
    .alterTable('inspection_draws')
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('inspection_draws')
    .addColumn('round', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('inspection_draws').addColumn('drawn_at', t.instant).execute();
  await db.schema.alterTable('inspection_draws').addColumn('drawn_by', 'text').execute();
  // Draws made before commitments ran at once: drawn when created, numbered in the order made.
  await sql`update inspection_draws set drawn_at = created_at, drawn_by = created_by,
    round = (select count(*) from inspection_draws d where d.plan_id = inspection_draws.plan_id and d.category_code = inspection_draws.category_code
      and (d.created_at < inspection_draws.created_at or (d.created_at = inspection_draws.created_at and d.id <= inspection_draws.id)))`.execute(
    db,
  );
  await db.schema
    .createIndex('inspection_draws_round_key')
    .unique()
    .on('inspection_draws')
    .columns(['plan_id', 'category_code', 'round'])
    .execute();

  await db.schema
    .createTable('inspection_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspections.id'))
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
  await db.schema.createIndex('inspection_documents_idx').on('inspection_documents').column('inspection_id').execute();

  // The last number issued per series and year: the row an issue locks (no sequences, no advisory locks).
  await db.schema
    .createTable('document_number_counters')
    .addColumn('series', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_number_counters_pk', ['series', 'year'])
    .execute();
  await db.schema
    .createTable('document_numbers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('series', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text')
    .addColumn('issued_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('document_numbers_seq_key').unique().on('document_numbers').columns(['series', 'year', 'seq']).execute();
  await db.schema.createIndex('document_numbers_subject_idx').on('document_numbers').columns(['subject_type', 'subject_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('document_numbers').execute();
  await db.schema.dropTable('document_number_counters').execute();
  await db.schema.dropTable('inspection_documents').execute();
  await db.schema.dropIndex('inspection_draws_round_key').execute();
  for (const column of ['drawn_by', 'drawn_at', 'round', 'reason', 'nonce', 'commitment'])
    await db.schema.alterTable('inspection_draws').dropColumn(column).execute();
}
