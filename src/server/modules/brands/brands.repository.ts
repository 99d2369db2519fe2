import type { Db } from '../../db/database';
import { bool } from '../../db/portable';
import { AppError } from '../../errors';
import { addYears } from '../../lib/dates';

/** A programme that still takes entries, or 400 unknown_programme. */
export async function activeProgramme(db: Db, code: string) {
  const programme = await db
    .selectFrom('brand_programmes')
    .selectAll()
    .where('code', '=', code)
    .where('active', '=', bool(true))
    .executeTakeFirst();
  if (!programme) throw new AppError('unknown_programme');
  return programme;
}

/** A programme whatever its state. */
export function findProgramme(db: Db, code: string) {
  return db.selectFrom('brand_programmes').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Programme names by code. */
export async function programmeNames(db: Db): Promise<Map<string, string>> {
  return new Map((await db.selectFrom('brand_programmes').select(['code', 'name']).execute()).map((p) => [p.code, p.name]));
}

/** The enterprise's live archive products with these ids, or 400 when any is not one of them. */
export async function ownProducts(db: Db, enterpriseId: string, ids: readonly string[]) {
  const products = ids.length
    ? await db
        .selectFrom('products')
        .select(['id', 'name'])
        .where('enterprise_id', '=', enterpriseId)
        .where('deleted_at', 'is', null)
        .where('id', 'in', [...ids])
        .execute()
    : [];
  if (products.length !== ids.length)
    throw new AppError('validation_failed', [{ path: 'body/productIds', message: '只能选择该企业档案中的产品' }]);
  return products;
}

/**
 * The date the enterprise was last granted this programme within the programme's
 * re-application bar before `on` (省长质量奖: none for 6 years after winning), or null.
 */
export async function grantWithinBar(
  db: Db,
  programme: { code: string; reapply_bar_years: number | null },
  enterpriseId: string,
  on: string,
): Promise<string | null> {
  if (!programme.reapply_bar_years) return null;
  const row = await db
    .selectFrom('honours')
    .select('granted_on')
    .where('programme_code', '=', programme.code)
    .where('enterprise_id', '=', enterpriseId)
    .where('granted_on', '>', addYears(on, -programme.reapply_bar_years))
    .orderBy('granted_on', 'desc')
    .executeTakeFirst();
  return row?.granted_on ?? null;
}
