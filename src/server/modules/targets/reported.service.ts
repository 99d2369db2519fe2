import type { Static } from 'typebox';
import type { DecideReportedValue, ReportedQuery, SaveReportedValue, UnlockReportedValue } from '../../../contract/schemas/targets';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/portable';
import { AppError } from '../../errors';
import { addDays, today } from '../../lib/dates';
import { uuidv7 } from '../../lib/ids';
import { recordAudit } from '../audit/audit.service';
import { presentReportedValues } from './reported.presenter';
import {
  findApprovedValue,
  findReportedValue,
  findReportedValueFor,
  insertReportedValue,
  insertReportedValueEvent,
  listReportedValues,
  reportedValueActions,
  reportedValuesOf,
  updateReportedValue,
  type ReportedValueChanges,
  type ReportedValueRecord,
} from './reported.repository';
import { mayReport, reportedScope, reportedValueAbilities } from './targets.policy';
import { latestReportedIndicator, listPlans, reportedIndicatorsOf } from './targets.repository';
import type { IndicatorRow } from './values';

type Row = ReportedValueRecord;

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
const figureOf = (r: Pick<Row, 'numerator' | 'denominator' | 'value'>) =>
  r.denominator ? (100 * (r.numerator ?? 0)) / r.denominator : r.value;

/**
 * Figures departments report (reported indicators, provincial averages): entered per region and
 * period, submitted, approved by the office (then locked) or returned with a comment; an unlock
 * is audited. Reporters work on their department's indicators only.
 */
