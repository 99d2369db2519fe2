import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../../db/database';
import type { CreatePlan, PRODUCT_FLAGS } from '../../../contract/schemas/inspections';
import { bool, toBool } from '../../db/portable';
import { uuidv7 } from '../../lib/ids';
import type { InspectionPlanTable, InspectionTable, TestingBodyTable } from './inspections.table';
import type { CaseChanges } from './workflow';
import { whereInRegions } from '../../authz/region-scope';

type ProductFlag = (typeof PRODUCT_FLAGS)[number];

export type InspectionRow = Selectable<InspectionTable>;
export type PlanRow = Selectable<InspectionPlanTable>;
export type TestingBodyRow = Selectable<TestingBodyTable>;

/** Which plans an actor sees: all, or (a county officer) those above the county and their own county's. */
export interface PlanScope {
  countyCode?: string;
}

/** Which cases an actor works on: all, or those of some regions (a county and the regions below it). */
export interface CaseScope {
  regions?: readonly string[];
}

export async function findInspection(db: Kysely<Database>, id: string, scope: CaseScope): Promise<InspectionRow | undefined> {
  let q = db.selectFrom('inspections').selectAll().where('id', '=', id);
  q = whereInRegions(q, 'region_code', scope.regions);
  return q.executeTakeFirst();
}

