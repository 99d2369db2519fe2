import type { Static } from 'typebox';
import {
  directionSign,
  roundForIndicator,
  type CopyPlan,
  type CreateIndicator,
  type Indicator,
  type MatrixQuery,
  type RecordsQuery,
  type ScopeQuery,
  type UpdateIndicator,
} from '../../../contract/schemas/targets';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/portable';
import { AppError } from '../../errors';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { today } from '../../lib/dates';
import { uuidv7 } from '../../lib/ids';
import { writeWorkbook } from '../../lib/tabular/write';
import { recordAudit } from '../audit/audit.service';
import { listReference } from '../reference/reference.repository';
import { CALCULATORS } from './calculators';
import { projectTo, statusOf, type Direction } from './measure';
import { presentIndicator, presentPlan } from './targets.presenter';
import { regionFor } from './targets.policy';
import {
  copyIndicators,
  findIndicator,
  findPlan,
  industryCodes,
  insertIndicator,
  insertPlan,
  listPlans,
  planIndicators,
  updateIndicator,
  type IndicatorFields,
} from './targets.repository';
import {
  asOfYear,
  calcScope,
  listedCount,
  measureCodes,
  pageOfRows,
  readIndicator,
  readingFrom,
  sourceStamp,
  type IndicatorRow,
  type Reading,
  type Scope,
} from './values';

/** A computed indicator names a calculator that exists; a reported one says where it is entered. */
function checkSource(i: Pick<IndicatorRow, 'source' | 'calculator' | 'report_regions'>) {
  if (i.source === 'computed' && !(i.calculator && CALCULATORS[i.calculator]))
    throw new AppError('validation_failed', [
      { path: 'body/calculator', message: `计算型指标须选择计算方法：${Object.keys(CALCULATORS).join('、')}` },
    ]);
  if (i.source === 'reported' && !i.report_regions)
    throw new AppError('validation_failed', [{ path: 'body/reportRegions', message: '填报型指标须说明按县市区还是全省填报' }]);
}

