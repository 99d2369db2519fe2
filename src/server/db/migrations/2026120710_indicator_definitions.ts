import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { columnTypes } from './dialect';

/**
 * The indicators' definitions corrected to the policy's words (郴政发〔2010〕4号 §二), in every
 * plan of the database, and what the archive needed for them:
 * - enterprises.deregistered_on: an enterprise deregistered before a year is no industrial
 *   producer of that year (PQ-STDCOV, PQ-ADOPT, PQ-NEWPROD, PQ-BRANDSHARE);
 * - certifications.product_ids: a green-food certificate names its products (PQ-GREEN);
 * - assessment_county_targets: a county is assessed against its own targets, set per county in
 *   the scheme, never against the city's whole count.
 * An edited indicator's version moves (the dashboard's sums are kept per version), and every
 * kept sum is forgotten: the calculators themselves changed, so sums of an indicator a city added
 * with one of them are stale too; the next read (or the background refresh) computes them again.
 * Targets a city has set are left as they are, except PQ-BRANDGROWTH's, which becomes "above" (> 0).
 */
type Fix = {
  definition: string;
  reading?: Record<string, unknown>;
  direction?: string;
  target?: number | null;
  compare_code?: null;
  name?: string;
  name_en?: string;
};

const INDUSTRIAL = '工业生产企业：未标为服务业企业、成立日期不晚于当年末、未在当年 1 月 1 日前注销的企业（标为注销而未填注销日期的不计）。';
const MEASURES = ['PQ-BRANDGROWTH-OUTPUT', 'PQ-BRANDGROWTH-SALES', 'PQ-BRANDGROWTH-EXPORT', 'PQ-BRANDGROWTH-PROFIT'];

export const FIXES: Record<string, Fix> = {
  'IND-QA': {
    reading: { distinctEnterprises: true },
    definition:
      '计划期内（起始年 1 月 1 日至当年末）获得湖南省质量管理奖的企业数：同一企业多次获奖计一家（计入其首次获奖所在县市区），已撤销的不计。取自荣誉登记簿。',
  },
  'PQ-ADOPT': {
    definition: `分母：工业生产企业中重点企业、外资企业的产品，以及标为重点产品或名牌产品的产品（当年末在档）。分子：其中至少执行一项国际标准或国外先进标准，或以等同（IDT）、修改（MOD）方式采用国际标准的产品。${INDUSTRIAL}采标率暂无官方定义，非等效（NEQ）是否计入为可调设置。`,
  },
  'PQ-STDCOV': {
    definition: `分母：工业生产企业当年末在档的产品。分子：其中标为“按标准组织生产”且登记了至少一项执行标准的产品。${INDUSTRIAL}标准覆盖率暂无官方定义，此为所取口径。`,
  },
  'PQ-GREEN': {
    definition:
      '分母：市级、省级、国家级农业产业化龙头企业在档的食品类产品（按产品计）。分子：其中当年末持有有效绿色食品证书的产品——列入有效“绿色食品”荣誉的产品，或其企业有效的绿色食品认证证书载明的产品；企业持证而证书未载明的产品不计。',
  },
  'PQ-NEWPROD': {
    definition: `新产品产值 ÷ 工业总产值。分母：工业生产企业当年工业总产值之和（填报了总产值的企业）；分子：这些企业的当年新产品产值之和（未填报新产品产值的计 0）。与 PQ-BRANDSHARE 分母相同。${INDUSTRIAL}`,
  },
  'PQ-BRANDSHARE': {
    definition: `分子：当年末持有有效产品类名牌荣誉的工业生产企业的当年工业总产值之和（一家企业持有多项名牌只计一次）；分母：工业生产企业当年工业总产值之和（与 PQ-NEWPROD 分母相同）。${INDUSTRIAL}档案只有企业产值、没有分产品产值，故以企业产值计（可调设置）。`,
  },
  'PQ-BRANDGROWTH': {
    reading: { figure: 'output_value', measures: MEASURES },
    // Its measures take the old name's 产值 part: the whole names all four.
    name: '名牌企业产值、销售额、出口创汇额、利税增幅高于全省平均',
    name_en: 'Brand enterprises’ output, sales, export earnings and profit-and-tax growth above the provincial average',
    direction: '>',
    target: 0,
    compare_code: null,
    definition:
      '名牌企业（当年末持有有效产品类名牌荣誉、两年都填报该项的企业之和）的产值、销售额、出口创汇额、利税四项较上年的增长率，各减去全省同项平均增长率（统计部门填报），单位为百分点，四项分列。政策要求四项“增长幅度超过全省平均水平”：四项均高于全省（差值 > 0）方为达标；本指标的值为四项差值中最小者，任一项无数据则无数据。',
  },
  'SVC-HNBRAND': {
    reading: { count: 'granted_in_plan' },
    definition: '计划期内（起始年 1 月 1 日至当年末）新创建（获评）的湖南服务名牌数，已撤销的不计。取自荣誉登记簿。',
  },
  'PROV-BRANDGROWTH': {
    definition: '全省名牌企业工业总产值较上年的增长率（%），由统计部门填报；供 PQ-BRANDGROWTH-OUTPUT（产值项）比较。',
  },
};

