import type { Static } from 'typebox';
import type {
  CountyAssessment,
  CreateScheme,
  Decision,
  ReviewScores,
  Scheme,
  SelfScores,
  UpdateScheme,
} from '../../../contract/schemas/assessments';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/portable';
import { AppError } from '../../errors';
import { today } from '../../lib/dates';
import { uuidv7 } from '../../lib/ids';
import { writeExport, type ExportFormat } from '../../lib/tabular/write';
import { recordAudit } from '../audit/audit.service';
import { readIndicator, type IndicatorRow } from '../targets/values';
import {
  aboveScaleByRegion,
  countiesOf,
  countyTargetsOf,
  findCounty,
  findScheme,
  insertCountyAssessments,
  insertScheme,
  itemsOf,
  listSchemes,
  regionNames,
  replaceCountyTargets,
  replaceItems,
  scoresOf,
  setScore,
  updateCounty,
  updateScheme,
  type CountyChanges,
  type CountyRow,
  type ItemRow,
  type SchemeFields,
  type SchemeRow,
  type TargetRow,
} from './assessments.repository';
import { actsForCounty, countyAbilities, countyRegionScope, schemeAbilities } from './assessments.policy';
import { findPlan, planIndicators } from '../targets/targets.repository';
import { draftScheme } from './draft';
import type { Direction } from '../targets/measure';
import { gradeOf, indicatorPoints, rank, type Scoring, type SmallSampleRule, type Step } from './scoring';

type ItemInput = Static<typeof CreateScheme>['items'][number];
type TargetInput = NonNullable<Static<typeof CreateScheme>['countyTargets']>[number];

const EPSILON = 1e-9;
const presentItem = (i: ItemRow) => ({
  id: i.id,
  code: i.code,
  name: i.name,
  kind: i.kind as 'work',
  points: i.points,
  indicatorCode: i.indicator_code,
  scoring: i.scoring as Scoring,
  steps: JSON.parse(i.steps) as Step[],
  guidance: i.guidance,
});
function presentScheme(s: SchemeRow, items: ItemRow[], targets: TargetRow[]): Omit<Scheme, 'abilities'> {
  return {
    id: s.id,
    year: s.year,
    planId: s.plan_id,
    name: s.name,
    status: s.status as Scheme['status'],
    gradeA: s.grade_a,
    gradeB: s.grade_b,
    gradeC: s.grade_c,
    minSample: s.min_sample,
    smallSampleRule: s.small_sample_rule as SmallSampleRule,
    targetsDueOn: s.targets_due_on,
    selfDueOn: s.self_due_on,
    reviewDueOn: s.review_due_on,
    items: items.map(presentItem),
    countyTargets: targets.map((t) => ({ regionCode: t.region_code, indicatorCode: t.indicator_code, target: t.target })),
    version: s.version,
  };
}
/** The scheme as its reader gets it: with what they may do with it (the audit log keeps it without). */
const schemeFor = (actor: Actor, s: SchemeRow, items: ItemRow[], targets: TargetRow[]): Scheme => ({
  ...presentScheme(s, items, targets),
  abilities: schemeAbilities(actor, s),
});

/**
 * Checks a scheme's items: indicator and work items worth 100 points together; an indicator item
 * names an indicator of the plan with a target; a deduction is worth a negative amount, a veto
 * nothing; a stepped rule has its steps.
 */
