import { sql, type Selectable } from 'kysely';
import type { CreateScheme } from '../../../contract/schemas/assessments';
import type { Static } from 'typebox';
import type { Db } from '../../db/database';
import { bool } from '../../db/portable';
import { uuidv7 } from '../../lib/ids';
import type {
  AssessmentCountyTargetTable,
  AssessmentItemTable,
  AssessmentSchemeTable,
  AssessmentScoreTable,
  CountyAssessmentTable,
} from './assessments.table';
import { whereInRegions } from '../../authz/region-scope';

export type SchemeRow = Selectable<AssessmentSchemeTable>;
export type ItemRow = Selectable<AssessmentItemTable>;
export type CountyRow = Selectable<CountyAssessmentTable>;
export type TargetRow = Selectable<AssessmentCountyTargetTable>;
export type ScoreRow = Selectable<AssessmentScoreTable>;
type ItemInput = Static<typeof CreateScheme>['items'][number];

/** A scheme's settings as the API names them, defaults applied. */
export interface SchemeFields {
  name: string;
  planId: string;
  gradeA: number;
  gradeB: number;
  gradeC: number;
  minSample: number;
  smallSampleRule: string;
  targetsDueOn: string | null;
  selfDueOn: string | null;
  reviewDueOn: string | null;
}
const schemeColumns = (f: SchemeFields) => ({
  name: f.name,
  plan_id: f.planId,
  grade_a: f.gradeA,
  grade_b: f.gradeB,
  grade_c: f.gradeC,
  min_sample: f.minSample,
  small_sample_rule: f.smallSampleRule,
  targets_due_on: f.targetsDueOn,
  self_due_on: f.selfDueOn,
  review_due_on: f.reviewDueOn,
});

