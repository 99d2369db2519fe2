import type { Kysely, Selectable } from 'kysely';
import type { Static } from 'typebox';
import type { DecideReportedValue, ReportedQuery, ReportedValue, SaveReportedValue, UnlockReportedValue } from '../../../contract/schemas/targets';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/portable';
import { AppError } from '../../errors';
import { addDays, today } from '../../lib/dates';
import { uuidv7 } from '../../lib/ids';
import { recordAudit } from '../audit/audit.service';
import { countyCodes } from '../reference/reference.repository';
import { reportedValueActions, reportedValuesOf } from './reported.repository';
import type { ReportedValueTable } from './targets.table';
import { PROVINCE, type IndicatorRow } from './values';

type Row = Selectable<ReportedValueTable>;

/** The day after a period ends: 2015 → 2016-01-01, 2015Q2 → 2015-07-01. */
function periodEnd(period: string): string {
  const year = Number(period.slice(0, 4));
  const quarter = period.length > 4 ? Number(period.slice(5)) : 4;
  return quarter === 4 ? `${year + 1}-01-01` : `${year}-${String(quarter * 3 + 1).padStart(2, '0')}-01`;
}
/** The period before: a year, or the quarter before (2015Q1 → 2014Q4). */
function previousPeriod(period: string): string {
  if (period.length === 4) return String(Number(period) - 1);
  const [year, quarter] = [Number(period.slice(0, 4)), Number(period.slice(5))];
  return quarter === 1 ? `${year - 1}Q4` : `${year}Q${quarter - 1}`;
}
/** The figure compared between periods: a rate's percentage, otherwise the value. */
const figureOf = (r: Pick<Row, 'numerator' | 'denominator' | 'value'>) => (r.denominator ? (100 * (r.numerator ?? 0)) / r.denominator : r.value);

/**
 * Figures departments report (reported indicators, provincial averages): entered per region and
 * period, submitted, approved by the office (then locked) or returned with a comment; an unlock
 * is audited. Reporters work on their department's indicators only.
 */