/** Target plans, their indicators, and the dashboard that reads them for a year and scope. */
export function targetService(ctx: AppContext) {
  const { db, config } = ctx;

  async function plan(id: string) {
    const row = await findPlan(db, id);
    if (!row) throw new AppError('not_found');
    return { row, indicators: await planIndicators(db, id) };
  }
  const status = (i: IndicatorRow, value: number | null) => statusOf(value, i.target, i.direction as Direction, config.targetNearPercent);
  /** A measure of an indicator made of several, with its own name and status against its own target. */
  const measureRow = (plan: IndicatorRow[], m: NonNullable<Reading['measures']>[number]) => {
    const of = plan.find((i) => i.code === m.code);
    return {
      code: m.code,
      name: of?.name ?? m.code,
      value: m.value,
      numerator: m.numerator,
      denominator: m.denominator,
      compareValue: m.compareValue,
      status: of ? status(of, m.value) : ('no_data' as const),
    };
  };

  async function indicatorEdit(
    actor: Actor,
    action: string,
    id: string,
    run: (trx: Db, before: IndicatorRow | null) => Promise<IndicatorRow>,
  ) {
    return db.transaction().execute(async (trx) => {
      const before = action === 'plan_indicator.create' ? null : ((await findIndicator(trx, id)) ?? null);
      if (action !== 'plan_indicator.create' && !before) throw new AppError('not_found');
      const after = await run(trx, before);
      checkSource(after);
      await recordAudit(
        trx,
        actor,
        action,
        { type: 'plan_indicator', id: after.id },
        before ? presentIndicator(before) : null,
        presentIndicator(after),
      );
      return presentIndicator(after);
    });
  }

  const service = {
    async listPlans() {
      return { items: (await listPlans(db)).map(presentPlan) };
    },

    async getPlan(id: string) {
      const { row, indicators } = await plan(id);
      return { ...presentPlan(row), indicators: indicators.map(presentIndicator) };
    },

    /** A new plan from an old one: every indicator copied, to be edited (the next five-year plan). */
    async copyPlan(actor: Actor, id: string, input: Static<typeof CopyPlan>) {
      if (input.endYear < input.startYear)
        throw new AppError('validation_failed', [{ path: 'body/endYear', message: '结束年份不能早于起始年份' }]);
      const { row, indicators } = await plan(id);
      return db.transaction().execute(async (trx) => {
        const now = new Date().toISOString();
        const copy = {
          id: uuidv7(),
          code: input.code,
          name: input.name.trim(),
          nameEn: input.nameEn?.trim() ?? '',
          startYear: input.startYear,
          endYear: input.endYear,
          version: 1,
        };
        try {
          await insertPlan(trx, copy, actor.id, now);
        } catch (err) {
          if (isUniqueViolation(err)) throw new AppError('duplicate_record', [{ path: 'body/code', message: '计划编码已被使用' }]);
          throw err;
        }
        await copyIndicators(trx, indicators, copy.id, uuidv7, actor.id, now);
        await recordAudit(trx, actor, 'target_plan.copy', { type: 'target_plan', id: copy.id }, null, {
          from: row.code,
          code: input.code,
          name: input.name,
          startYear: input.startYear,
          endYear: input.endYear,
          indicators: indicators.length,
        });
        return presentPlan(copy);
      });
    },

    async addIndicator(actor: Actor, planId: string, input: Static<typeof CreateIndicator>) {
      await plan(planId);
      return indicatorEdit(actor, 'plan_indicator.create', '', async (trx) => {
        const { code, ...fields } = input;
        try {
          return await insertIndicator(trx, { id: uuidv7(), planId, code }, fields, actor.id, new Date().toISOString());
        } catch (err) {
          if (isUniqueViolation(err)) throw new AppError('duplicate_record', [{ path: 'body/code', message: '该计划已有此编码的指标' }]);
          throw err;
        }
      });
    },

    async updateIndicator(actor: Actor, id: string, input: Static<typeof UpdateIndicator>) {
      const { version, ...fields } = input;
      if (Object.keys(fields).length === 0) throw new AppError('empty_update');
      return indicatorEdit(actor, 'plan_indicator.update', id, async (trx, before) => {
        const after = await updateIndicator(trx, before!, version, fields as Partial<IndicatorFields>, new Date().toISOString());
        if (!after) throw new AppError('stale_version');
        return after;
      });
    },

    /**
     * Every indicator of the plan for a year and scope: value, target, status, last year, the
     * trend from the plan's first year and its projection to the last.
     */
    async dashboard(actor: Actor, planId: string, q: Static<typeof ScopeQuery>) {
      const { row, indicators } = await plan(planId);
      const regionCode = regionFor(actor, q.regionCode);
      const years = Array.from({ length: Math.max(1, q.year - row.startYear + 1) }, (_, i) => Math.min(row.startYear, q.year) + i);
      const stamp = await sourceStamp(db);
      const rows = [];
      for (const indicator of indicators) {
        const units = (await ctx.regions.tree()).units();
        const scope = (year: number): Scope => ({ year, planStart: row.startYear, regionCode, industryCode: q.industryCode, stamp, units });
        // One reading per year from the plan's first to the year asked: the trend, last year, this year.
        const readings = new Map<number, Reading>();
        for (const year of new Set([...years, q.year, q.year - 1]))
          readings.set(year, (await readIndicator(db, indicators, indicator, scope(year))).reading);
        const trend = years.map((year) => ({ year, value: readings.get(year)!.value }));
        const current = readings.get(q.year)!;
        const previous = readings.get(q.year - 1)!.value;
        const projected = projectTo(trend, row.endYear);
        const { reported, measures, ...reading } = current;
        rows.push({
          indicator: presentIndicator(indicator),
          ...reading,
          status: status(indicator, current.value),
          previous,
          trend,
          projection: { year: row.endYear, value: projected, status: status(indicator, projected) },
          ...(reported ? { reported: { ...reported, complete: reported.regions === reported.of } } : {}),
          ...(measures ? { measures: measures.map((m) => measureRow(indicators, m)) } : {}),
        });
      }
      return {
        plan: presentPlan(row),
        year: q.year,
        asOf: asOfYear(q.year),
        regionCode: regionCode ?? null,
        industryCode: q.industryCode ?? null,
        rows,
      };
    },

    /**
     * Indicator × county for a year (a county officer: their own), or indicator × industry for the
     * computed indicators: each cell from the same kept sums as the city's figure.
     */
    async matrix(actor: Actor, planId: string, q: Static<typeof MatrixQuery>) {
      const { row, indicators } = await plan(planId);
      const by = q.by ?? 'region';
      const own = regionFor(actor);
      const stamp = await sourceStamp(db);
      const shown = indicators.filter((i) => (by === 'industry' ? i.source === 'computed' : i.report_regions !== 'province'));
      const read: { indicator: IndicatorRow; parts: Map<string, Reading> }[] = [];
      for (const indicator of shown)
        read.push({
          indicator,
          parts: (
            await readIndicator(db, indicators, indicator, {
              year: q.year,
              planStart: row.startYear,
              regionCode: own,
              by,
              stamp,
              units: (await ctx.regions.tree()).units(),
            })
          ).parts,
        });
      const columns =
        by === 'industry'
          ? (await industryCodes(db)).filter((code) => read.some((r) => r.parts.has(code)))
          : own
            ? [own]
            : (await ctx.regions.tree()).units();
      const rows = read.map(({ indicator, parts }) => ({
        code: indicator.code,
        cells: columns.map((key) => {
          const reading =
            parts.get(key) ??
            readingFrom(indicator, { num: 0, den: 0, rows: 0 }, indicator.compare_code || measureCodes(indicator) ? null : undefined);
          return {
            key,
            value: reading.value,
            numerator: reading.numerator,
            denominator: reading.denominator,
            status: status(indicator, reading.value),
          };
        }),
      }));
      return { year: q.year, by, columns, rows };
    },

    /** The records behind a computed number: the numerator's, or the denominator's, a page at a time. */
    async records(actor: Actor, planId: string, code: string, q: Static<typeof RecordsQuery>) {
      const { row, indicators } = await plan(planId);
      const indicator = indicators.find((i) => i.code === code);
      if (!indicator) throw new AppError('not_found');
      const calc = indicator.calculator ? CALCULATORS[indicator.calculator] : undefined;
      if (indicator.source !== 'computed' || !calc)
        throw new AppError('validation_failed', [{ path: 'code', message: '填报型指标请查看填报记录' }]);
      if (measureCodes(indicator))
        throw new AppError('validation_failed', [{ path: 'code', message: '该指标由几项组成，请查看各项的记录' }]);
      const scope: Scope = {
        year: q.year,
        planStart: row.startYear,
        regionCode: regionFor(actor, q.regionCode),
        industryCode: q.industryCode,
        units: (await ctx.regions.tree()).units(),
      };
      const s = calcScope(indicator, scope);
      const limit = q.limit ?? 50;
      const after = q.after === undefined ? undefined : decodeCursor(q.after, 1)[0];
      // The count from the kept sums; the page from the records, in id order.
      const total = await listedCount(db, indicator, calc, scope, q.side);
      // The count bounds the first page: an empty side reads nothing, a short one stops once it has them all.
      const items = await pageOfRows(db, calc, s, q.side, after, after ? limit + 1 : Math.min(limit + 1, total));
      const shown = items.slice(0, limit);
      return {
        kind: calc.kind,
        total,
        items: shown.map((r) => ({
          id: r.id,
          label: r.label,
          enterpriseId: r.enterprise_id,
          enterpriseName: r.enterprise_name,
          regionCode: r.region_code,
          numerator: Number(r.num),
          denominator: Number(r.den),
        })),
        meta: { nextCursor: items.length > limit ? encodeCursor([shown.at(-1)!.id]) : null },
      };
    },

    /**
     * Every plan's kept sums brought up to the sources' stamp, as the dashboard of its last year
     * so far would read them (each indicator, every year): run in the background so that a
     * reader seldom waits for a computation. Returns the plans read.
     */
    async refreshKept(actor: Actor) {
      const thisYear = Number(today().slice(0, 4));
      const plans = (await listPlans(db)).filter((p) => p.startYear <= thisYear);
      for (const p of plans) await service.dashboard(actor, p.id, { year: Math.min(p.endYear, thisYear) });
      return plans.length;
    },

    /** The dashboard as XLSX, one sheet per view: the indicators, the county and industry matrices, the definitions. Values unrounded. */
    async export(actor: Actor, planId: string, q: Static<typeof ScopeQuery>) {
      const d = await service.dashboard(actor, planId, q);
      const m = await service.matrix(actor, planId, { year: q.year });
      const byIndustry = await service.matrix(actor, planId, { year: q.year, by: 'industry' });
      const names = async (kind: 'regions' | 'industries' | 'departments') =>
        new Map((await listReference(db, kind)).map((r) => [r.code, r.name]));
      const [industries, regions, departments] = [await names('industries'), await names('regions'), await names('departments')];
      const STATUS: Record<string, string> = { met: '达标', near: '接近', not_met: '未达标', no_data: '无数据', no_target: '无目标' };
      // Values as numbers rounded to the indicator's decimals (as the console shows them); counts as they are.
      const num = (i: { kind: string }, v: number | null) => (v === null ? '' : roundForIndicator(i, v));
      const count = (v: number | null) => (v === null ? '' : v);
      const indicatorOf = new Map(d.rows.map((r) => [r.indicator.code, r.indicator]));
      const DEFAULT_KIND = { kind: 'value' };
      const target = (i: Indicator) =>
        i.target === null ? '' : `${directionSign(i.direction)}${i.target}${i.stretch === null ? '' : `–${i.stretch}`}`;
      const name = new Map(d.rows.map((r) => [r.indicator.code, r.indicator.name]));
      // What the number leaves out or is made of: counties not yet reported; the measures of a composite.
      const note = (r: (typeof d.rows)[number]) =>
        r.reported && !r.reported.complete
          ? `${r.reported.regions}/${r.reported.of} 个县市区已报，数据不完整`
          : r.measures
            ? r.measures.map((m) => `${m.name}：${m.value === null ? '—' : roundForIndicator(r.indicator, m.value)}`).join('；')
            : '';
      const file = await writeWorkbook(ctx.config.dataDir, [
        {
          name: '指标看板',
          header: [
            '编码',
            '指标',
            '单位',
            '当前值',
            '分子',
            '分母',
            '比较值',
            '目标',
            '状态',
            '上年值',
            ...d.rows[0]!.trend.map((p) => `${p.year}年`),
            `${d.plan.endYear}年预测`,
            '说明',
          ],
          rows: d.rows.map((r) => {
            const i = r.indicator;
            return [
              i.code,
              i.name,
              i.unit,
              num(i, r.value),
              count(r.numerator),
              count(r.denominator),
              num(i, r.compareValue),
              target(i),
              STATUS[r.status]!,
              num(i, r.previous),
              ...r.trend.map((p) => num(i, p.value)),
              num(i, r.projection.value),
              note(r),
            ];
          }),
        },
        {
          name: '县市区对比',
          header: ['编码', '指标', ...m.columns.map((c) => regions.get(c) ?? c)],
          rows: m.rows.map((r) => [
            r.code,
            name.get(r.code) ?? '',
            ...r.cells.map((c) => num(indicatorOf.get(r.code) ?? DEFAULT_KIND, c.value)),
          ]),
        },
        {
          name: '行业对比',
          header: ['编码', '指标', ...byIndustry.columns.map((c) => industries.get(c) ?? c)],
          rows: byIndustry.rows.map((r) => [
            r.code,
            name.get(r.code) ?? '',
            ...r.cells.map((c) => num(indicatorOf.get(r.code) ?? DEFAULT_KIND, c.value)),
          ]),
        },
        {
          name: '指标定义',
          header: ['编码', '指标', '责任部门', '来源', '定义'],
          rows: d.rows.map((r) => [
            r.indicator.code,
            r.indicator.name,
            departments.get(r.indicator.ownerDepartment) ?? r.indicator.ownerDepartment,
            r.indicator.source === 'computed' ? '平台计算' : '部门填报',
            r.indicator.definition,
          ]),
        },
      ]);
      const scope = q.regionCode ? (regions.get(q.regionCode) ?? q.regionCode) : '全市';
      return { file, downloadName: `${d.plan.name}-${q.year}年-${scope}.xlsx` };
    },
  };
  return service;
}
export type TargetService = ReturnType<typeof targetService>;
