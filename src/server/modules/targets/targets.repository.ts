import { sql, type Selectable } from 'kysely';
import type { CreateIndicator } from '../../../contract/schemas/targets';
import type { Static } from 'typebox';
import type { Db } from '../../db/database';
import type { TargetPlanTable } from './targets.table';
import type { IndicatorRow } from './values';

/** A plan of targets over a span of years, as the service sees it. */
export interface PlanRecord {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  startYear: number;
  endYear: number;
  version: number;
}
/** An indicator's editable fields as the API names them. */
export type IndicatorFields = Omit<Static<typeof CreateIndicator>, 'code'>;

const planOf = (r: Selectable<TargetPlanTable>): PlanRecord => ({
  id: r.id,
  code: r.code,
  name: r.name,
  nameEn: r.name_en,
  startYear: r.start_year,
  endYear: r.end_year,
  version: r.version,
});

const COLUMNS: Record<keyof IndicatorFields, keyof IndicatorRow> = {
  section: 'section',
  name: 'name',
  nameEn: 'name_en',
  unit: 'unit',
  kind: 'kind',
  direction: 'direction',
  target: 'target',
  stretch: 'stretch',
  baselineYear: 'baseline_year',
  baselineValue: 'baseline_value',
  ownerDepartment: 'owner_department',
  frequency: 'frequency',
  source: 'source',
  calculator: 'calculator',
  reading: 'reading',
  compareCode: 'compare_code',
  reportRegions: 'report_regions',
  definition: 'definition',
};
/** The columns of some indicator fields: text trimmed, the calculator's settings as JSON. */
function indicatorColumns(fields: Partial<IndicatorFields>): Partial<IndicatorRow> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields))
    out[COLUMNS[field as keyof IndicatorFields]] =
      field === 'reading' ? JSON.stringify(value) : typeof value === 'string' ? value.trim() : value;
  return out as Partial<IndicatorRow>;
}

export async function findPlan(db: Db, id: string): Promise<PlanRecord | undefined> {
  const row = await db.selectFrom('target_plans').selectAll().where('id', '=', id).executeTakeFirst();
  return row && planOf(row);
}

/** Every plan, the latest first. */
export async function listPlans(db: Db): Promise<PlanRecord[]> {
  return (await db.selectFrom('target_plans').selectAll().orderBy('start_year', 'desc').execute()).map(planOf);
}

/** A plan's indicators in their order. */
export function planIndicators(db: Db, planId: string): Promise<IndicatorRow[]> {
  return db.selectFrom('plan_indicators').selectAll().where('plan_id', '=', planId).orderBy('sort_order').orderBy('code').execute();
}

export async function insertPlan(db: Db, plan: PlanRecord, actorId: string | null, now: string): Promise<void> {
  await db
    .insertInto('target_plans')
    .values({
      id: plan.id,
      code: plan.code,
      name: plan.name,
      name_en: plan.nameEn,
      start_year: plan.startYear,
      end_year: plan.endYear,
      version: plan.version,
      created_at: now,
      updated_at: now,
      created_by: actorId,
    })
    .execute();
}

/** Copies of indicators into another plan, each with a new id (from `newId`) as a first version. */
export async function copyIndicators(
  db: Db,
  indicators: IndicatorRow[],
  planId: string,
  newId: () => string,
  actorId: string | null,
  now: string,
): Promise<void> {
  if (!indicators.length) return;
  await db
    .insertInto('plan_indicators')
    .values(
      indicators.map((i) => ({ ...i, id: newId(), plan_id: planId, version: 1, created_at: now, updated_at: now, created_by: actorId })),
    )
    .execute();
}

export async function findIndicator(db: Db, id: string): Promise<IndicatorRow | undefined> {
  return db.selectFrom('plan_indicators').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A new indicator at the end of its plan; returns it as stored. */
export async function insertIndicator(
  db: Db,
  ids: { id: string; planId: string; code: string },
  fields: IndicatorFields,
  actorId: string | null,
  now: string,
): Promise<IndicatorRow> {
  const last = await db
    .selectFrom('plan_indicators')
    .select(sql<number>`max(sort_order)`.as('n'))
    .where('plan_id', '=', ids.planId)
    .executeTakeFirst();
  const row = {
    id: ids.id,
    plan_id: ids.planId,
    code: ids.code,
    ...indicatorColumns(fields),
    sort_order: Number(last?.n ?? 0) + 10,
    version: 1,
    created_at: now,
    updated_at: now,
    created_by: actorId,
  } as IndicatorRow;
  await db.insertInto('plan_indicators').values(row).execute();
  return row;
}

/** Changes some fields if the indicator is still `before`'s version; the indicator after, or undefined when another write came first. */
export async function updateIndicator(
  db: Db,
  before: IndicatorRow,
  version: number,
  fields: Partial<IndicatorFields>,
  now: string,
): Promise<IndicatorRow | undefined> {
  const changes = { ...indicatorColumns(fields), version: before.version + 1, updated_at: now };
  const updated = await db
    .updateTable('plan_indicators')
    .set(changes)
    .where('id', '=', before.id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 0 ? undefined : ({ ...before, ...changes } as IndicatorRow);
}

/** The reported indicator with this code in the latest plan that has it. */
export function latestReportedIndicator(db: Db, code: string): Promise<IndicatorRow | undefined> {
  return db
    .selectFrom('plan_indicators as i')
    .innerJoin('target_plans as p', 'p.id', 'i.plan_id')
    .selectAll('i')
    .where('i.code', '=', code)
    .where('i.source', '=', 'reported')
    .orderBy('p.start_year', 'desc')
    .executeTakeFirst();
}

/** The reported indicators of some plans, in their order. */
export function reportedIndicatorsOf(db: Db, planIds: string[]): Promise<IndicatorRow[]> {
  if (!planIds.length) return Promise.resolve([]);
  return db
    .selectFrom('plan_indicators')
    .selectAll()
    .where('plan_id', 'in', planIds)
    .where('source', '=', 'reported')
    .orderBy('sort_order')
    .execute();
}

/** Industry codes in their order (the columns of the industry matrix). */
export async function industryCodes(db: Db): Promise<string[]> {
  return (await db.selectFrom('industries').select('code').orderBy('sort_order').orderBy('code').execute()).map((r) => r.code);
}