export function reportedValueService(ctx: AppContext) {
  const { db, config } = ctx;

  /** The reported indicator with this code in the latest plan that has it. */
  async function indicatorFor(trx: Kysely<Database>, code: string): Promise<IndicatorRow> {
    const row = await trx
      .selectFrom('plan_indicators as i')
      .innerJoin('target_plans as p', 'p.id', 'i.plan_id')
      .selectAll('i')
      .where('i.code', '=', code)
      .where('i.source', '=', 'reported')
      .orderBy('p.start_year', 'desc')
      .executeTakeFirst();
    if (!row) throw new AppError('validation_failed', [{ path: 'body/indicatorCode', message: '没有这个填报型指标' }]);
    return row;
  }
  const mayReport = (actor: Actor, department: string) => actor.role === 'admin' || (actor.role === 'department_reporter' && actor.departmentCode === department);

  async function load(trx: Kysely<Database>, actor: Actor, id: string): Promise<Row> {
    let q = trx.selectFrom('reported_values').selectAll().where('id', '=', id);
    if (actor.role === 'department_reporter') q = q.where('department_code', '=', actor.departmentCode ?? '-');
    const row = await q.executeTakeFirst();
    if (!row) throw new AppError('not_found');
    return row;
  }

  async function present(trx: Kysely<Database>, rows: Row[]): Promise<ReportedValue[]> {
    const events = rows.length
      ? await trx
          .selectFrom('reported_value_events as v')
          .leftJoin('users as u', 'u.id', 'v.actor_id')
          .select(['v.reported_value_id', 'v.action', 'v.numerator', 'v.denominator', 'v.value', 'v.comment', 'v.at', 'u.display_name'])
          .where('v.reported_value_id', 'in', rows.map((r) => r.id))
          .orderBy('v.at')
          .execute()
      : [];
    return rows.map((r) => ({
      id: r.id, indicatorCode: r.indicator_code, regionCode: r.region_code, period: r.period, departmentCode: r.department_code, numerator: r.numerator, denominator: r.denominator,
      value: r.value, comment: r.comment, status: r.status as ReportedValue['status'], submittedAt: r.submitted_at, decidedAt: r.decided_at, decisionComment: r.decision_comment, version: r.version,
      history: events.filter((e) => e.reported_value_id === r.id).map((e) => ({ action: e.action, numerator: e.numerator, denominator: e.denominator, value: e.value, comment: e.comment, actorName: e.display_name, at: e.at })),
    }));
  }

  /** Moves a figure to a new status under the version read, with its event and audit, in one transaction. */
  async function move(actor: Actor, id: string, version: number, action: string, check: (row: Row, trx: Kysely<Database>) => Promise<void> | void, set: (row: Row) => Partial<Row>, comment = '') {
    return db.transaction().execute(async (trx) => {
      const before = await load(trx, actor, id);
      await check(before, trx);
      const now = new Date().toISOString();
      const changes = { ...set(before), version: before.version + 1, updated_at: now };
      const updated = await trx.updateTable('reported_values').set(changes).where('id', '=', id).where('version', '=', version).executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) throw new AppError('stale_version');
      const after = { ...before, ...changes };
      await trx.insertInto('reported_value_events').values({ id: uuidv7(), reported_value_id: id, action, numerator: after.numerator, denominator: after.denominator, value: after.value, comment, actor_id: actor.id, at: now }).execute();
      await recordAudit(trx, actor, `reported_value.${action}`, { type: 'reported_value', id }, { status: before.status, numerator: before.numerator, denominator: before.denominator, value: before.value }, { status: after.status, numerator: after.numerator, denominator: after.denominator, value: after.value, ...(comment ? { comment } : {}) });
      return (await present(trx, [after]))[0]!;
    });
  }

  /** The reported indicators of the plans covering a year (the latest plan when none does). */
  async function reportedIndicators(year: number): Promise<IndicatorRow[]> {
    const plans = await db.selectFrom('target_plans').select(['id', 'start_year', 'end_year']).orderBy('start_year', 'desc').execute();
    const covering = plans.filter((p) => p.start_year <= year && year <= p.end_year);
    const chosen = covering.length ? covering : plans.slice(0, 1);
    if (!chosen.length) return [];
    const rows = await db.selectFrom('plan_indicators').selectAll().where('plan_id', 'in', chosen.map((p) => p.id)).where('source', '=', 'reported').orderBy('sort_order').execute();
    return rows.filter((r, i) => rows.findIndex((x) => x.code === r.code) === i);
  }

  return {
    async list(actor: Actor, query: Static<typeof ReportedQuery>) {
      let q = db.selectFrom('reported_values').selectAll();
      if (actor.role === 'department_reporter') q = q.where('department_code', '=', actor.departmentCode ?? '-');
      if (actor.role === 'county_officer') q = q.where('region_code', '=', actor.regionCode ?? '-');
      if (query.period) q = q.where('period', '=', query.period);
      if (query.indicatorCode) q = q.where('indicator_code', '=', query.indicatorCode);
      if (query.regionCode) q = q.where('region_code', '=', query.regionCode);
      if (query.status) q = q.where('status', '=', query.status);
      const rows = await q.orderBy('period', 'desc').orderBy('indicator_code').orderBy('region_code').limit(2000).execute();
      return { items: await present(db, rows) };
    },

    /**
     * Enters or corrects a figure (a draft, or a returned one): a rate needs numerator ≤
     * denominator, a count a non-negative value; a submitted or approved figure is locked.
     */
    async save(actor: Actor, input: Static<typeof SaveReportedValue>) {
      return db.transaction().execute(async (trx) => {
        const indicator = await indicatorFor(trx, input.indicatorCode);
        if (!mayReport(actor, indicator.owner_department)) throw new AppError('forbidden');
        const problems: { path: string; message: string }[] = [];
        const quarterly = input.period.length > 4;
        if (quarterly !== (indicator.frequency === 'quarter')) problems.push({ path: 'body/period', message: indicator.frequency === 'quarter' ? '该指标按季度填报，如 2015Q1' : '该指标按年度填报，如 2015' });
        if (Number(input.period.slice(0, 4)) > Number(today().slice(0, 4))) problems.push({ path: 'body/period', message: '不能填报将来的期间' });
        if (indicator.report_regions === 'province' ? input.regionCode !== PROVINCE : !(await countyCodes(trx)).includes(input.regionCode)) {
          problems.push({ path: 'body/regionCode', message: indicator.report_regions === 'province' ? `全省数据的区划代码为 ${PROVINCE}` : '请选择县市区' });
        }
        const num = input.numerator ?? null;
        const den = input.denominator ?? null;
        const value = input.value ?? null;
        if (indicator.kind === 'rate') {
          if (num === null) problems.push({ path: 'body/numerator', message: '请填写分子' });
          if (den === null) problems.push({ path: 'body/denominator', message: '请填写分母' });
          if (num !== null && den !== null && num > den) problems.push({ path: 'body/numerator', message: '分子不能大于分母' });
        } else {
          if (value === null) problems.push({ path: 'body/value', message: '请填写数值' });
          if (indicator.kind === 'count' && value !== null && value < 0) problems.push({ path: 'body/value', message: '数量不能为负数' });
        }
        if (problems.length) throw new AppError('validation_failed', problems);
        const figures = indicator.kind === 'rate' ? { numerator: num, denominator: den, value: null } : { numerator: null, denominator: null, value };
        const comment = input.comment?.trim() ?? '';
        const existing = await trx.selectFrom('reported_values').selectAll().where('indicator_code', '=', indicator.code).where('region_code', '=', input.regionCode).where('period', '=', input.period).executeTakeFirst();
        const now = new Date().toISOString();
        let id: string;
        if (existing) {
          if (existing.status === 'submitted' || existing.status === 'approved') throw new AppError('report_locked');
          if (input.version !== existing.version) throw new AppError('stale_version');
          await trx.updateTable('reported_values').set({ ...figures, comment, status: 'draft', version: existing.version + 1, updated_at: now }).where('id', '=', existing.id).where('version', '=', existing.version).execute();
          id = existing.id;
        } else {
          id = uuidv7();
          try {
            await trx.insertInto('reported_values').values({
              id, indicator_code: indicator.code, region_code: input.regionCode, period: input.period, department_code: indicator.owner_department, ...figures, comment, status: 'draft',
              submitted_at: null, decided_at: null, decided_by: null, decision_comment: '', version: 1, created_at: now, updated_at: now, created_by: actor.id,
            }).execute();
          } catch (err) {
            if (isUniqueViolation(err)) throw new AppError('stale_version');
            throw err;
          }
        }
        await trx.insertInto('reported_value_events').values({ id: uuidv7(), reported_value_id: id, action: 'save', ...figures, comment, actor_id: actor.id, at: now }).execute();
        await recordAudit(trx, actor, 'reported_value.save', { type: 'reported_value', id }, existing ? { numerator: existing.numerator, denominator: existing.denominator, value: existing.value } : null, { indicatorCode: indicator.code, regionCode: input.regionCode, period: input.period, ...figures });
        return (await present(trx, [(await trx.selectFrom('reported_values').selectAll().where('id', '=', id).executeTakeFirstOrThrow())]))[0]!;
      });
    },

    /** Sends a figure to the office; a large change from the last approved period needs a comment. */
    async submit(actor: Actor, id: string, version: number) {
      return move(actor, id, version, 'submit', async (row, trx) => {
        if (!mayReport(actor, row.department_code)) throw new AppError('forbidden');
        if (row.status !== 'draft' && row.status !== 'returned') throw new AppError('report_locked');
        const last = await trx.selectFrom('reported_values').selectAll().where('indicator_code', '=', row.indicator_code).where('region_code', '=', row.region_code).where('period', '=', previousPeriod(row.period)).where('status', '=', 'approved').executeTakeFirst();
        const [before, now] = [last ? figureOf(last) : null, figureOf(row)];
        if (before !== null && before !== undefined && now !== null && !row.comment.trim()) {
          const change = before === 0 ? (now === 0 ? 0 : Infinity) : (Math.abs(now - before) / Math.abs(before)) * 100;
          if (change > config.reportChangePercent) throw new AppError('change_needs_comment', [{ path: 'body/comment', message: `上期 ${before}，本期 ${now}，变化超过 ${config.reportChangePercent}%，请在说明中写明原因后再提交` }]);
        }
      }, () => ({ status: 'submitted', submitted_at: new Date().toISOString() }));
    },

    /** The office approves (the figure is locked and counts) or returns it with a comment. */
    async decide(actor: Actor, id: string, input: Static<typeof DecideReportedValue>) {
      const comment = input.comment?.trim() ?? '';
      return move(actor, id, input.version, input.decision, async (row, trx) => {
        if (row.status !== 'submitted') throw new AppError('invalid_transition', [{ path: 'body/decision', message: '只能审核已提交的数据' }]);
        // Four eyes: whoever entered or submitted the figure since it was last decided does not decide it.
        const events = await reportedValueActions(trx, row.id);
        const decided = events.findIndex((e) => e.action !== 'save' && e.action !== 'submit');
        const round = decided === -1 ? events : events.slice(0, decided);
        if (round.some((e) => e.actor_id === actor.id)) throw new AppError('own_entry');
        if (input.decision === 'return' && !comment) throw new AppError('validation_failed', [{ path: 'body/comment', message: '退回须写明原因' }]);
      }, () => ({ status: input.decision === 'approve' ? 'approved' : 'returned', decided_at: new Date().toISOString(), decided_by: actor.id, decision_comment: comment }), comment);
    },

    /** Reopens an approved figure for correction: back to the reporter as returned, with the reason. */
    async unlock(actor: Actor, id: string, input: Static<typeof UnlockReportedValue>) {
      return move(actor, id, input.version, 'unlock', (row) => {
        if (row.status !== 'approved') throw new AppError('invalid_transition', [{ path: 'body', message: '只能解锁已审核的数据' }]);
      }, () => ({ status: 'returned', decision_comment: input.reason.trim() }), input.reason.trim());
    },

    /**
     * What each department owes for a period — every reported indicator for every county (or the
     * province) — with its status, and completeness and timeliness per department.
     */
    async tasks(actor: Actor, period: string) {
      const indicators = (await reportedIndicators(Number(period.slice(0, 4)))).filter((i) => (i.frequency === 'quarter') === (period.length > 4));
      const mine = actor.role === 'department_reporter' ? indicators.filter((i) => i.owner_department === actor.departmentCode) : indicators;
      // A county officer follows their own county's figures only (the province's are not theirs to follow).
      const own = actor.role === 'county_officer' ? (actor.regionCode ?? '-') : null;
      const counties = own ? [own] : await countyCodes(db);
      const values = await reportedValuesOf(db, period, mine.map((i) => i.code), own);
      const dueOn = addDays(periodEnd(period), config.reportDueDays - 1);
      const tasks = mine.flatMap((i) =>
        (i.report_regions === 'province' ? (own ? [] : [PROVINCE]) : counties).map((regionCode) => {
          const v = values.find((x) => x.indicator_code === i.code && x.region_code === regionCode);
          return { indicatorCode: i.code, indicatorName: i.name, kind: i.kind as 'rate' | 'count' | 'value', unit: i.unit, departmentCode: i.owner_department, regionCode, status: (v?.status ?? null) as ReportedValue['status'] | null, valueId: v?.id ?? null, submittedAt: v?.submitted_at ?? null };
        }),
      );
      const late = (t: (typeof tasks)[number]) => (t.submittedAt ? t.submittedAt.slice(0, 10) > dueOn : today() > dueOn);
      const departments = [...new Set(tasks.map((t) => t.departmentCode))];
      return {
        period,
        dueOn,
        tasks: tasks.map(({ submittedAt: _s, ...t }) => t),
        completeness: departments.map((d) => {
          const of = tasks.filter((t) => t.departmentCode === d);
          return {
            departmentCode: d, expected: of.length, submitted: of.filter((t) => t.status === 'submitted' || t.status === 'approved').length,
            approved: of.filter((t) => t.status === 'approved').length, late: of.filter(late).length,
          };
        }),
      };
    },
  };
}
export type ReportedValueService = ReturnType<typeof reportedValueService>;
