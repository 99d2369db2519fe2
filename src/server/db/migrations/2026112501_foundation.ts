import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { columnTypes } from './dialect';
import { REGIONS, INDUSTRIES, DEPARTMENTS, PRODUCT_CATEGORIES } from './2026112501_foundation.seed';

/** Reference data, users, sessions and the audit log. */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const now = new Date().toISOString();

  // Columns every editable reference table has.
  const referenceTable = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('active', t.bool, (c) => c.notNull().defaultTo(t.true))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addColumn('created_by', 'text');

  await referenceTable('regions')
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text', (c) => c.references('regions.code'))
    .execute();
  await referenceTable('industries')
    .addColumn('is_key', t.bool, (c) => c.notNull().defaultTo(t.false))
    .execute();
  await referenceTable('departments').execute();
  await referenceTable('product_categories')
    .addColumn('group_name', 'text', (c) => c.notNull())
    .addColumn('industry_code', 'text', (c) => c.notNull().references('industries.code'))
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.references('regions.code'))
    .addColumn('department_code', 'text', (c) => c.references('departments.code'))
    // No foreign key yet: the enterprise archive arrives in a later migration.
    .addColumn('enterprise_id', 'text')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('must_change_password', t.bool, (c) => c.notNull().defaultTo(t.true))
    .addColumn('disabled', t.bool, (c) => c.notNull().defaultTo(t.false))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', t.instant)
    .addColumn('last_login_at', t.instant)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('users_region_idx').on('users').column('region_code').execute();

  await db.schema
    .createTable('sessions')
    // sha256 of the cookie token: a leaked table does not hand out live sessions.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('last_seen_at', t.instant, (c) => c.notNull())
    .addColumn('expires_at', t.instant, (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('revoked_at', t.instant)
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', t.bigint, (c) => c.notNull().unique())
    .addColumn('at', t.instant, (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    // Text, not jsonb: the hash covers these exact strings.
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('ip', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_subject_idx').on('audit_events').columns(['subject_type', 'subject_id']).execute();
  await db.schema.createIndex('audit_actor_idx').on('audit_events').column('actor_id').execute();
  await db.schema.createIndex('audit_at_idx').on('audit_events').column('at').execute();

  // Seeded reference data. Ids are random UUIDs: these rows predate any app code.
  const base = (i: number) => ({
    id: randomUUID(),
    sort_order: (i + 1) * 10,
    active: t.true,
    version: 1,
    created_at: now,
    updated_at: now,
    created_by: null,
  });
  await db
    .insertInto('regions')
    .values(REGIONS.map((r, i) => ({ ...base(i), ...r })))
    .execute();
  await db
    .insertInto('industries')
    .values(INDUSTRIES.map((r, i) => ({ ...base(i), ...r, is_key: r.is_key ? t.true : t.false })))
    .execute();
  await db
    .insertInto('departments')
    .values(DEPARTMENTS.map((r, i) => ({ ...base(i), ...r })))
    .execute();
  await db
    .insertInto('product_categories')
    .values(
      PRODUCT_CATEGORIES.map(([group_name, industry_code, name, name_en], i) => ({
        ...base(i),
        code: `PC${String(i + 1).padStart(3, '0')}`,
        group_name,
        industry_code,
        name,
        name_en,
      })),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['audit_events', 'sessions', 'users', 'product_categories', 'departments', 'industries', 'regions']) {
    await db.schema.dropTable(table).execute();
  }
}
