import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { columnTypes } from './dialect';

/**
 * The enterprise quality archive (质量档案库): enterprises and what hangs off them, plus the
 * name-search index (one per dialect: FTS5 on SQLite, a GIN-indexed array on PostgreSQL; both
 * over the same overlapping two-character grams, so 2-character Chinese searches are indexed).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  // Columns of every archive record: versioned, audited, soft-deleted with a reason.
  const record = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('deleted_at', t.instant)
      .addColumn('deleted_by', 'text')
      .addColumn('delete_reason', 'text');
  const child = (name: string) => record(name).addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprises.id'));

  await record('enterprises')
    .addColumn('uscc', 'text', (c) => c.notNull().unique())
    .addColumn('uscc_override_reason', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('industry_code', 'text', (c) => c.notNull().references('industries.code'))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('legal_representative', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_person', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('founded_on', t.date)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('above_scale', t.bool, (c) => c.notNull().defaultTo(t.false))
    .addColumn('key_enterprise', t.bool, (c) => c.notNull().defaultTo(t.false))
    .addColumn('flagship', t.bool, (c) => c.notNull().defaultTo(t.false))
    .addColumn('foreign_invested', t.bool, (c) => c.notNull().defaultTo(t.false))
    .addColumn('service_enterprise', t.bool, (c) => c.notNull().defaultTo(t.false))
    .addColumn('agri_leader_level', 'text', (c) => c.notNull().defaultTo('none'))
    .execute();
  for (const col of ['region_code', 'industry_code', 'status', 'name']) {
    await db.schema.createIndex(`enterprises_${col}_idx`).on('enterprises').column(col).execute();
  }

  await child('enterprise_former_names')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('used_from', t.date)
    .addColumn('used_to', t.date)
    .execute();
  await db.schema.createIndex('former_names_enterprise_idx').on('enterprise_former_names').column('enterprise_id').execute();

  await child('enterprise_associations')
    .addColumn('association', 'text', (c) => c.notNull())
    .addColumn('member_role', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('joined_on', t.date)
    .execute();
  await db.schema.createIndex('associations_enterprise_idx').on('enterprise_associations').column('enterprise_id').execute();

  // Integer yuan; bigint because a large enterprise's output passes 2^31 yuan.
  await child('enterprise_yearly_figures')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('output_value', t.bigint)
    .addColumn('new_product_output_value', t.bigint)
    .addColumn('sales_revenue', t.bigint)
    .addColumn('export_value', t.bigint)
    .addColumn('profit_and_tax', t.bigint)
    .addColumn('employees', 'integer')
    .execute();
  // Natural keys hold among records not deleted: a deleted year or certificate may be entered again.
  const live = (name: string, table: string, columns: string[]) =>
    db.schema.createIndex(name).on(table).columns(columns).unique().where(sql.ref('deleted_at'), 'is', null).execute();
  await live('yearly_figures_key', 'enterprise_yearly_figures', ['enterprise_id', 'year']);

  await child('products')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category_code', 'text', (c) => c.references('product_categories.code'))
    .addColumn('brand', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('model', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('key_product', t.bool, (c) => c.notNull().defaultTo(t.false))
    .addColumn('export_product', t.bool, (c) => c.notNull().defaultTo(t.false))
    .addColumn('food_product', t.bool, (c) => c.notNull().defaultTo(t.false))
    .addColumn('brand_product', t.bool, (c) => c.notNull().defaultTo(t.false))
    // "Made to a standard at all": false means produced with no standard (标准覆盖率's numerator misses it).
    .addColumn('made_to_standard', t.bool, (c) => c.notNull().defaultTo(t.true))
    .execute();
  await db.schema.createIndex('products_enterprise_idx').on('products').column('enterprise_id').execute();

  await record('product_standards')
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('standard_no', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('adoption', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('adopted_standard_no', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await live('product_standards_key', 'product_standards', ['product_id', 'standard_no']);

  await child('certifications')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('kind_other', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('certificate_no', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('issued_on', t.date)
    .addColumn('expires_on', t.date)
    .addColumn('status', 'text', (c) => c.notNull())
    .execute();
  await live('certifications_key', 'certifications', ['kind', 'certificate_no']);
  await db.schema.createIndex('certifications_enterprise_idx').on('certifications').columns(['enterprise_id', 'kind']).execute();
  await db.schema.createIndex('certifications_expiry_idx').on('certifications').column('expires_on').execute();

  await child('licences')
    .addColumn('licence_no', 'text', (c) => c.notNull())
    .addColumn('product_unit', 'text', (c) => c.notNull())
    .addColumn('issued_on', t.date)
    .addColumn('expires_on', t.date)
    .addColumn('status', 'text', (c) => c.notNull())
    .execute();
  await live('licences_key', 'licences', ['licence_no']);
  await db.schema.createIndex('licences_enterprise_idx').on('licences').column('enterprise_id').execute();
  await db.schema.createIndex('licences_expiry_idx').on('licences').column('expires_on').execute();

  await child('quality_staff')
    .addColumn('person_name', 'text', (c) => c.notNull())
    .addColumn('staff_role', 'text', (c) => c.notNull())
    .addColumn('qualification', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    // Training records as a JSON array of {course, completedOn, certificateNo}: read and written with the person.
    .addColumn('trainings', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.createIndex('quality_staff_enterprise_idx').on('quality_staff').column('enterprise_id').execute();

  if (t.pg) {
    await db.schema
      .createTable('enterprise_search')
      .addColumn('enterprise_id', 'text', (c) => c.primaryKey().references('enterprises.id'))
      .addColumn('norm', 'text', (c) => c.notNull())
      .addColumn('grams', sql`text[]`, (c) => c.notNull())
      .execute();
    await sql`create index enterprise_search_grams_idx on enterprise_search using gin (grams)`.execute(db);
    // Three characters and more: a trigram index on the normalised text finds a 3-character query
    // by one trigram, where the 2-gram array would intersect two (one of them often common).
    await sql`create extension if not exists pg_trgm schema public`.execute(db);
    await sql`create index enterprise_search_trgm_idx on enterprise_search using gin (norm public.gin_trgm_ops)`.execute(db);
  } else {
    // rowid is the FTS5 row; the unique enterprise_id finds it again on update.
    await sql`create table enterprise_search (rowid integer primary key, enterprise_id text not null unique references enterprises(id), norm text not null, grams text not null)`.execute(
      db,
    );
    await sql`create virtual table enterprise_search_fts using fts5(grams, content='enterprise_search', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0')`.execute(
      db,
    );
    await sql`create trigger enterprise_search_ai after insert on enterprise_search begin
      insert into enterprise_search_fts(rowid, grams) values (new.rowid, new.grams); end`.execute(db);
    await sql`create trigger enterprise_search_ad after delete on enterprise_search begin
      insert into enterprise_search_fts(enterprise_search_fts, rowid, grams) values ('delete', old.rowid, old.grams); end`.execute(db);
    await sql`create trigger enterprise_search_au after update on enterprise_search begin
      insert into enterprise_search_fts(enterprise_search_fts, rowid, grams) values ('delete', old.rowid, old.grams);
      insert into enterprise_search_fts(rowid, grams) values (new.rowid, new.grams); end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  if (!t.pg) await sql`drop table enterprise_search_fts`.execute(db);
  for (const table of [
    'enterprise_search',
    'quality_staff',
    'licences',
    'certifications',
    'product_standards',
    'products',
    'enterprise_yearly_figures',
    'enterprise_associations',
    'enterprise_former_names',
    'enterprises',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
