import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../db/database';
import { bool } from '../../db/portable';
import type { HonourStatus } from './validity';
import type { HonourTable } from './honours.table';

export type HonourRow = Selectable<HonourTable> & { programme_name: string; programme_running: unknown; enterprise_name: string };

/** Honours with their programme's name and state and the enterprise's name. */
export function honoursWithNames(db: Kysely<Database>) {
  return db
    .selectFrom('honours as h')
    .innerJoin('brand_programmes as p', 'p.code', 'h.programme_code')
    .innerJoin('enterprises as e', 'e.id', 'h.enterprise_id')
    .selectAll('h')
    .select(['p.name as programme_name', 'p.running as programme_running', 'e.name as enterprise_name']);
}

export interface HonourFilter {
  programmeCode?: string;
  enterpriseId?: string;
  regionCode?: string;
  status?: HonourStatus;
  expiringBy?: string;
}

/** The register, newest grant first, filtered; `status` reads the dates as of `today`. */
export async function listHonours(db: Kysely<Database>, filter: HonourFilter, today: string, limit: number, after?: [string, string]): Promise<HonourRow[]> {
  let q = honoursWithNames(db);
  if (filter.programmeCode) q = q.where('h.programme_code', '=', filter.programmeCode);
  if (filter.enterpriseId) q = q.where('h.enterprise_id', '=', filter.enterpriseId);
  if (filter.regionCode) q = q.where('h.region_code', '=', filter.regionCode);
  const inForce = sql<boolean>`h.revoked_on is null and (h.valid_until is null or h.valid_until >= ${today})`;
  if (filter.status === 'active') q = q.where(inForce);
  if (filter.status === 'revoked') q = q.where('h.revoked_on', 'is not', null);
  if (filter.status === 'expired' || filter.status === 'historical') {
    q = q.where('h.revoked_on', 'is', null).where('h.valid_until', '<', today).where('p.running', '=', bool(filter.status === 'expired'));
  }
  if (filter.expiringBy) q = q.where(inForce).where('h.valid_until', '<=', filter.expiringBy);
  if (after) q = q.where(sql<boolean>`(h.granted_on, h.id) < (${after[0]}, ${after[1]})`);
  return (await q.orderBy('h.granted_on', 'desc').orderBy('h.id', 'desc').limit(limit).execute()) as HonourRow[];
}

/**
 * The archive's 名牌产品 flag follows the register: a product is a brand product while a
 * product-brand honour naming it is in force. Answers the products whose flag must change.
 */
export async function brandFlagChanges(db: Kysely<Database>, today: string): Promise<{ id: string; brand: boolean }[]> {
  const honours = await db
    .selectFrom('honours as h')
    .innerJoin('brand_programmes as p', 'p.code', 'h.programme_code')
    .select('h.product_ids')
    .where('p.kind', '=', 'product_brand')
    .where('h.revoked_on', 'is', null)
    .where((eb) => eb.or([eb('h.valid_until', 'is', null), eb('h.valid_until', '>=', today)]))
    .execute();
  const branded = new Set(honours.flatMap((h) => JSON.parse(h.product_ids) as string[]));
  const flagged = await db.selectFrom('products').select('id').where('brand_product', '=', bool(true)).where('deleted_at', 'is', null).execute();
  const lose = flagged.filter((p) => !branded.has(p.id)).map((p) => ({ id: p.id, brand: false }));
  const flaggedIds = new Set(flagged.map((p) => p.id));
  const gain = [...branded].filter((id) => !flaggedIds.has(id)).map((id) => ({ id, brand: true }));
  return [...gain, ...lose];
}
