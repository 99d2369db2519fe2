import type { Selectable } from 'kysely';
import type { ReportedValue } from '../../../contract/schemas/targets';
import type { Db } from '../../db/database';
import type { ReportedValueTable } from './targets.table';
import { whereInRegions } from '../../authz/region-scope';

/** A department's figure for an indicator, region and period, as the service sees it. */
export interface ReportedValueRecord {
  id: string;
  indicatorCode: string;
  regionCode: string;
  period: string;
  departmentCode: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  comment: string;
  status: ReportedValue['status'];
  submittedAt: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionComment: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}
/** What a move of a figure changes (status, figures, decision), besides version and time. */
export type ReportedValueChanges = Partial<
  Pick<
    ReportedValueRecord,
    'numerator' | 'denominator' | 'value' | 'comment' | 'status' | 'submittedAt' | 'decidedAt' | 'decidedBy' | 'decisionComment'
  >
>;
/** One step in a figure's history, with the name of who took it. */
export interface ReportedValueEvent {
  reportedValueId: string;
  action: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  comment: string;
  actorId: string | null;
  actorName: string | null;
  at: string;
}
/** Which figures an actor sees: a reporter their department's, a county officer their county's. */
export interface ReportedScope {
  departmentCode?: string;
  /** A county officer's reach: the county's figures. */
  regions?: readonly string[];
}

type Row = Selectable<ReportedValueTable>;

function fromRow(r: Row): ReportedValueRecord {
  return {
    id: r.id,
    indicatorCode: r.indicator_code,
    regionCode: r.region_code,
    period: r.period,
    departmentCode: r.department_code,
    numerator: r.numerator,
    denominator: r.denominator,
    value: r.value,
    comment: r.comment,
    status: r.status as ReportedValue['status'],
    submittedAt: r.submitted_at,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
    decisionComment: r.decision_comment,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    createdBy: r.created_by,
  };
}
function toColumns(c: ReportedValueChanges): Partial<Row> {
  const out: Partial<Row> = {};
  if (c.numerator !== undefined) out.numerator = c.numerator;
  if (c.denominator !== undefined) out.denominator = c.denominator;
  if (c.value !== undefined) out.value = c.value;
  if (c.comment !== undefined) out.comment = c.comment;
  if (c.status !== undefined) out.status = c.status;
  if (c.submittedAt !== undefined) out.submitted_at = c.submittedAt;
  if (c.decidedAt !== undefined) out.decided_at = c.decidedAt;
  if (c.decidedBy !== undefined) out.decided_by = c.decidedBy;
  if (c.decisionComment !== undefined) out.decision_comment = c.decisionComment;
  return out;
}

function scoped(db: Db, scope: ReportedScope) {
  let q = db.selectFrom('reported_values').selectAll();
  if (scope.departmentCode) q = q.where('department_code', '=', scope.departmentCode);
  q = whereInRegions(q, 'region_code', scope.regions);
  return q;
}

export async function findReportedValue(db: Db, id: string, scope: ReportedScope): Promise<ReportedValueRecord | undefined> {
  const row = await scoped(db, scope).where('id', '=', id).executeTakeFirst();
  return row && fromRow(row);
}

/** The figure of an indicator, region and period, whoever entered it (there is one at most). */
export async function findReportedValueFor(
  db: Db,
  indicatorCode: string,
  regionCode: string,
  period: string,
): Promise<ReportedValueRecord | undefined> {
  const row = await db
    .selectFrom('reported_values')
    .selectAll()
    .where('indicator_code', '=', indicatorCode)
    .where('region_code', '=', regionCode)
    .where('period', '=', period)
    .executeTakeFirst();
  return row && fromRow(row);
}

/** The approved figure of an indicator and region for a period, if any. */
export async function findApprovedValue(
  db: Db,
  indicatorCode: string,
  regionCode: string,
  period: string,
): Promise<ReportedValueRecord | undefined> {
  const row = await db
    .selectFrom('reported_values')
    .selectAll()
    .where('indicator_code', '=', indicatorCode)
    .where('region_code', '=', regionCode)
    .where('period', '=', period)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  return row && fromRow(row);
}

