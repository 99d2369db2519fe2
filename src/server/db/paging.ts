import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';

export interface Page<Row> {
  rows: Row[];
  total: number;
  hasMore: boolean;
}

/**
 * Counts a filtered query, then reads one page of it: `page` adds the columns, the cursor
 * condition and the order. One row more than the limit is read to tell whether more follow.
 */
export async function countAndPage<DB, TB extends keyof DB, Row>(
  filtered: SelectQueryBuilder<DB, TB, object>,
  page: (q: SelectQueryBuilder<DB, TB, object>) => SelectQueryBuilder<DB, TB, Row>,
  limit: number,
): Promise<Page<Row>> {
  const totalRow = (await filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()) as { n: number | string };
  const rows = await page(filtered)
    .limit(limit + 1)
    .execute();
  return { rows: rows.slice(0, limit), total: Number(totalRow.n), hasMore: rows.length > limit };
}

/**
 * Counts a filtered query up to `cap` rows, so a common filter costs no more than a rare one:
 * the total, and whether there were more than the cap. Typed loosely: the count reads no column.
 */
export async function countCapped(
  db: Kysely<any>,
  filtered: SelectQueryBuilder<any, any, object>,
  cap: number,
): Promise<{ total: number; totalCapped: boolean }> {
  const counted = await db
    .selectFrom(
      filtered
        .select(sql`1`.as('one'))
        .limit(cap + 1)
        .as('c'),
    )
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(counted.n);
  return { total: Math.min(n, cap), totalCapped: n > cap };
}
