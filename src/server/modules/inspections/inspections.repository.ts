import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../../db/database';
import type { PRODUCT_FLAGS } from '../../../contract/schemas/inspections';
import { bool } from '../../db/portable';
import type { InspectionEventTable, InspectionTable } from './inspections.table';

type ProductFlag = (typeof PRODUCT_FLAGS)[number];

export type InspectionRow = Selectable<InspectionTable>;

/** Which cases an actor works on: all, or one county's. */
export interface CaseScope {
  regionCode?: string;
}

export async function findInspection(db: Kysely<Database>, id: string, scope: CaseScope): Promise<InspectionRow | undefined> {
  let q = db.selectFrom('inspections').selectAll().where('id', '=', id);
  if (scope.regionCode) q = q.where('region_code', '=', scope.regionCode);
  return q.executeTakeFirst();
}

export async function listInspections(
  db: Kysely<Database>,
  scope: CaseScope,
  filter: {
    planId?: string; state?: string; regionCode?: string; states?: readonly string[]; year?: number; categoryCode?: string; finalVerdict?: string;
    level?: string; place?: string; keyProduct?: ProductFlag; brandProduct?: ProductFlag;
    /** Earliest sampling first (the deadline board), instead of the newest. */
    oldestFirst?: boolean;
  },
  limit: number,
  after?: [sampledOn: string, id: string],
): Promise<InspectionRow[]> {
  let q = db.selectFrom('inspections').selectAll();
  if (after) q = q.where((eb) => eb.or([eb('sampled_on', '<', after[0]), eb.and([eb('sampled_on', '=', after[0]), eb('id', '<', after[1])])]));
  // The batches behind a statistic: its year, level, category, place, product flag and verdict.
  if (filter.year) q = q.where('year', '=', filter.year);
  if (filter.level) q = q.where('level', '=', filter.level);
  if (filter.place) q = q.where('place', '=', filter.place);
  for (const [flag, column] of [[filter.keyProduct, 'key_product'], [filter.brandProduct, 'brand_product']] as const) {
    if (flag === 'unlinked') q = q.where('product_id', 'is', null);
    else if (flag) q = q.where('product_id', 'in', db.selectFrom('products').select('id').where(column, '=', bool(flag === 'yes')));
  }
  if (filter.categoryCode) q = q.where('category_code', '=', filter.categoryCode);
  if (filter.finalVerdict) q = q.where('final_verdict', '=', filter.finalVerdict);
  if (scope.regionCode) q = q.where('region_code', '=', scope.regionCode);
  if (filter.regionCode) q = q.where('region_code', '=', filter.regionCode);
  if (filter.planId) q = q.where('plan_id', '=', filter.planId);
  if (filter.state) q = q.where('state', '=', filter.state);
  if (filter.states) q = q.where('state', 'in', [...filter.states]);
  const order = filter.oldestFirst ? 'asc' : 'desc';
  return q.orderBy('sampled_on', order).orderBy('id', order).limit(limit).execute();
}

/**
 * The producer's live archive product that was sampled: `productId` when it is the producer's,
 * else the only product with the sample's name and model (null when none or several).
 */
export async function archiveProductOf(db: Kysely<Database>, producerId: string, name: string, model: string, productId?: string): Promise<string | null> {
  let q = db.selectFrom('products').select('id').where('enterprise_id', '=', producerId).where('deleted_at', 'is', null);
  q = productId ? q.where('id', '=', productId) : q.where('name', '=', name).where('model', '=', model);
  const rows = await q.limit(2).execute();
  return rows.length === 1 ? rows[0]!.id : null;
}

/**
 * Earlier checks of the same product sampled in a period, with the level and department of
 * their plans: the input of the no-repeat rule. "The same product" (同一产品, Order No. 18) is
 * the same producer, standard, trademark and model. Where both checks name an archive product,
 * it is that product; otherwise the fields are compared, and only when at least one of standard,
 * trademark and model is filled in: blanks on both sides say nothing about the product.
 */
export async function earlierChecksOfProduct(
  db: Kysely<Database>,
  product: { productId: string | null; producerEnterpriseId: string | null; producerName: string; standardNo: string; brand: string; model: string },
  from: string,
  to: string,
) {
  const described = product.standardNo !== '' || product.brand !== '' || product.model !== '';
  if (!product.productId && !described) return [];
  return db
    .selectFrom('inspections as i')
    .innerJoin('inspection_plans as p', 'p.id', 'i.plan_id')
    .select(['i.id', 'i.sampled_on', 'p.level', 'p.department_code'])
    .where('i.state', '!=', 'refused')
    .where('i.sampled_on', '>=', from)
    .where('i.sampled_on', '<=', to)
    .where((eb) => {
      const sameFields = () =>
        eb.and([
          eb('i.standard_no', '=', product.standardNo),
          eb('i.brand', '=', product.brand),
          eb('i.model', '=', product.model),
          product.producerEnterpriseId
            ? eb.or([eb('i.producer_enterprise_id', '=', product.producerEnterpriseId), eb('i.producer_name', '=', product.producerName)])
            : eb('i.producer_name', '=', product.producerName),
        ]);
      if (!product.productId) return sameFields();
      const sameProduct = eb('i.product_id', '=', product.productId);
      return described ? eb.or([sameProduct, eb.and([eb('i.product_id', 'is', null), sameFields()])]) : sameProduct;
    })
    .execute();
}

/** One step on a case's timeline. */
export async function insertInspectionEvent(db: Kysely<Database>, event: Insertable<InspectionEventTable>): Promise<void> {
  await db.insertInto('inspection_events').values(event).execute();
}

/** The details (JSON) of the case's latest event of this action, if it has one. */
export async function lastEventDetails(db: Kysely<Database>, inspectionId: string, action: string): Promise<string | undefined> {
  const row = await db.selectFrom('inspection_events').select('details').where('inspection_id', '=', inspectionId).where('action', '=', action).orderBy('at', 'desc').orderBy('id', 'desc').executeTakeFirst();
  return row?.details;
}

/** Applies a workflow step at the version read; undefined when someone else moved the case first. */
export async function updateInspectionVersioned(db: Kysely<Database>, id: string, version: number, changes: Updateable<InspectionTable>): Promise<InspectionRow | undefined> {
  return db
    .updateTable('inspections')
    .set({ ...changes, version: version + 1, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function findPlan(db: Kysely<Database>, id: string) {
  return db.selectFrom('inspection_plans').selectAll().where('id', '=', id).executeTakeFirst();
}