export function reportedValueService(ctx: AppContext) {
  const { db, config } = ctx;

  /** The reported indicator with this code in the latest plan that has it. */
  async function indicatorFor(trx: Db, code: string): Promise<IndicatorRow> {
    const row = await latestReportedIndicator(trx, code);
    if (!row) throw new AppError('validation_failed', [{ path: 'body/indicatorCode', message: '没有这个填报型指标' }]);
    return row;
  }

  async function load(trx: Db, actor: Actor, id: string): Promise<Row> {
    const row = await findReportedValue(trx, id, reportedScope(actor));
    if (!row) throw new AppError('not_found');
    return row;
  }

  /** Moves a figure to a new status under the version read, with its event and audit, in one transaction. */
  async function move(
    actor: Actor,
    id: string,
    version: number,
    action: string,
    check: (row: Row, trx: Db) => Promise<void> | void,
    set: (row: Row) => ReportedValueChanges,
    comment = '',
  ) {
    return db.transaction().execute(async (trx) => {
      const before = await load(trx, actor, id);
      await check(before, trx);
      const now = new Date().toISOString();
      const changes = set(before);
      if (!(await updateReportedValue(trx, id, version, changes, now))) throw new AppError('stale_version');
      const after = { ...before, ...changes, version: before.version + 1, updatedAt: now };
      await insertReportedValueEvent(trx, {
        id: uuidv7(),
        reportedValueId: id,
        action,
        numerator: after.numerator,
        denominator: after.denominator,
        value: after.value,
        comment,
        actorId: actor.id,
        at: now,
      });
      await recordAudit(
        trx,
        actor,
        `reported_value.${action}`,
        { type: 'reported_value', id },
        { status: before.status, numerator: before.numerator, denominator: before.denominator, value: before.value },
        {
          status: after.status,
          numerator: after.numerator,
          denominator: after.denominator,
          value: after.value,
          ...(comment ? { comment } : {}),
        },
      );
      return (await presentReportedValues(trx, actor, [after]))[0]!;
    });
  }

  /** The reported indicators of the plans covering a year (the latest plan when none does). */
  async function reportedIndicators(year: number): Promise<IndicatorRow[]> {
    const plans = await listPlans(db);
    const covering = plans.filter((p) => p.startYear <= year && year <= p.endYear);
    const chosen = covering.length ? covering : plans.slice(0, 1);
    const rows = await reportedIndicatorsOf(
      db,
      chosen.map((p) => p.id),
    );
    return rows.filter((r, i) => rows.findIndex((x) => x.code === r.code) === i);
  }

  return {
    async list(actor: Actor, query: Static<typeof ReportedQuery>) {
      return { items: await presentReportedValues(db, actor, await listReportedValues(db, reportedScope(actor), query)) };
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
        if (quarterly !== (indicator.frequency === 'quarter'))
          problems.push({
            path: 'body/period',
            message: indicator.frequency === 'quarter' ? '该指标按季度填报，如 2015Q1' : '该指标按年度填报，如 2015',
          });
        if (Number(input.period.slice(0, 4)) > Number(today().slice(0, 4)))
          problems.push({ path: 'body/period', message: '不能填报将来的期间' });
        const tree = await ctx.regions.tree(trx);
        const province = tree.parentOfHome();
        if (indicator.report_regions === 'province' ? input.regionCode !== province : !tree.units().includes(input.regionCode)) {
          problems.push({
            path: 'body/regionCode',
            message: indicator.report_regions === 'province' ? `全省数据的区划代码为 ${province ?? '（本市无上级区划）'}` : '请选择县市区',
          });
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
        const figures =
          indicator.kind === 'rate' ? { numerator: num, denominator: den, value: null } : { numerator: null, denominator: null, value };
        const comment = input.comment?.trim() ?? '';
        const existing = await findReportedValueFor(trx, indicator.code, input.regionCode, input.period);
        const now = new Date().toISOString();
        let id: string;
        if (existing) {
          if (existing.status === 'submitted' || existing.status === 'approved') throw new AppError('report_locked');
          if (input.version !== existing.version) throw new AppError('stale_version');
          await updateReportedValue(trx, existing.id, existing.version, { ...figures, comment, status: 'draft' }, now);
          id = existing.id;
        } else {
          id = uuidv7();
          try {
            await insertReportedValue(trx, {
              id,
              indicatorCode: indicator.code,
              regionCode: input.regionCode,
              period: input.period,
              departmentCode: indicator.owner_department,
              ...figures,
              comment,
              status: 'draft',
              submittedAt: null,
              decidedAt: null,
              decidedBy: null,
              decisionComment: '',
              version: 1,
              createdAt: now,
              updatedAt: now,
              createdBy: actor.id,
            });
          } catch (err) {
            if (isUniqueViolation(err)) throw new AppError('stale_version');
            throw err;
          }
        }
        await insertReportedValueEvent(trx, {
          id: uuidv7(),
          reportedValueId: id,
          action: 'save',
          ...figures,
          comment,
          actorId: actor.id,
          at: now,
        });
        await recordAudit(
          trx,
          actor,
          'reported_value.save',
          { type: 'reported_value', id },
          existing ? { numerator: existing.numerator, denominator: existing.denominator, value: existing.value } : null,
          { indicatorCode: indicator.code, regionCode: input.regionCode, period: input.period, ...figures },
        );
        return (await presentReportedValues(trx, actor, [(await findReportedValue(trx, id, {}))!]))[0]!;
      });
    },

    /** Sends a figure to the office; a large change from the last approved period needs a comment. */
    async submit(actor: Actor, id: string, version: number) {
      return move(
        actor,
        id,
        version,
        'submit',
        async (row, trx) => {
          if (!mayReport(actor, row.departmentCode)) throw new AppError('forbidden');
          if (row.status !== 'draft' && row.status !== 'returned') throw new AppError('report_locked');
          const last = await findApprovedValue(trx, row.indicatorCode, row.regionCode, previousPeriod(row.period));
          const [before, now] = [last ? figureOf(last) : null, figureOf(row)];
          if (before !== null && before !== undefined && now !== null && !row.comment.trim()) {
            const change = before === 0 ? (now === 0 ? 0 : Infinity) : (Math.abs(now - before) / Math.abs(before)) * 100;
            if (change > config.reportChangePercent)
              throw new AppError('change_needs_comment', [
                {
                  path: 'body/comment',
                  message: `上期 ${before}，本期 ${now}，变化超过 ${config.reportChangePercent}%，请在说明中写明原因后再提交`,
                },
              ]);
          }
        },
        () => ({ status: 'submitted', submittedAt: new Date().toISOString() }),
      );
    },

    /** The office approves (the figure is locked and counts) or returns it with a comment. */
    async decide(actor: Actor, id: string, input: Static<typeof DecideReportedValue>) {
      const comment = input.comment?.trim() ?? '';
      return move(
        actor,
        id,
        input.version,
        input.decision,
        async (row, trx) => {
          if (row.status !== 'submitted')
            throw new AppError('invalid_transition', [{ path: 'body/decision', message: '只能审核已提交的数据' }]);
          // Four eyes: whoever entered or submitted the figure since it was last decided does not decide it.
          const events = await reportedValueActions(trx, row.id);
          const decided = events.findIndex((e) => e.action !== 'save' && e.action !== 'submit');
          const round = decided === -1 ? events : events.slice(0, decided);
          if (round.some((e) => e.actorId === actor.id)) throw new AppError('own_entry');
          if (input.decision === 'return' && !comment)
            throw new AppError('validation_failed', [{ path: 'body/comment', message: '退回须写明原因' }]);
        },
        () => ({
          status: input.decision === 'approve' ? 'approved' : 'returned',
          decidedAt: new Date().toISOString(),
          decidedBy: actor.id,
          decisionComment: comment,
        }),
        comment,
      );
    },

    /** Reopens an approved figure for correction: back to the reporter as returned, with the reason. */
    async unlock(actor: Actor, id: string, input: Static<typeof UnlockReportedValue>) {
      return move(
        actor,
        id,
        input.version,
        'unlock',
        (row) => {
          if (row.status !== 'approved') throw new AppError('invalid_transition', [{ path: 'body', message: '只能解锁已审核的数据' }]);
        },
        () => ({ status: 'returned', decisionComment: input.reason.trim() }),
        input.reason.trim(),
      );
    },

    /**
     * What each department owes for a period — every reported indicator for every county (or the
     * province) — with its status, and completeness and timeliness per department.
     */
    async tasks(actor: Actor, period: string) {
      const indicators = (await reportedIndicators(Number(period.slice(0, 4)))).filter(
        (i) => (i.frequency === 'quarter') === period.length > 4,
      );
      const mine =
        actor.role === 'department_reporter' ? indicators.filter((i) => i.owner_department === actor.departmentCode) : indicators;
      // A county officer follows their own county's figures only (the province's are not theirs to follow).
      const own = actor.role === 'county_officer' ? (actor.regionCode ?? '-') : null;
      const tree = await ctx.regions.tree();
      const province = tree.parentOfHome();
      const counties = own ? [own] : tree.units();
      const values = await reportedValuesOf(
        db,
        period,
        mine.map((i) => i.code),
        own,
      );
      const dueOn = addDays(periodEnd(period), config.reportDueDays - 1);
      const tasks = mine.flatMap((i) =>
        (i.report_regions === 'province' ? (own || !province ? [] : [province]) : counties).map((regionCode) => {
          const v = values.find((x) => x.indicatorCode === i.code && x.regionCode === regionCode);
          const status = v?.status ?? null;
          const { edit, submit } = reportedValueAbilities(actor, { departmentCode: i.owner_department, status });
          return {
            indicatorCode: i.code,
            indicatorName: i.name,
            kind: i.kind as 'rate' | 'count' | 'value',
            unit: i.unit,
            departmentCode: i.owner_department,
            regionCode,
            status,
            valueId: v?.id ?? null,
            submittedAt: v?.submittedAt ?? null,
            abilities: { edit, submit },
          };
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
            departmentCode: d,
            expected: of.length,
            submitted: of.filter((t) => t.status === 'submitted' || t.status === 'approved').length,
            approved: of.filter((t) => t.status === 'approved').length,
            late: of.filter(late).length,
          };
        }),
      };
    },
  };
}
export type ReportedValueService = ReturnType<typeof reportedValueService>;
