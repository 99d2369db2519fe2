import { sql, type Kysely } from 'kysely';
import { zhSortKey } from '../sort-key';
import { columnTypes } from './dialect';

/**
 * The archive lists names in pinyin order (安 an, 北 bei, 郴 chen, 张 zhang, 资 zi).
 * PostgreSQL: ICU's Chinese collation "zh-x-icu" and an index in that order. A server built
 * without ICU gets a collation of that name copied from "C" (code-point order), so the same
 * queries run there, in a cruder order.
 * SQLite: a sort key beside each name in the search index (db/sort-key.ts), written where the
 * index is written; filled here for the names already stored. Uses the key function of db/, not
 * a frozen copy: a later change to the key must come with a migration that rewrites the keys.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (columnTypes(db).pg) {
    const icu = await sql<{ n: number }>`select count(*)::int as n from pg_collation where collname = 'zh-x-icu'`.execute(db);
    if (!icu.rows[0]!.n) await sql`create collation "zh-x-icu" from "C"`.execute(db);
    await sql`create index enterprises_name_zh_idx on enterprises (name collate "zh-x-icu", id) where deleted_at is null`.execute(db);
    return;
  }
  await db.schema.alterTable('enterprise_search').addColumn('name_key', 'text').execute();
  const rows = await sql<{
    id: string;
    name: string;
  }>`select e.id, e.name from enterprises e inner join enterprise_search s on s.enterprise_id = e.id`.execute(db);
  for (const r of rows.rows)
    await sql`update enterprise_search set name_key = ${zhSortKey(r.name)} where enterprise_id = ${r.id}`.execute(db);
  await sql`create index enterprise_search_name_key_idx on enterprise_search (name_key, enterprise_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (columnTypes(db).pg) {
    await sql`drop index if exists enterprises_name_zh_idx`.execute(db);
    return;
  }
  await sql`drop index if exists enterprise_search_name_key_idx`.execute(db);
  await db.schema.alterTable('enterprise_search').dropColumn('name_key').execute();
}
