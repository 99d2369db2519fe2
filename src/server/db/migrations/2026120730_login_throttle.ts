import type { Kysely } from 'kysely';
import { columnTypes } from './dialect';

/**
 * Failed sign-ins per account name as typed and per source address: a lock-out holds one source
 * off one account, so nobody can lock an officer (or the admin) out from elsewhere, and an
 * unknown account name is counted and locked like a real one, telling nothing of which exist.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('login_throttle')
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failed_at', t.instant, (c) => c.notNull())
    .addColumn('locked_until', t.instant)
    .addPrimaryKeyConstraint('login_throttle_pk', ['username', 'source'])
    .execute();
  // Old rows are purged by age.
  await db.schema.createIndex('login_throttle_last_failed_idx').on('login_throttle').column('last_failed_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_throttle').execute();
}
