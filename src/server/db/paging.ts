import type { SelectQueryBuilder } from 'kysely';

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
  const rows = await page(filtered).limit(limit + 1).execute();
  return { rows: rows.slice(0, limit), total: Number(totalRow.n), hasMore: rows.length > limit };
}
