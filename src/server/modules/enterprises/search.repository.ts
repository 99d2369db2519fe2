import { sql, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { insertChunked } from '../../db/bulk';
import { dialectOf } from '../../db/portable';
import { zhSortKey } from '../../db/sort-key';

/*
 * The search index. PostgreSQL: enterprise_search with a GIN-indexed text[] of grams (and a
 * trigram index on norm). SQLite: enterprise_search holds the documents and enterprise_search_fts
 * (FTS5, external content) indexes them; these functions keep the two in step themselves, because
 * per-row triggers made bulk writes several times slower.
 */

/** The FTS5 entry of a stored document, taken out before the document changes or goes. */
async function unindexSqlite(trx: Kysely<any>, enterpriseId: string): Promise<void> {
  await sql`insert into enterprise_search_fts(enterprise_search_fts, rowid, grams)
    select 'delete', rowid, grams from enterprise_search where enterprise_id = ${enterpriseId}`.execute(trx);
}

/** Takes a (soft-)deleted enterprise out of search: the index holds live enterprises only. */
export async function removeEnterpriseSearch(trx: Kysely<any>, enterpriseId: string): Promise<void> {
  if (dialectOf(trx) === 'sqlite') await unindexSqlite(trx, enterpriseId);
  await trx.deleteFrom('enterprise_search').where('enterprise_id', '=', enterpriseId).execute();
}

/** Stores (or replaces) an enterprise's search document: name, former names, USCC; and, on SQLite, its name's sort key. */
export async function writeEnterpriseSearch(
  trx: Kysely<any>,
  enterpriseId: string,
  name: string,
  doc: { norm: string; gramText: string; grams: string[] },
): Promise<void> {
  if (dialectOf(trx) === 'postgres') {
    await trx
      .insertInto('enterprise_search')
      .values({ enterprise_id: enterpriseId, norm: doc.norm, grams: doc.grams })
      .onConflict((oc) => oc.column('enterprise_id').doUpdateSet({ norm: doc.norm, grams: doc.grams }))
      .execute();
    return;
  }
  await removeEnterpriseSearch(trx, enterpriseId);
  await insertEnterpriseSearch(trx, [{ enterpriseId, name, doc }]);
}

/** The search documents of new enterprises, many at once (an import's chunk). */
export async function insertEnterpriseSearch(
  trx: Kysely<any>,
  docs: { enterpriseId: string; name: string; doc: { norm: string; gramText: string; grams: string[] } }[],
): Promise<void> {
  const pg = dialectOf(trx) === 'postgres';
  const rows = docs.map(({ enterpriseId, name, doc }) =>
    pg
      ? { enterprise_id: enterpriseId, norm: doc.norm, grams: doc.grams }
      : { enterprise_id: enterpriseId, norm: doc.norm, grams: doc.gramText, name_key: zhSortKey(name) },
  );
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    if (pg) {
      await insertChunked(trx, 'enterprise_search', chunk);
      continue;
    }
    // New rows get rowids above the current largest (the writer holds the database): index those.
    const { last } = (await sql<{ last: number }>`select coalesce(max(rowid), 0) as last from enterprise_search`.execute(trx)).rows[0]!;
    await insertChunked(trx, 'enterprise_search', chunk);
    await sql`insert into enterprise_search_fts(rowid, grams) select rowid, grams from enterprise_search where rowid > ${last}`.execute(
      trx,
    );
  }
}

/**
 * Enterprises whose name, former names or USCC contain `norm` (normalised, ≥ 2 characters),
 * as rows (enterprise_id, search_key) in the search index's own order, so a page of a common
 * term stops after its first rows instead of collecting every match. Candidates come from the
 * gram index; the exact substring is then confirmed on the normalised text.
 * search_key is the FTS5 rowid on SQLite, the enterprise id (UUIDv7, creation order) on PostgreSQL.
 * `sparse`: the term is known to match few enterprises (the count stopped short of its cap).
 */