type New = {
  code: string;
  name: string;
  name_en: string;
  section: string;
  unit: string;
  kind: string;
  direction: string;
  target: number | null;
  owner: string;
  source: string;
  calculator?: string;
  reading?: object;
  compare_code?: string;
  report_regions?: string;
  definition: string;
  after: string;
};
const measure = (code: string, figure: string, what: string, whatEn: string, compare: string): New => ({
  code,
  name: `名牌企业${what}增幅高于全省平均`,
  name_en: `Brand enterprises’ ${whatEn} growth above the provincial average`,
  section: 'product',
  unit: '个百分点',
  kind: 'value',
  direction: '>',
  target: 0,
  owner: 'statistics',
  source: 'computed',
  calculator: 'brand_growth',
  reading: { figure },
  compare_code: compare,
  after: 'PQ-BRANDGROWTH',
  definition: `当年末持有有效产品类名牌荣誉的企业，其${what}较上年增长率（两年都填报${what}的企业之和：Σ(当年 − 上年) ÷ Σ上年）减去全省名牌企业${what}平均增长率（${compare}，统计部门填报），单位为百分点；高于全省（> 0）为达标。PQ-BRANDGROWTH 的一项。`,
});
const province = (code: string, what: string, whatEn: string, of: string): New => ({
  code,
  name: `全省名牌企业${what}平均增长率`,
  name_en: `Provincial average ${whatEn} growth of brand enterprises`,
  section: 'reference',
  unit: '%',
  kind: 'value',
  direction: '>=',
  target: null,
  owner: 'statistics',
  source: 'reported',
  report_regions: 'province',
  after: 'PROV-BRANDGROWTH',
  definition: `全省名牌企业${what}较上年的增长率（%），由统计部门填报；供 ${of} 比较。`,
});
export const ADDED: New[] = [
  measure('PQ-BRANDGROWTH-OUTPUT', 'output_value', '产值', 'output', 'PROV-BRANDGROWTH'),
  measure('PQ-BRANDGROWTH-SALES', 'sales_revenue', '销售额', 'sales', 'PROV-BRANDGROWTH-SALES'),
  measure('PQ-BRANDGROWTH-EXPORT', 'export_value', '出口创汇额', 'export earnings', 'PROV-BRANDGROWTH-EXPORT'),
  measure('PQ-BRANDGROWTH-PROFIT', 'profit_and_tax', '利税', 'profit and tax', 'PROV-BRANDGROWTH-PROFIT'),
  province('PROV-BRANDGROWTH-SALES', '销售额', 'sales', 'PQ-BRANDGROWTH-SALES'),
  province('PROV-BRANDGROWTH-EXPORT', '出口创汇额', 'export earnings', 'PQ-BRANDGROWTH-EXPORT'),
  province('PROV-BRANDGROWTH-PROFIT', '利税', 'profit and tax', 'PQ-BRANDGROWTH-PROFIT'),
];

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const real = t.pg ? ('double precision' as const) : ('real' as const);
  const now = new Date().toISOString();
  await db.schema.alterTable('enterprises').addColumn('deregistered_on', t.date).execute();
  await db.schema
    .alterTable('certifications')
    .addColumn('product_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .createTable('assessment_county_targets')
    .addColumn('scheme_id', 'text', (c) => c.notNull().references('assessment_schemes.id').onDelete('cascade'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('indicator_code', 'text', (c) => c.notNull())
    .addColumn('target', real, (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_county_targets_pk', ['scheme_id', 'region_code', 'indicator_code'])
    .execute();

  const plans = await db.selectFrom('target_plans').select('id').execute();
  for (const plan of plans) {
    const rows = await db
      .selectFrom('plan_indicators')
      .select(['id', 'code', 'reading', 'version', 'sort_order'])
      .where('plan_id', '=', plan.id)
      .execute();
    for (const row of rows) {
      const fix = FIXES[row.code as string];
      if (!fix) continue;
      const reading = fix.reading ? JSON.stringify({ ...(JSON.parse(row.reading as string) as object), ...fix.reading }) : row.reading;
      await db
        .updateTable('plan_indicators')
        .set({
          definition: fix.definition,
          reading,
          ...(fix.direction ? { direction: fix.direction } : {}),
          ...(fix.target !== undefined ? { target: fix.target } : {}),
          ...(fix.compare_code !== undefined ? { compare_code: fix.compare_code } : {}),
          ...(fix.name ? { name: fix.name, name_en: fix.name_en } : {}),
          version: Number(row.version) + 1,
          updated_at: now,
        })
        .where('id', '=', row.id)
        .execute();
    }
    // New indicators go right after the one they belong with (sort orders are 10 apart), in a plan that has it.
    const codes = new Set(rows.map((r) => r.code as string));
    for (const [n, a] of ADDED.entries()) {
      const anchor = rows.find((r) => r.code === a.after);
      if (codes.has(a.code) || !anchor) continue;
      await db
        .insertInto('plan_indicators')
        .values({
          id: randomUUID(),
          plan_id: plan.id,
          code: a.code,
          section: a.section,
          name: a.name,
          name_en: a.name_en,
          unit: a.unit,
          kind: a.kind,
          direction: a.direction,
          target: a.target,
          stretch: null,
          baseline_year: null,
          baseline_value: null,
          owner_department: a.owner,
          frequency: 'year',
          source: a.source,
          calculator: a.calculator ?? null,
          reading: JSON.stringify(a.reading ?? {}),
          compare_code: a.compare_code ?? null,
          report_regions: a.report_regions ?? null,
          definition: a.definition,
          sort_order: Number(anchor.sort_order) + 1 + (n % 4),
          version: 1,
          created_at: now,
          updated_at: now,
          created_by: null,
        })
        .execute();
    }
  }
  await db.deleteFrom('indicator_sum_runs').execute();
  await db.deleteFrom('indicator_part_sums').execute();
  await db.deleteFrom('indicator_sums').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db
    .deleteFrom('plan_indicators')
    .where(
      'code',
      'in',
      ADDED.map((a) => a.code),
    )
    .execute();
  await db.schema.dropTable('assessment_county_targets').execute();
  await db.schema.alterTable('certifications').dropColumn('product_ids').execute();
  await db.schema.alterTable('enterprises').dropColumn('deregistered_on').execute();
}
