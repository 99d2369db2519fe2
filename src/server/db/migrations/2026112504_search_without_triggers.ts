import { sql, type Kysely } from 'kysely';
import { columnTypes } from './dialect';

/**
 * SQLite: the FTS5 index of enterprise_search is written by the code that writes the table
 * (db/portable.ts), not by triggers. A trigger running one FTS5 insert per row made an import of
 * 100,000 enterprises spend 3.5 s there instead of 0.8 s.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (columnTypes(db).pg) return;
  for (const trigger of ['enterprise_search_ai', 'enterprise_search_ad', 'enterprise_search_au'])
    await sql`drop trigger if exists ${sql.ref(trigger)}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (columnTypes(db).pg) return;
  await sql`create trigger enterprise_search_ai after insert on enterprise_search begin
    insert into enterprise_search_fts(rowid, grams) values (new.rowid, new.grams); end`.execute(db);
  await sql`create trigger enterprise_search_ad after delete on enterprise_search begin
    insert into enterprise_search_fts(enterprise_search_fts, rowid, grams) values ('delete', old.rowid, old.grams); end`.execute(db);
  await sql`create trigger enterprise_search_au after update on enterprise_search begin
    insert into enterprise_search_fts(enterprise_search_fts, rowid, grams) values ('delete', old.rowid, old.grams);
    insert into enterprise_search_fts(rowid, grams) values (new.rowid, new.grams); end`.execute(db);
}