export function enterpriseSearchSource(db: Kysely<any>, norm: string, grams: string[], afterKey?: string | number, sparse = false) {
  // A single gram is exact: grams are every 2-character window inside a field.
  const exact = grams.length === 1;
  if (dialectOf(db) === 'postgres') {
    let q = db
      .selectFrom('enterprise_search as s')
      .select([sql<string>`s.enterprise_id`.as('enterprise_id'), sql<string | number>`s.enterprise_id`.as('search_key')]);
    if (afterKey !== undefined) q = q.where(sql<SqlBool>`s.enterprise_id > ${afterKey}`);
    // 2 characters: the gram array (exact); 3 and more: the trigram index (LIKE is exact too).
    const matching = exact ? q.where(sql<SqlBool>`s.grams @> ${grams}::text[]`) : q.where(sql<SqlBool>`s.norm like ${`%${norm}%`}`);
    // A rare term: collect its few matches from the GIN index, then sort them. Without the fence
    // (OFFSET 0) the planner walks the primary key in order and filters, which for a term that a
    // few hundred of a million enterprises have reads a hundred thousand rows to fill one page.
    return sparse ? db.selectFrom(matching.offset(0).as('s')).select(['s.enterprise_id', 's.search_key']) : matching;
  }
  const phrase = `"${grams.join(' ')}"`;
  let q = db
    .selectFrom(sql`enterprise_search_fts`.as('f'))
    .innerJoin('enterprise_search as s', (join) => join.on(sql<SqlBool>`s.rowid = f.rowid`))
    .select([sql<string>`s.enterprise_id`.as('enterprise_id'), sql<string | number>`f.rowid`.as('search_key')])
    .where(sql<SqlBool>`enterprise_search_fts match ${phrase}`);
  if (afterKey !== undefined) q = q.where(sql<SqlBool>`f.rowid > ${afterKey}`);
  return exact ? q : q.where(sql<SqlBool>`instr(s.norm, ${norm}) > 0`);
}

/**
 * Enterprises in pinyin order of their names, after the keyset cursor [name, id] when given.
 * PostgreSQL compares the names under ICU's Chinese collation; SQLite compares their sort keys
 * (kept beside the search document, which every live enterprise has), the cursor's name keyed alike.
 */
export function orderByEnterpriseName<DB, TB extends keyof DB, O>(
  db: Kysely<any>,
  q: SelectQueryBuilder<DB, TB, O>,
  desc: boolean,
  after?: [name: string, id: string],
): SelectQueryBuilder<DB, TB, O> {
  const pg = dialectOf(db) === 'postgres';
  const key = pg ? sql`enterprises.name collate "zh-x-icu"` : sql`name_order.name_key`;
  const joined = (
    pg
      ? q
      : (q as SelectQueryBuilder<any, any, O>).innerJoin('enterprise_search as name_order', 'name_order.enterprise_id', 'enterprises.id')
  ) as SelectQueryBuilder<any, any, O>;
  const dir = desc ? sql`desc` : sql`asc`;
  // The id as the index holds it beside the key, so a page walks the index.
  const id = pg ? sql`enterprises.id` : sql`name_order.enterprise_id`;
  let ordered = joined.orderBy(sql`${key} ${dir}`).orderBy(sql`${id} ${dir}`);
  if (after) {
    const [name, lastId] = after;
    const value = pg ? sql`${name} collate "zh-x-icu"` : sql`${zhSortKey(name)}`;
    const op = sql.raw(desc ? '<' : '>');
    ordered = ordered.where(sql<SqlBool>`(${key} ${op} ${value} or (${key} = ${value} and ${id} ${op} ${lastId}))`);
  }
  return ordered as SelectQueryBuilder<DB, TB, O>;
}

/** A search_key from a cursor, typed as the dialect compares it. */
export function searchKeyValue(db: Kysely<any>, key: string): string | number | null {
  if (dialectOf(db) === 'postgres') return key;
  return /^[0-9]{1,15}$/.test(key) ? Number(key) : null;
}
