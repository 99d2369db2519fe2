import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../db/database';
import { bool } from '../../db/portable';
import type { HonourStatus } from './validity';
import type { HonourTable } from './honours.table';
import { whereInRegions } from '../../authz/region-scope';

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

/**
 * The honours a reward may be proposed for: a rule of the programme in force in the grant's year
 * (rules apply from their year on) and no reward yet. Two small reads for a page of honours.
 */
export async function rewardable(
  db: Kysely<Database>,
  rows: Pick<HonourRow, 'id' | 'programme_code' | 'granted_on'>[],
): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const firstRule = new Map(
    (
      await db
        .selectFrom('reward_rules')
        .select(['programme_code', (eb) => eb.fn.min('year').as('first')])
        .where('programme_code', 'in', [...new Set(rows.map((r) => r.programme_code))])
        .groupBy('programme_code')
        .execute()
    ).map((r) => [r.programme_code, Number(r.first)]),
  );
  const rewarded = new Set(
    (
      await db
        .selectFrom('rewards')
        .select('honour_id')
        .where(
          'honour_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    ).map((r) => r.honour_id),
  );
  return new Set(
    rows
      .filter((r) => !rewarded.has(r.id) && (firstRule.get(r.programme_code) ?? Infinity) <= Number(r.granted_on.slice(0, 4)))
      .map((r) => r.id),
  );
}

export interface HonourFilter {
  programmeCode?: string;
  enterpriseId?: string;
  regions?: readonly string[];
  status?: HonourStatus;
  expiringBy?: string;
  reviewDueBy?: string;
}

/**
 * In force on `day`: granted by then, not revoked by then, and valid through it or with no end.
 * For today the first two hold of every honour not revoked (grants and revocations are never
 * dated ahead); the targets read past year-ends with the same rule.
 */
export const inForce = (day: string, alias = 'h') => {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  return sql<boolean>`${col('granted_on')} <= ${day} and (${col('revoked_on')} is null or ${col('revoked_on')} > ${day}) and (${col('valid_until')} is null or ${col('valid_until')} >= ${day})`;
};

/** The register, newest grant first, filtered; `status` reads the dates as of `today`. */
export async function listHonours(
  db: Kysely<Database>,
  filter: HonourFilter,
  today: string,
  limit: number,
  after?: [string, string],
): Promise<HonourRow[]> {
  let q = honoursWithNames(db);
  if (filter.programmeCode) q = q.where('h.programme_code', '=', filter.programmeCode);
  if (filter.enterpriseId) q = q.where('h.enterprise_id', '=', filter.enterpriseId);
  q = whereInRegions(q, 'h.region_code', filter.regions);
  if (filter.status === 'active') q = q.where(inForce(today));
  if (filter.status === 'revoked') q = q.where('h.revoked_on', 'is not', null);
  if (filter.status === 'expired' || filter.status === 'historical') {
    q = q
      .where('h.revoked_on', 'is', null)
      .where('h.valid_until', '<', today)
      .where('p.running', '=', bool(filter.status === 'expired'));
  }
  if (filter.expiringBy) q = q.where(inForce(today)).where('h.valid_until', '<=', filter.expiringBy);
  // Due, or overdue: the honour lapses the day before the review, which renews it.
  if (filter.reviewDueBy)
    q = q.where('h.revoked_on', 'is', null).where('p.running', '=', bool(true)).where('h.next_review_on', '<=', filter.reviewDueBy);
  if (after) q = q.where(sql<boolean>`(h.granted_on, h.id) < (${after[0]}, ${after[1]})`);
  return (await q.orderBy('h.granted_on', 'desc').orderBy('h.id', 'desc').limit(limit).execute()) as HonourRow[];
}

/** Honours in force of programmes that may show a public badge, newest first. */
export async function publicHonours(db: Kysely<Database>, today: string, programmeCode?: string) {
  let q = honoursWithNames(db).select('p.level as programme_level').where('p.public_badge', '=', bool(true)).where(inForce(today));
  if (programmeCode) q = q.where('h.programme_code', '=', programmeCode);
  return q.orderBy('h.granted_on', 'desc').limit(500).execute();
}

/**
 * The archive's 名牌产品 flag follows the register: a product is a brand product while a
 * product-brand honour naming it is in force. Answers the products whose flag must change —
 * among `productIds` when given, else among all.
 */
export async function brandFlagChanges(
  db: Kysely<Database>,
  today: string,
  productIds?: readonly string[],
): Promise<{ id: string; brand: boolean }[]> {
  const among = productIds ? new Set(productIds) : null;
  if (among?.size === 0) return [];
  const honours = await db
    .selectFrom('honours as h')
    .innerJoin('brand_programmes as p', 'p.code', 'h.programme_code')
    .select('h.product_ids')
    .where('p.kind', '=', 'product_brand')
    .where(inForce(today))
    .execute();
  const branded = new Set(honours.flatMap((h) => JSON.parse(h.product_ids) as string[]).filter((id) => !among || among.has(id)));
  let flaggedQuery = db.selectFrom('products').select('id').where('brand_product', '=', bool(true)).where('deleted_at', 'is', null);
  if (among) flaggedQuery = flaggedQuery.where('id', 'in', [...among]);
  const flagged = await flaggedQuery.execute();
  const lose = flagged.filter((p) => !branded.has(p.id)).map((p) => ({ id: p.id, brand: false }));
  const flaggedIds = new Set(flagged.map((p) => p.id));
  const gain = [...branded].filter((id) => !flaggedIds.has(id)).map((id) => ({ id, brand: true }));
  return [...gain, ...lose];
}

/** One honour with its names; with `regions` (a county officer's reach), only theirs. */
export async function findHonour(db: Kysely<Database>, id: string, regions: readonly string[] | undefined): Promise<HonourRow | undefined> {
  let q = honoursWithNames(db).where('h.id', '=', id);
  q = whereInRegions(q, 'h.region_code', regions);
  return (await q.executeTakeFirst()) as HonourRow | undefined;
}

export interface NewHonour {
  id: string;
  programmeCode: string;
  enterpriseId: string;
  regionCode: string;
  productIds: string[];
  title: string;
  certificateNo: string;
  authority: string;
  caseNo: string;
  mark: string;
  goodsClass: string;
  grantedOn: string;
  validUntil: string | null;
  nextReviewOn: string | null;
}
export async function insertHonour(db: Kysely<Database>, h: NewHonour, actorId: string | null, stamp: string): Promise<void> {
  await db
    .insertInto('honours')
    .values({
      id: h.id,
      programme_code: h.programmeCode,
      enterprise_id: h.enterpriseId,
      region_code: h.regionCode,
      product_ids: JSON.stringify(h.productIds),
      title: h.title,
      certificate_no: h.certificateNo,
      authority: h.authority,
      case_no: h.caseNo,
      mark: h.mark,
      goods_class: h.goodsClass,
      granted_on: h.grantedOn,
      valid_until: h.validUntil,
      next_review_on: h.nextReviewOn,
      revoked_on: null,
      revoke_reason: '',
      version: 1,
      created_at: stamp,
      updated_at: stamp,
      created_by: actorId,
    })
    .execute();
}

/** What a revocation or a review changes on an honour. */
export type HonourChanges = { revoked_on: string; revoke_reason: string } | { valid_until: string | null; next_review_on: string | null };

/** Applies changes if the honour is still at `version`; false when another write came first. */
export async function updateHonour(db: Kysely<Database>, id: string, version: number, changes: HonourChanges): Promise<boolean> {
  const updated = await db
    .updateTable('honours')
    .set({ ...changes, version: version + 1, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

export async function insertHonourReview(
  db: Kysely<Database>,
  r: { id: string; honourId: string; dueOn: string; reviewedOn: string; passed: boolean; note: string; actorId: string | null; at: string },
): Promise<void> {
  await db
    .insertInto('honour_reviews')
    .values({
      id: r.id,
      honour_id: r.honourId,
      due_on: r.dueOn,
      reviewed_on: r.reviewedOn,
      passed: bool(r.passed),
      note: r.note,
      actor_id: r.actorId,
      at: r.at,
    })
    .execute();
}

/** Sets a product's 名牌产品 flag. */
export async function setBrandFlag(db: Kysely<Database>, productId: string, brand: boolean): Promise<void> {
  await db
    .updateTable('products')
    .set({ brand_product: bool(brand), updated_at: new Date().toISOString() })
    .where('id', '=', productId)
    .execute();
}