export interface ReportedFilter {
  period?: string;
  indicatorCode?: string;
  regionCode?: string;
  status?: string;
}
/** Figures in the scope, newest period first (2,000 at most). */
export async function listReportedValues(db: Db, scope: ReportedScope, filter: ReportedFilter): Promise<ReportedValueRecord[]> {
  let q = scoped(db, scope);
  if (filter.period) q = q.where('period', '=', filter.period);
  if (filter.indicatorCode) q = q.where('indicator_code', '=', filter.indicatorCode);
  if (filter.regionCode) q = q.where('region_code', '=', filter.regionCode);
  if (filter.status) q = q.where('status', '=', filter.status);
  const rows = await q.orderBy('period', 'desc').orderBy('indicator_code').orderBy('region_code').limit(2000).execute();
  return rows.map(fromRow);
}

/** The figures of a period for some indicators; with `regionCode`, that region's only (a county officer's scope). */
export async function reportedValuesOf(
  db: Db,
  period: string,
  indicatorCodes: string[],
  regionCode: string | null,
): Promise<ReportedValueRecord[]> {
  if (!indicatorCodes.length) return [];
  let q = db.selectFrom('reported_values').selectAll().where('period', '=', period).where('indicator_code', 'in', indicatorCodes);
  if (regionCode) q = q.where('region_code', '=', regionCode);
  return (await q.execute()).map(fromRow);
}

export async function insertReportedValue(db: Db, rec: ReportedValueRecord): Promise<void> {
  await db
    .insertInto('reported_values')
    .values({
      id: rec.id,
      indicator_code: rec.indicatorCode,
      region_code: rec.regionCode,
      period: rec.period,
      department_code: rec.departmentCode,
      numerator: rec.numerator,
      denominator: rec.denominator,
      value: rec.value,
      comment: rec.comment,
      status: rec.status,
      submitted_at: rec.submittedAt,
      decided_at: rec.decidedAt,
      decided_by: rec.decidedBy,
      decision_comment: rec.decisionComment,
      version: rec.version,
      created_at: rec.createdAt,
      updated_at: rec.updatedAt,
      created_by: rec.createdBy,
    })
    .execute();
}

/** Applies changes if the figure is still at `version`; false when another write came first. */
export async function updateReportedValue(
  db: Db,
  id: string,
  version: number,
  changes: ReportedValueChanges,
  updatedAt: string,
): Promise<boolean> {
  const updated = await db
    .updateTable('reported_values')
    .set({ ...toColumns(changes), version: version + 1, updated_at: updatedAt })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

export async function insertReportedValueEvent(db: Db, e: Omit<ReportedValueEvent, 'actorName'> & { id: string }): Promise<void> {
  await db
    .insertInto('reported_value_events')
    .values({
      id: e.id,
      reported_value_id: e.reportedValueId,
      action: e.action,
      numerator: e.numerator,
      denominator: e.denominator,
      value: e.value,
      comment: e.comment,
      actor_id: e.actorId,
      at: e.at,
    })
    .execute();
}

/** The history of some figures, oldest first, with the names of who acted. */
export async function reportedValueEvents(db: Db, ids: string[]): Promise<ReportedValueEvent[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('reported_value_events as v')
    .leftJoin('users as u', 'u.id', 'v.actor_id')
    .select([
      'v.reported_value_id',
      'v.action',
      'v.numerator',
      'v.denominator',
      'v.value',
      'v.comment',
      'v.actor_id',
      'v.at',
      'u.display_name',
    ])
    .where('v.reported_value_id', 'in', ids)
    .orderBy('v.at')
    .execute();
  return rows.map((e) => ({
    reportedValueId: e.reported_value_id,
    action: e.action,
    numerator: e.numerator,
    denominator: e.denominator,
    value: e.value,
    comment: e.comment,
    actorId: e.actor_id,
    actorName: e.display_name,
    at: e.at,
  }));
}

/** Who did what to a figure, newest first (the four-eyes check reads back to the last decision). */
export async function reportedValueActions(db: Db, reportedValueId: string): Promise<{ action: string; actorId: string | null }[]> {
  const rows = await db
    .selectFrom('reported_value_events')
    .select(['action', 'actor_id'])
    .where('reported_value_id', '=', reportedValueId)
    .orderBy('at', 'desc')
    .execute();
  return rows.map((r) => ({ action: r.action, actorId: r.actor_id }));
}
