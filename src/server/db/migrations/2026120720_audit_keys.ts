import type { Kysely } from 'kysely';
import { columnTypes } from './dialect';

/**
 * The keyed audit chain: each new event names the key its HMAC was made with (null for the
 * plain SHA-256 events written before keying), and the chain's newest event is kept, signed,
 * in a table of its own, written in the same transaction as the event.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('audit_events').addColumn('key_id', 'text').execute();
  await db.schema
    .createTable('audit_head')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('seq', t.bigint, (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('mac', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_head').execute();
  await db.schema.alterTable('audit_events').dropColumn('key_id').execute();
}