function checkItems(items: ItemInput[], indicators: IndicatorRow[], targets: TargetInput[], counties: string[]) {
  const problems: { path: string; message: string }[] = [];
  const sum = items.filter((i) => i.kind === 'indicator' || i.kind === 'work').reduce((s, i) => s + i.points, 0);
  if (Math.abs(sum - 100) > EPSILON) problems.push({ path: 'body/items', message: `指标项和工作项合计应为 100 分，现为 ${sum} 分` });
  const codes = new Set<string>();
  items.forEach((item, n) => {
    const at = `body/items/${n}`;
    if (codes.has(item.code)) problems.push({ path: `${at}/code`, message: `编号 ${item.code} 重复` });
    codes.add(item.code);
    if ((item.kind === 'indicator' || item.kind === 'work') && item.points <= 0)
      problems.push({ path: `${at}/points`, message: '分值应大于 0' });
    if (item.kind === 'deduction' && item.points >= 0)
      problems.push({ path: `${at}/points`, message: '扣分项的分值为最多扣减的分数，应为负数' });
    if (item.kind === 'veto' && item.points !== 0) problems.push({ path: `${at}/points`, message: '否决项不计分值，应为 0' });
    if (item.kind === 'indicator') {
      const indicator = indicators.find((i) => i.code === item.indicatorCode);
      if (!indicator || indicator.target === null || indicator.report_regions === 'province')
        problems.push({ path: `${at}/indicatorCode`, message: '指标项须选择计划中有目标、可分县计算的指标' });
    }
    if (item.scoring === 'stepped' && !item.steps?.length) problems.push({ path: `${at}/steps`, message: '分档计分须设置档次' });
  });
  // A county is scored against its own targets: a count indicator's (how many brands, awards…) must be set for every county, never the city's whole count.
  const read = new Map(
    items.filter((i) => i.kind === 'indicator').map((i) => [i.indicatorCode, indicators.find((x) => x.code === i.indicatorCode)]),
  );
  targets.forEach((t, n) => {
    if (!read.has(t.indicatorCode) || !counties.includes(t.regionCode))
      problems.push({ path: `body/countyTargets/${n}`, message: '县市区目标须对应本方案的指标项和县市区' });
  });
  const seen = new Set(targets.map((t) => `${t.indicatorCode}|${t.regionCode}`));
  if (seen.size !== targets.length) problems.push({ path: 'body/countyTargets', message: '同一县市区同一指标的目标重复' });
  for (const indicator of read.values()) {
    if (indicator?.kind !== 'count') continue;
    const missing = counties.filter((c) => !seen.has(`${indicator.code}|${c}`));
    if (missing.length)
      problems.push({
        path: 'body/countyTargets',
        message: `${indicator.name}：按数量计的指标须为每个县市区设定目标（缺 ${missing.length} 个），不能以全市目标考核县市区`,
      });
  }
  if (problems.length) throw new AppError('validation_failed', problems);
}

/**
 * The yearly county assessment (质量兴县考评): the office sets the scheme and opens it; each county
 * files its targets and assesses itself; the office reviews, then finalises every county at once
 * (totals, grades, ranks fixed) and records its decisions.
 */