export async function listInspections(
  db: Kysely<Database>,
  scope: CaseScope,
  filter: {
    planId?: string;
    state?: string;
    regionCode?: string;
    states?: readonly string[];
    year?: number;
    categoryCode?: string;
    finalVerdict?: string;
    level?: string;
    place?: string;
    keyProduct?: ProductFlag;
    brandProduct?: ProductFlag;
    /** Earliest sampling first (the deadline board), instead of the newest. */
    oldestFirst?: boolean;
  },
  limit: number,
  after?: [sampledOn: string, id: string],
): Promise<InspectionRow[]> {
  let q = db.selectFrom('inspections').selectAll();
  if (after)
    q = q.where((eb) => eb.or([eb('sampled_on', '<', after[0]), eb.and([eb('sampled_on', '=', after[0]), eb('id', '<', after[1])])]));
  // The batches behind a statistic: its year, level, category, place, product flag and verdict.
  if (filter.year) q = q.where('year', '=', filter.year);
  if (filter.level) q = q.where('level', '=', filter.level);
  if (filter.place) q = q.where('place', '=', filter.place);
  for (const [flag, column] of [
    [filter.keyProduct, 'key_product'],
    [filter.brandProduct, 'brand_product'],
  ] as const) {
    if (flag === 'unlinked') q = q.where('product_id', 'is', null);
    else if (flag)
      q = q.where(
        'product_id',
        'in',
        db
          .selectFrom('products')
          .select('id')
          .where(column, '=', bool(flag === 'yes')),
      );
  }
  if (filter.categoryCode) q = q.where('category_code', '=', filter.categoryCode);
  if (filter.finalVerdict) q = q.where('final_verdict', '=', filter.finalVerdict);
  q = whereInRegions(q, 'region_code', scope.regions);
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
export async function archiveProductOf(
  db: Kysely<Database>,
  producerId: string,
  name: string,
  model: string,
  productId?: string,
): Promise<string | null> {
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
  product: {
    productId: string | null;
    producerEnterpriseId: string | null;
    producerName: string;
    standardNo: string;
    brand: string;
    model: string;
  },
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
export interface CaseEvent {
  inspectionId: string;
  action: string;
  on: string;
  stateAfter: string;
  details: Record<string, unknown>;
  actorId: string | null;
  /** When it was recorded; now by default. */
  at?: string;
}

export async function insertInspectionEvent(db: Kysely<Database>, e: CaseEvent): Promise<void> {
  await db
    .insertInto('inspection_events')
    .values({
      id: uuidv7(),
      inspection_id: e.inspectionId,
      action: e.action,
      on_date: e.on,
      state_after: e.stateAfter,
      details: JSON.stringify(e.details),
      actor_id: e.actorId,
      at: e.at ?? new Date().toISOString(),
    })
    .execute();
}

/** A case's timeline, oldest first. */
export async function listCaseEvents(db: Kysely<Database>, inspectionId: string) {
  const rows = await db
    .selectFrom('inspection_events')
    .selectAll()
    .where('inspection_id', '=', inspectionId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((e) => ({
    action: e.action,
    on: e.on_date,
    stateAfter: e.state_after,
    details: JSON.parse(e.details) as unknown,
    actorId: e.actor_id,
    at: e.at,
  }));
}

/** A case's tested items, initial test then re-test, in their order. */
export async function listCaseItems(db: Kysely<Database>, inspectionId: string) {
  const rows = await db
    .selectFrom('inspection_items')
    .selectAll()
    .where('inspection_id', '=', inspectionId)
    .orderBy('stage')
    .orderBy('seq')
    .execute();
  return rows.map((i) => ({
    stage: i.stage,
    seq: i.seq,
    item: i.item,
    requirement: i.requirement,
    measured: i.measured,
    passed: toBool(i.passed),
    severity: i.severity,
  }));
}

/** The items of one test (initial or re-test), in the order entered. */
export async function insertCaseItems(
  db: Kysely<Database>,
  inspectionId: string,
  stage: 'initial' | 'recheck',
  items: readonly { item: string; requirement?: string; measured?: string; passed?: boolean; severity?: string }[],
): Promise<void> {
  if (!items.length) return;
  await db
    .insertInto('inspection_items')
    .values(
      items.map((it, seq) => ({
        id: uuidv7(),
        inspection_id: inspectionId,
        stage,
        seq,
        item: it.item,
        requirement: it.requirement ?? '',
        measured: it.measured ?? '',
        passed: bool(it.passed === true),
        severity: it.severity ?? 'general',
      })),
    )
    .execute();
}

/** The details (JSON) of the case's latest event of this action, if it has one. */
export async function lastEventDetails(db: Kysely<Database>, inspectionId: string, action: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('inspection_events')
    .select('details')
    .where('inspection_id', '=', inspectionId)
    .where('action', '=', action)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.details;
}

/** Workflow changes (camelCase) → columns. */
const CHANGE_COLUMNS: Record<keyof CaseChanges, keyof InspectionTable> = {
  state: 'state',
  verdict: 'verdict',
  finalVerdict: 'final_verdict',
  reportOn: 'report_on',
  testingBodyId: 'testing_body_id',
  receivedOn: 'received_on',
  objectionUntil: 'objection_until',
  objectionFiledOn: 'objection_filed_on',
  recheckBodyId: 'recheck_body_id',
  recheckPayer: 'recheck_payer',
  rectificationOrderedOn: 'rectification_ordered_on',
  rectificationDue: 'rectification_due',
  firstReviewDue: 'first_review_due',
  announcedOn: 'announced_on',
  secondReviewFrom: 'second_review_from',
  secondReviewUntil: 'second_review_until',
  closedOn: 'closed_on',
};

/** Applies a workflow step (and the report number a result brings) at the version read; undefined when someone else moved the case first. */
export async function applyCaseChanges(
  db: Kysely<Database>,
  id: string,
  version: number,
  changes: CaseChanges,
  reportNo?: string,
): Promise<InspectionRow | undefined> {
  const set = Object.fromEntries(
    Object.entries(changes).map(([k, v]) => [CHANGE_COLUMNS[k as keyof CaseChanges], v]),
  ) as Updateable<InspectionTable>;
  return updateInspectionVersioned(db, id, version, reportNo === undefined ? set : { ...set, report_no: reportNo });
}

/** Applies a workflow step at the version read; undefined when someone else moved the case first. */
export async function updateInspectionVersioned(
  db: Kysely<Database>,
  id: string,
  version: number,
  changes: Updateable<InspectionTable>,
): Promise<InspectionRow | undefined> {
  return db
    .updateTable('inspections')
    .set({ ...changes, version: version + 1, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function findPlan(db: Kysely<Database>, id: string): Promise<PlanRow | undefined> {
  return db.selectFrom('inspection_plans').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The plans in scope, newest year first. */
export async function listPlans(db: Kysely<Database>, scope: PlanScope, year?: number): Promise<PlanRow[]> {
  let q = db.selectFrom('inspection_plans').selectAll();
  if (year) q = q.where('year', '=', year);
  const county = scope.countyCode;
  if (county !== undefined) q = q.where((eb) => eb.or([eb('level', '!=', 'county'), eb('region_code', '=', county)]));
  return q.orderBy('year', 'desc').orderBy('created_at', 'desc').execute();
}

export async function insertPlan(db: Kysely<Database>, actorId: string | null, input: CreatePlan): Promise<PlanRow> {
  const now = new Date().toISOString();
  const row = {
    id: uuidv7(),
    year: input.year,
    level: input.level,
    title: input.title.trim(),
    department_code: input.departmentCode,
    region_code: input.regionCode,
    categories: JSON.stringify(input.categories),
    version: 1,
    created_at: now,
    updated_at: now,
    created_by: actorId,
  };
  await db.insertInto('inspection_plans').values(row).execute();
  return row;
}

export async function findTestingBody(db: Kysely<Database>, id: string): Promise<TestingBodyRow | undefined> {
  return db.selectFrom('testing_bodies').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listTestingBodies(db: Kysely<Database>): Promise<TestingBodyRow[]> {
  return db.selectFrom('testing_bodies').selectAll().orderBy('name').execute();
}

/** A new, active testing body; a duplicate name or accreditation number throws the driver's unique violation. */
export async function insertTestingBody(
  db: Kysely<Database>,
  actorId: string | null,
  input: { name: string; accreditationNo: string; scope?: string },
): Promise<TestingBodyRow> {
  const now = new Date().toISOString();
  const row = {
    id: uuidv7(),
    name: input.name.trim(),
    accreditation_no: input.accreditationNo.trim(),
    scope: input.scope ?? '',
    active: bool(true),
    version: 1,
    created_at: now,
    updated_at: now,
    created_by: actorId,
  };
  await db.insertInto('testing_bodies').values(row).execute();
  return row;
}

/** What registering a sample records of it; the rest of the case starts empty. */
export interface NewCase {
  planId: string;
  year: number;
  level: string;
  productId: string | null;
  categoryCode: string;
  checkType: string;
  regionCode: string;
  sampledEnterpriseId: string | null;
  sampledUnitName: string;
  producerEnterpriseId: string | null;
  producerName: string;
  producerRegionCode: string | null;
  productName: string;
  brand: string;
  model: string;
  standardNo: string;
  batch: string;
  place: string;
  sampledOn: string;
  documentNo: string;
  samplers: string[];
  testQuantity: string;
  reserveQuantity: string;
  state: string;
}

/** The workflow's dates and findings a case has none of when it is created (registered or imported). */
export const WORKFLOW_NOT_YET = {
  testing_body_id: null,
  report_no: null,
  report_on: null,
  received_on: null,
  objection_until: null,
  objection_filed_on: null,
  recheck_body_id: null,
  recheck_payer: null,
  rectification_ordered_on: null,
  rectification_due: null,
  first_review_due: null,
  announced_on: null,
  second_review_from: null,
  second_review_until: null,
  closed_on: null,
  published_on: null,
} as const;

export async function insertCase(db: Kysely<Database>, actorId: string | null, c: NewCase): Promise<InspectionRow> {
  const now = new Date().toISOString();
  const row = {
    id: uuidv7(),
    plan_id: c.planId,
    year: c.year,
    level: c.level,
    product_id: c.productId,
    testing_body_name: '',
    category_code: c.categoryCode,
    check_type: c.checkType,
    region_code: c.regionCode,
    sampled_enterprise_id: c.sampledEnterpriseId,
    sampled_unit_name: c.sampledUnitName,
    producer_enterprise_id: c.producerEnterpriseId,
    producer_name: c.producerName,
    producer_region_code: c.producerRegionCode,
    product_name: c.productName,
    brand: c.brand,
    model: c.model,
    standard_no: c.standardNo,
    batch: c.batch,
    place: c.place,
    sampled_on: c.sampledOn,
    document_no: c.documentNo,
    samplers: JSON.stringify(c.samplers),
    test_quantity: c.testQuantity,
    reserve_quantity: c.reserveQuantity,
    state: c.state,
    verdict: null,
    final_verdict: null,
    ...WORKFLOW_NOT_YET,
    import_id: null,
    remarks: '',
    parties: '[]',
    date_basis: 'sampled',
    listed: bool(true),
    version: 1,
    created_at: now,
    updated_at: now,
    created_by: actorId,
  };
  await db.insertInto('inspections').values(row).execute();
  return row;
}