export function findScheme(db: Db, id: string): Promise<SchemeRow | undefined> {
  return db.selectFrom('assessment_schemes').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every scheme, the latest year first. */
export function listSchemes(db: Db): Promise<SchemeRow[]> {
  return db.selectFrom('assessment_schemes').selectAll().orderBy('year', 'desc').execute();
}

/** The items of some schemes in their order. */
export function itemsOf(db: Db, schemeIds: string[]): Promise<ItemRow[]> {
  if (!schemeIds.length) return Promise.resolve([]);
  return db.selectFrom('assessment_items').selectAll().where('scheme_id', 'in', schemeIds).orderBy('sort_order').execute();
}

/** A new draft scheme (a second scheme for the year fails on the unique key). */
export async function insertScheme(
  db: Db,
  s: { id: string; year: number; fields: SchemeFields; actorId: string | null; now: string },
): Promise<void> {
  await db
    .insertInto('assessment_schemes')
    .values({
      id: s.id,
      year: s.year,
      ...schemeColumns(s.fields),
      status: 'draft',
      version: 1,
      created_at: s.now,
      updated_at: s.now,
      created_by: s.actorId,
    })
    .execute();
}

/** Changes a scheme's settings, or its status, if it is still at `version`; false when another write came first. */
export async function updateScheme(
  db: Db,
  id: string,
  version: number,
  change: { fields: SchemeFields } | { status: string },
): Promise<boolean> {
  const set = 'fields' in change ? schemeColumns(change.fields) : { status: change.status };
  const updated = await db
    .updateTable('assessment_schemes')
    .set({ ...set, version: version + 1, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/** Replaces a scheme's items, numbered in the order given. */
export async function replaceItems(db: Db, schemeId: string, items: ItemInput[]): Promise<void> {
  await db.deleteFrom('assessment_items').where('scheme_id', '=', schemeId).execute();
  await db
    .insertInto('assessment_items')
    .values(
      items.map((i, n) => ({
        id: uuidv7(),
        scheme_id: schemeId,
        code: i.code,
        name: i.name.trim(),
        kind: i.kind,
        points: i.points,
        indicator_code: i.kind === 'indicator' ? (i.indicatorCode ?? null) : null,
        scoring: i.scoring ?? 'full_or_zero',
        steps: JSON.stringify(i.steps ?? []),
        guidance: i.guidance?.trim() ?? '',
        sort_order: (n + 1) * 10,
      })),
    )
    .execute();
}

/** The county targets of some schemes, in the order a scheme shows them. */
export function countyTargetsOf(db: Db, schemeIds: string[]) {
  if (!schemeIds.length) return Promise.resolve([]);
  return db
    .selectFrom('assessment_county_targets')
    .selectAll()
    .where('scheme_id', 'in', schemeIds)
    .orderBy('indicator_code')
    .orderBy('region_code')
    .execute();
}

/** Replaces a scheme's county targets with `targets`. */
export async function replaceCountyTargets(
  trx: Db,
  schemeId: string,
  targets: { regionCode: string; indicatorCode: string; target: number }[],
): Promise<void> {
  await trx.deleteFrom('assessment_county_targets').where('scheme_id', '=', schemeId).execute();
  if (targets.length)
    await trx
      .insertInto('assessment_county_targets')
      .values(targets.map((t) => ({ scheme_id: schemeId, region_code: t.regionCode, indicator_code: t.indicatorCode, target: t.target })))
      .execute();
}

/** Opens an assessment for each county, as a first version. */
export async function insertCountyAssessments(
  db: Db,
  schemeId: string,
  regionCodes: string[],
  actorId: string | null,
  now: string,
): Promise<void> {
  await db
    .insertInto('county_assessments')
    .values(
      regionCodes.map((code) => ({
        id: uuidv7(),
        scheme_id: schemeId,
        region_code: code,
        status: 'open',
        targets_filed_on: null,
        self_submitted_on: null,
        reviewed_on: null,
        total: null,
        grade: null,
        veto_reason: null,
        decision: null,
        reward: '',
        follow_up: '',
        version: 1,
        created_at: now,
        updated_at: now,
        created_by: actorId,
      })),
    )
    .execute();
}

/** A county's assessment; with `regionCode` (a county officer's scope), only that county's. */
export function findCounty(db: Db, id: string, regions: readonly string[] | null): Promise<CountyRow | undefined> {
  let q = db.selectFrom('county_assessments').selectAll().where('id', '=', id);
  q = whereInRegions(q, 'region_code', regions);
  return q.executeTakeFirst();
}

/** Every county's assessment under a scheme. */
export function countiesOf(db: Db, schemeId: string): Promise<CountyRow[]> {
  return db.selectFrom('county_assessments').selectAll().where('scheme_id', '=', schemeId).execute();
}

/** What a county step changes on its assessment. */
export type CountyChanges = Partial<
  Omit<CountyRow, 'id' | 'scheme_id' | 'region_code' | 'version' | 'created_at' | 'updated_at' | 'created_by'>
>;

/** Changes a county's assessment if it is still at `version`; false when another write came first. */
export async function updateCounty(db: Db, id: string, version: number, changes: CountyChanges): Promise<boolean> {
  const updated = await db
    .updateTable('county_assessments')
    .set({ ...changes, version: version + 1, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/** The scores of some counties' assessments. */
export function scoresOf(db: Db, countyIds: string[]): Promise<ScoreRow[]> {
  if (!countyIds.length) return Promise.resolve([]);
  return db.selectFrom('assessment_scores').selectAll().where('county_assessment_id', 'in', countyIds).execute();
}

/** Sets columns of a county's score of one item, creating the row the first time. */
export async function setScore(
  db: Db,
  countyId: string,
  itemId: string,
  set: Partial<Omit<ScoreRow, 'id' | 'county_assessment_id' | 'item_id'>>,
): Promise<void> {
  const found = await db
    .selectFrom('assessment_scores')
    .select('id')
    .where('county_assessment_id', '=', countyId)
    .where('item_id', '=', itemId)
    .executeTakeFirst();
  if (found) await db.updateTable('assessment_scores').set(set).where('id', '=', found.id).execute();
  else {
    await db
      .insertInto('assessment_scores')
      .values({
        id: uuidv7(),
        county_assessment_id: countyId,
        item_id: itemId,
        self_score: null,
        self_evidence: '',
        review_score: null,
        review_comment: '',
        final_value: null,
        final_points: null,
        ...set,
      })
      .execute();
  }
}

/** Region names by code (the export's county column). */
export async function regionNames(db: Db): Promise<Map<string, string>> {
  return new Map((await db.selectFrom('regions').select(['code', 'name']).execute()).map((r) => [r.code, r.name]));
}

/** The archive's above-scale enterprises (operating or suspended, not deregistered) per region: the draft's split weights. */
export async function aboveScaleByRegion(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('enterprises')
    .select(['region_code', sql<number>`count(*)`.as('n')])
    .where('above_scale', '=', bool(true))
    .where('deleted_at', 'is', null)
    .where('status', '<>', 'deregistered')
    .groupBy('region_code')
    .execute();
  return new Map(rows.map((r) => [r.region_code, Number(r.n)]));
}