export function assessmentService(ctx: AppContext) {
  const { db } = ctx;

  async function scheme(trx: Db, id: string) {
    const row = await findScheme(trx, id);
    if (!row) throw new AppError('not_found');
    const items = await itemsOf(trx, [id]);
    const targets = await countyTargetsOf(trx, [id]);
    return { row, items, targets };
  }
  async function writeItems(trx: Db, schemeId: string, items: ItemInput[], targets: TargetInput[]) {
    await replaceCountyTargets(trx, schemeId, targets);
    await replaceItems(trx, schemeId, items);
  }
  const schemeFields = (input: Static<typeof UpdateScheme> | Static<typeof CreateScheme>): SchemeFields => ({
    name: input.name.trim(),
    planId: input.planId,
    gradeA: input.gradeA ?? 90,
    gradeB: input.gradeB ?? 80,
    gradeC: input.gradeC ?? 60,
    minSample: input.minSample ?? 0,
    smallSampleRule: input.smallSampleRule ?? 'city',
    targetsDueOn: input.targetsDueOn ?? null,
    selfDueOn: input.selfDueOn ?? null,
    reviewDueOn: input.reviewDueOn ?? null,
  });
  function checkGrades(c: SchemeFields) {
    if (!(c.gradeA > c.gradeB && c.gradeB > c.gradeC))
      throw new AppError('validation_failed', [{ path: 'body/gradeA', message: '等级线应为 A > B > C' }]);
  }

  /**
   * A county's items with what they are worth: an indicator item from the county's value for
   * the year (the city's, full or none when its sample is below the minimum, as the scheme
   * says), a work item from the review, a deduction from the review.
   */
  async function evaluate(trx: Db, s: SchemeRow, items: ItemRow[], targets: TargetRow[], counties: CountyRow[]) {
    const indicators = await planIndicators(trx, s.plan_id);
    const plan = (await findPlan(trx, s.plan_id))!;
    const scores = await scoresOf(
      trx,
      counties.map((c) => c.id),
    );
    const readings = new Map<string, Awaited<ReturnType<typeof readIndicator>>['parts']>();
    const cityValue = new Map<string, number | null>();
    const final = s.status === 'final';
    for (const item of items.filter((i) => i.kind === 'indicator')) {
      const indicator = indicators.find((i) => i.code === item.indicator_code)!;
      if (final || readings.has(indicator.code)) continue;
      // The counties' values and the city's (a small sample's fallback) from one grouped query.
      const read = await readIndicator(trx, indicators, indicator, {
        year: s.year,
        planStart: plan.startYear,
        units: (await ctx.regions.tree(trx)).units(),
      });
      readings.set(indicator.code, read.parts);
      cityValue.set(indicator.code, read.reading.value);
    }
    return counties.map((c) => {
      const own = (itemId: string) => scores.find((x) => x.county_assessment_id === c.id && x.item_id === itemId);
      const rows = items.map((item) => {
        const sc = own(item.id);
        const base = {
          itemId: item.id,
          selfScore: sc?.self_score ?? null,
          selfEvidence: sc?.self_evidence ?? '',
          reviewScore: sc?.review_score ?? null,
          reviewComment: sc?.review_comment ?? '',
        };
        if (item.kind !== 'indicator') {
          const score = item.kind === 'work' ? (sc?.review_score ?? null) : item.kind === 'deduction' ? (sc?.review_score ?? 0) : null;
          return { ...base, value: null, sample: null, fallback: false, computed: null, target: null, score };
        }
        const indicator = indicators.find((i) => i.code === item.indicator_code)!;
        // The county's own target; a rate with none set keeps the plan's (a count always has one: checkItems).
        const target =
          targets.find((t) => t.region_code === c.region_code && t.indicator_code === indicator.code)?.target ??
          (indicator.kind === 'count' ? null : indicator.target);
        if (final)
          return {
            ...base,
            value: sc?.final_value ?? null,
            sample: null,
            fallback: false,
            computed: sc?.final_points ?? null,
            target,
            score: sc?.review_score ?? sc?.final_points ?? 0,
          };
        const reading = readings.get(indicator.code)!.get(c.region_code);
        // The sample: the records counted (products, batches), or for a reported rate its denominator.
        const records = indicator.source === 'reported' ? (reading?.denominator ?? 0) : (reading?.records ?? 0);
        const small = indicator.kind === 'rate' && records < s.min_sample;
        const rule = s.small_sample_rule as SmallSampleRule;
        const value =
          small && rule === 'city' ? (cityValue.get(indicator.code) ?? null) : (reading?.value ?? (indicator.kind === 'count' ? 0 : null));
        const spec = { points: item.points, scoring: item.scoring as Scoring, steps: JSON.parse(item.steps) as Step[] };
        const computed =
          small && rule === 'full'
            ? item.points
            : small && rule === 'zero'
              ? 0
              : value === null || target === null
                ? 0
                : indicatorPoints(spec, value, target, indicator.direction as Direction);
        return { ...base, value, sample: records, fallback: small, computed, target, score: sc?.review_score ?? computed };
      });
      const sum = (kind: string) => rows.filter((r, n) => items[n]!.kind === kind).reduce((a, r) => a + (r.score ?? 0), 0);
      const [indicatorPointsSum, workPoints, deductions] = [sum('indicator'), sum('work'), sum('deduction')];
      return {
        county: c,
        rows,
        indicatorPoints: indicatorPointsSum,
        workPoints,
        deductions,
        total: Math.min(100, Math.max(0, indicatorPointsSum + workPoints + deductions)),
      };
    });
  }

  async function present(
    trx: Db,
    actor: Actor,
    s: SchemeRow,
    items: ItemRow[],
    targets: TargetRow[],
    counties: CountyRow[],
    all?: CountyRow[],
  ): Promise<CountyAssessment[]> {
    // Once final, ranks compare every county of the scheme: totals, then indicator and work points.
    const evaluated = await evaluate(trx, s, items, targets, s.status === 'final' && all ? all : counties);
    const ranks =
      s.status === 'final' && all
        ? rank(
            evaluated.map((e) => ({
              regionCode: e.county.region_code,
              total: e.county.total ?? e.total,
              indicatorPoints: e.indicatorPoints,
              workPoints: e.workPoints,
              veto: !!e.county.veto_reason,
            })),
          )
        : null;
    const wanted = new Set(counties.map((c) => c.id));
    // A step is late when done after its due date, or not done and the date has passed.
    const late = (due: string | null, done: string | null) => !!due && (done ? done > due : today() > due);
    const overdue = (c: CountyRow) =>
      (
        [
          ['targets', s.targets_due_on, c.targets_filed_on],
          ['self', s.self_due_on, c.self_submitted_on],
          ['review', s.review_due_on, c.reviewed_on],
        ] as const
      )
        .filter(([, due, done]) => late(due, done))
        .map(([step]) => step);
    return evaluated
      .filter((e) => wanted.has(e.county.id))
      .map((e) => ({
        id: e.county.id,
        schemeId: e.county.scheme_id,
        regionCode: e.county.region_code,
        status: e.county.status as CountyAssessment['status'],
        targetsFiledOn: e.county.targets_filed_on,
        selfSubmittedOn: e.county.self_submitted_on,
        reviewedOn: e.county.reviewed_on,
        overdue: overdue(e.county),
        items: e.rows,
        indicatorPoints: e.indicatorPoints,
        workPoints: e.workPoints,
        deductions: e.deductions,
        total: e.county.total ?? e.total,
        vetoReason: e.county.veto_reason,
        grade: (e.county.grade as CountyAssessment['grade']) ?? null,
        rank: ranks?.get(e.county.region_code) ?? null,
        decision: (e.county.decision as CountyAssessment['decision']) ?? null,
        reward: e.county.reward,
        followUp: e.county.follow_up,
        version: e.county.version,
        abilities: countyAbilities(actor, e.county),
      }));
  }

  async function loadCounty(trx: Db, actor: Actor, id: string) {
    const county = await findCounty(trx, id, countyRegionScope(actor));
    if (!county) throw new AppError('not_found');
    return { county, ...(await scheme(trx, county.scheme_id)) };
  }

  /** Stores scores of a county's items (self or review columns), item by item, within the item's range. */
  async function storeScores(
    trx: Db,
    countyId: string,
    items: ItemRow[],
    given: { itemId: string; score: number | null; text?: string }[],
    columns: 'self' | 'review',
    allowed: (i: ItemRow) => boolean,
  ) {
    const problems: { path: string; message: string }[] = [];
    given.forEach((g, n) => {
      const item = items.find((i) => i.id === g.itemId);
      if (!item || !allowed(item)) return problems.push({ path: `body/scores/${n}/itemId`, message: '该项不能在此填写得分' });
      const [lo, hi] = item.points < 0 ? [item.points, 0] : [0, item.points];
      if (g.score !== null && (g.score < lo - EPSILON || g.score > hi + EPSILON))
        problems.push({ path: `body/scores/${n}/score`, message: `${item.name}：得分应在 ${lo} 到 ${hi} 之间` });
      if (columns === 'review' && item.kind === 'indicator' && g.score !== null && !g.text?.trim())
        problems.push({ path: `body/scores/${n}/comment`, message: `${item.name}：改动计算得分须说明理由` });
    });
    if (problems.length) throw new AppError('validation_failed', problems);
    for (const g of given) {
      const set =
        columns === 'self'
          ? { self_score: g.score, self_evidence: g.text?.trim() ?? '' }
          : { review_score: g.score, review_comment: g.text?.trim() ?? '' };
      await setScore(trx, countyId, g.itemId, set);
    }
  }

  /** A county step under the version read, with its audit event; answers the county after. */
  async function step(
    actor: Actor,
    id: string,
    version: number,
    action: string,
    run: (trx: Db, c: Awaited<ReturnType<typeof loadCounty>>) => Promise<CountyChanges>,
  ) {
    return db.transaction().execute(async (trx) => {
      const loaded = await loadCounty(trx, actor, id);
      if (loaded.county.version !== version) throw new AppError('stale_version');
      const changes = await run(trx, loaded);
      if (!(await updateCounty(trx, id, version, changes))) throw new AppError('stale_version');
      const after = (await findCounty(trx, id, null))!;
      const [shown] = await present(trx, actor, loaded.row, loaded.items, loaded.targets, [after]);
      await recordAudit(
        trx,
        actor,
        action,
        { type: 'county_assessment', id },
        { status: loaded.county.status },
        { status: after.status, total: shown!.total, ...changes },
      );
      return shown!;
    });
  }
  const ownCounty = (actor: Actor, c: CountyRow) => {
    if (!actsForCounty(actor, c)) throw new AppError('forbidden');
  };

  /** The scheme with every county (a county officer: their own, and every county once final). */
  async function results(actor: Actor, id: string) {
    const { row, items, targets } = await scheme(db, id);
    const all = await countiesOf(db, id);
    const visible = actor.role === 'county_officer' && row.status !== 'final' ? all.filter((c) => c.region_code === actor.regionCode) : all;
    const counties = await present(db, actor, row, items, targets, visible, all);
    return {
      scheme: schemeFor(actor, row, items, targets),
      counties: counties.sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0) || a.regionCode.localeCompare(b.regionCode)),
    };
  }

  return {
    async listSchemes(actor: Actor) {
      const rows = await listSchemes(db);
      const ids = rows.map((r) => r.id);
      const items = await itemsOf(db, ids);
      const targets = await countyTargetsOf(db, ids);
      return {
        items: rows.map((r) =>
          schemeFor(
            actor,
            r,
            items.filter((i) => i.scheme_id === r.id),
            targets.filter((t) => t.scheme_id === r.id),
          ),
        ),
      };
    },

    /**
     * A first draft of a year's scheme from a plan: the template's items named as their
     * indicators, and the city's count targets split among the counties by their share of the
     * archive's above-scale enterprises (operating or suspended, not deregistered) — SPLIT_RULE.
     */
    async draft(planId: string) {
      const indicators = await planIndicators(db, planId);
      if (!indicators.length && !(await findPlan(db, planId))) throw new AppError('not_found');
      const counts = await aboveScaleByRegion(db);
      const weights = (await ctx.regions.tree()).units().map((regionCode) => ({ regionCode, weight: counts.get(regionCode) ?? 0 }));
      return draftScheme(indicators, weights);
    },

    async getScheme(actor: Actor, id: string) {
      const { row, items, targets } = await scheme(db, id);
      return schemeFor(actor, row, items, targets);
    },

    async createScheme(actor: Actor, input: Static<typeof CreateScheme>) {
      return db.transaction().execute(async (trx) => {
        checkItems(input.items, await planIndicators(trx, input.planId), input.countyTargets ?? [], (await ctx.regions.tree(trx)).units());
        const fields = schemeFields(input);
        checkGrades(fields);
        const id = uuidv7();
        try {
          await insertScheme(trx, { id, year: input.year, fields, actorId: actor.id, now: new Date().toISOString() });
        } catch (err) {
          if (isUniqueViolation(err)) throw new AppError('duplicate_record', [{ path: 'body/year', message: '该年度已有考评方案' }]);
          throw err;
        }
        await writeItems(trx, id, input.items, input.countyTargets ?? []);
        const { row, items, targets } = await scheme(trx, id);
        const shown = presentScheme(row, items, targets);
        await recordAudit(trx, actor, 'assessment_scheme.create', { type: 'assessment_scheme', id }, null, shown);
        return { ...shown, abilities: schemeAbilities(actor, row) };
      });
    },

    async updateScheme(actor: Actor, id: string, input: Static<typeof UpdateScheme>) {
      return db.transaction().execute(async (trx) => {
        const before = await scheme(trx, id);
        if (before.row.status !== 'draft') throw new AppError('invalid_transition', [{ path: 'body', message: '方案已发布，不能修改' }]);
        checkItems(input.items, await planIndicators(trx, input.planId), input.countyTargets ?? [], (await ctx.regions.tree(trx)).units());
        const fields = schemeFields(input);
        checkGrades(fields);
        if (!(await updateScheme(trx, id, input.version, { fields }))) throw new AppError('stale_version');
        await writeItems(trx, id, input.items, input.countyTargets ?? []);
        const after = await scheme(trx, id);
        await recordAudit(
          trx,
          actor,
          'assessment_scheme.update',
          { type: 'assessment_scheme', id },
          presentScheme(before.row, before.items, before.targets),
          presentScheme(after.row, after.items, after.targets),
        );
        return schemeFor(actor, after.row, after.items, after.targets);
      });
    },

    /** Opens the scheme: every county gets its assessment to file and assess. */
    async open(actor: Actor, id: string, version: number) {
      return db.transaction().execute(async (trx) => {
        const { row } = await scheme(trx, id);
        if (row.status !== 'draft') throw new AppError('invalid_transition', [{ path: 'body', message: '方案已发布' }]);
        if (!(await updateScheme(trx, id, version, { status: 'open' }))) throw new AppError('stale_version');
        const counties = (await ctx.regions.tree(trx)).units();
        await insertCountyAssessments(trx, id, counties, actor.id, new Date().toISOString());
        await recordAudit(
          trx,
          actor,
          'assessment_scheme.open',
          { type: 'assessment_scheme', id },
          { status: 'draft' },
          { status: 'open', counties: counties.length },
        );
        const after = await scheme(trx, id);
        return schemeFor(actor, after.row, after.items, after.targets);
      });
    },

    results,

    async county(actor: Actor, id: string) {
      const { county, row, items, targets } = await loadCounty(db, actor, id);
      const all = row.status === 'final' ? await countiesOf(db, row.id) : undefined;
      return (await present(db, actor, row, items, targets, [county], all))[0]!;
    },

    /** The county files its targets for the year (目标备案). */
    fileTargets: (actor: Actor, id: string, version: number) =>
      step(actor, id, version, 'county_assessment.file', async (_trx, { county }) => {
        ownCounty(actor, county);
        if (county.status !== 'open') throw new AppError('invalid_transition', [{ path: 'body', message: '目标已备案' }]);
        return { status: 'filed', targets_filed_on: today() };
      }),

    /** The county's own scores of its work items with evidence; `submit` hands the self-assessment in. */
    selfAssess: (actor: Actor, id: string, input: Static<typeof SelfScores>) =>
      step(
        actor,
        id,
        input.version,
        input.submit ? 'county_assessment.self_submit' : 'county_assessment.self_save',
        async (trx, { county, items }) => {
          ownCounty(actor, county);
          if (county.status !== 'filed')
            throw new AppError('invalid_transition', [{ path: 'body', message: county.status === 'open' ? '请先备案目标' : '自评已提交' }]);
          await storeScores(
            trx,
            county.id,
            items,
            input.scores.map((s) => ({ itemId: s.itemId, score: s.score, text: s.evidence })),
            'self',
            (i) => i.kind === 'work',
          );
          return input.submit ? { status: 'self_assessed', self_submitted_on: today() } : {};
        },
      ),

    /** The office's review: work items, deductions, an indicator item's points with a reason, a veto. */
    review: (actor: Actor, id: string, input: Static<typeof ReviewScores>) =>
      step(actor, id, input.version, 'county_assessment.review', async (trx, { county, items }) => {
        if (county.status === 'final') throw new AppError('invalid_transition', [{ path: 'body', message: '已定级，不能再审核' }]);
        if (county.status === 'open') throw new AppError('invalid_transition', [{ path: 'body', message: '该县市区尚未备案目标' }]);
        await storeScores(
          trx,
          county.id,
          items,
          input.scores.map((s) => ({ itemId: s.itemId, score: s.score, text: s.comment })),
          'review',
          (i) => i.kind !== 'veto',
        );
        return {
          status: 'reviewed',
          reviewed_on: today(),
          ...(input.vetoReason !== undefined ? { veto_reason: input.vetoReason?.trim() || null } : {}),
        };
      }),

    /**
     * Fixes every county's scores, total and grade once all are reviewed: indicator values and
     * points as they stand today, a veto forcing D. The ranking is read from the totals.
     */
    async finalise(actor: Actor, id: string, version: number) {
      return db.transaction().execute(async (trx) => {
        const { row, items, targets } = await scheme(trx, id);
        if (row.status !== 'open') throw new AppError('invalid_transition', [{ path: 'body', message: '方案未发布或已定级' }]);
        const counties = await countiesOf(trx, id);
        const pending = counties.filter((c) => c.status !== 'reviewed');
        if (pending.length)
          throw new AppError('invalid_transition', [
            { path: 'body', message: `尚有 ${pending.length} 个县市区未审核：${pending.map((c) => c.region_code).join('、')}` },
          ]);
        const evaluated = await evaluate(trx, row, items, targets, counties);
        for (const e of evaluated) {
          for (const [n, item] of items.entries()) {
            if (item.kind !== 'indicator') continue;
            const r = e.rows[n]!;
            await setScore(trx, e.county.id, item.id, { final_value: r.value, final_points: r.computed });
          }
          const grade = gradeOf(e.total, !!e.county.veto_reason, { a: row.grade_a, b: row.grade_b, c: row.grade_c });
          await updateCounty(trx, e.county.id, e.county.version, { status: 'final', total: e.total, grade });
        }
        if (!(await updateScheme(trx, id, version, { status: 'final' }))) throw new AppError('stale_version');
        await recordAudit(
          trx,
          actor,
          'assessment_scheme.finalise',
          { type: 'assessment_scheme', id },
          { status: 'open' },
          { status: 'final', totals: Object.fromEntries(evaluated.map((e) => [e.county.region_code, e.total])) },
        );
        return schemeFor(actor, { ...row, status: 'final', version: version + 1 }, items, targets);
      });
    },

    /** The leading group's decision on a finalised county: commendation or criticism, reward, follow-up. */
    decide: (actor: Actor, id: string, input: Static<typeof Decision>) =>
      step(actor, id, input.version, 'county_assessment.decide', async (_trx, { county }) => {
        if (county.status !== 'final') throw new AppError('invalid_transition', [{ path: 'body', message: '定级后才能记录奖惩决定' }]);
        return { decision: input.decision, reward: input.reward?.trim() ?? '', follow_up: input.followUp?.trim() ?? '' };
      }),

    /** The official table: rank, county, every item's points, subtotals, total, grade, veto, decision. */
    async export(actor: Actor, id: string, format: ExportFormat) {
      const { scheme: s, counties } = await results(actor, id);
      const regions = await regionNames(db);
      const GRADE_DECISION: Record<string, string> = { commend: '表彰', criticise: '通报批评', none: '' };
      const items = s.items.filter((i) => i.kind !== 'veto');
      async function* rows() {
        yield counties.map((c) => [
          c.rank === null ? '' : String(c.rank),
          regions.get(c.regionCode) ?? c.regionCode,
          ...items.map((i) => {
            const v = c.items.find((x) => x.itemId === i.id)?.score;
            return v === null || v === undefined ? '' : String(Math.round(v * 100) / 100);
          }),
          String(Math.round(c.total * 100) / 100),
          c.grade ?? '',
          c.vetoReason ?? '',
          c.decision ? GRADE_DECISION[c.decision]! : '',
        ]);
      }
      const file = await writeExport(
        ctx.config.dataDir,
        format,
        ['名次', '县市区', ...items.map((i) => `${i.name}（${i.points}）`), '总分', '等级', '否决事项', '奖惩'],
        rows(),
      );
      return { file, downloadName: `${s.year}年质量兴县考评结果.${format}` };
    },
  };
}
export type AssessmentService = ReturnType<typeof assessmentService>;
