import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { columnTypes } from './dialect';

/**
 * Target plans and their indicators (policy §二), and the values departments report. The plan
 * 质量兴郴 2010–2015 is seeded from the target register (POLICY.md); targets are data, so a city
 * copies and edits a plan for the next period. `calculator` names the function that computes an
 * indicator from the records, `reading` its settings where the definition is not official, and
 * `compare_code` a reported indicator subtracted from the computed value (the province average).
 */
type Seed = {
  code: string;
  section: string;
  name: string;
  name_en: string;
  unit: string;
  kind: 'rate' | 'count' | 'value';
  direction: '>=' | '<=' | '=';
  target: number | null;
  stretch?: number;
  owner: string;
  source: 'computed' | 'reported';
  calculator?: string;
  reading?: object;
  compare_code?: string;
  report_regions?: 'counties' | 'province';
  definition: string;
};

const S: Seed[] = [
  {
    code: 'IND-QA',
    section: 'industry',
    name: '获湖南省质量管理奖企业',
    name_en: 'Enterprises winning the Hunan Quality Management Award',
    unit: '家',
    kind: 'count',
    direction: '>=',
    target: 5,
    stretch: 6,
    owner: 'quality',
    source: 'computed',
    calculator: 'honour_count',
    reading: { programme: 'hunan_qm_award', count: 'granted_in_plan' },
    definition: '计划期内（起始年 1 月 1 日至当年末）获得湖南省质量管理奖的企业数（同一企业多次获奖计一家）。取自荣誉登记簿。',
  },
  {
    code: 'IND-FLAG',
    section: 'industry',
    name: '标志性工业企业',
    name_en: 'Flagship industrial enterprises',
    unit: '家',
    kind: 'count',
    direction: '>=',
    target: 30,
    stretch: 50,
    owner: 'economy_it',
    source: 'computed',
    calculator: 'flagship_count',
    definition: '当年标志性工业企业名单上的企业数（名单按当年销售收入 30–50 亿元核对，见“名牌与荣誉 · 标志性企业”）。',
  },
  {
    code: 'IND-KEYBRAND',
    section: 'industry',
    name: '重点扶持大品牌',
    name_en: 'Key supported big brands',
    unit: '个',
    kind: 'count',
    direction: '>=',
    target: 10,
    owner: 'quality',
    source: 'computed',
    calculator: 'honour_count',
    reading: { programme: 'key_big_brand', count: 'in_force' },
    definition: '当年末列为重点扶持大品牌且有效的荣誉数。',
  },
  {
    code: 'PQ-ADOPT',
    section: 'product',
    name: '重点企业、重要产品、名牌产品和外资企业产品采标率',
    name_en: 'International / advanced standard adoption of key, brand and foreign-invested products',
    unit: '%',
    kind: 'rate',
    direction: '>=',
    target: 85,
    owner: 'quality',
    source: 'computed',
    calculator: 'standard_adoption',
    reading: { adoption: ['IDT', 'MOD'], kinds: ['international', 'foreign_advanced'] },
    definition:
      '分母：重点企业、外资企业的产品，以及标为重点产品或名牌产品的产品（当年末在档）。分子：其中至少执行一项国际标准或国外先进标准，或以等同（IDT）、修改（MOD）方式采用国际标准的产品。采标率暂无官方定义，非等效（NEQ）是否计入为可调设置。',
  },
  {
    code: 'PQ-STDCOV',
    section: 'product',
    name: '工业产品标准覆盖率',
    name_en: 'Industrial product standard coverage',
    unit: '%',
    kind: 'rate',
    direction: '>=',
    target: 98,
    owner: 'quality',
    source: 'computed',
    calculator: 'standard_coverage',
    definition:
      '分母：当年末在档的工业产品。分子：其中标为“按标准组织生产”且登记了至少一项执行标准的产品。标准覆盖率暂无官方定义，此为所取口径。',
  },
  {
    code: 'PQ-GREEN',
    section: 'product',
    name: '市级以上农业产业化龙头企业食品类产品达到绿色食品标准比例',
    name_en: 'Food products of city-level-or-above agricultural leading enterprises meeting the green-food standard',
    unit: '%',
    kind: 'rate',
    direction: '>=',
    target: 100,
    owner: 'agriculture',
    source: 'computed',
    calculator: 'green_food',
    reading: { levels: ['city', 'province', 'national'] },
    definition:
      '分母：市级、省级、国家级农业产业化龙头企业在档的食品类产品。分子：其中列入有效“绿色食品”荣誉的产品，或其企业持有当年末有效的绿色食品认证。',
  },
  {
    code: 'PQ-AGSTD',
    section: 'product',
    name: '主导农产品标准覆盖率',
    name_en: 'Standard coverage of main agricultural products',
    unit: '%',
    kind: 'rate',
    direction: '>=',
    target: 95,
    owner: 'agriculture',
    source: 'reported',
    report_regions: 'counties',
    definition: '由农业部门按县市区填报：分子为有标准的主导农产品品种数，分母为主导农产品品种数；全市值为各县市区分子、分母之和相除。',
  },
  {
    code: 'PQ-KEYPASS',
    section: 'product',
    name: '重点产品、名牌产品国家和省级监督抽查合格率',
    name_en: 'National and provincial spot-check pass rate of key and brand products',
    unit: '%',
    kind: 'rate',
    direction: '>=',
    target: 100,
    owner: 'quality',
    source: 'computed',
    calculator: 'inspection_pass_rate',
    reading: { levels: ['national', 'provincial'], products: ['key', 'brand'] },
    definition:
      '当年国家和省级监督抽查中，样品关联到档案中重点产品或名牌产品的批次：分子为结论合格的批次，分母为结论已确定的批次（复检结论为准）。',
  },
  {
    code: 'PQ-EXPORT',
    section: 'product',
    name: '出口产品出厂合格率',
    name_en: 'Factory pass rate of export products',
    unit: '%',
    kind: 'rate',
    direction: '>=',
    target: 100,
    owner: 'ciq',
    source: 'reported',
    report_regions: 'counties',
    definition: '由检验检疫部门按县市区填报：分子为出厂检验合格批次，分母为出厂检验批次。',
  },
  {
    code: 'PQ-PASSGAP',
    section: 'product',
    name: '国家和省级监督抽查合格率高于全省平均',
    name_en: 'National and provincial spot-check pass rate above the provincial average',
    unit: '个百分点',
    kind: 'value',
    direction: '>=',
    target: 2,
    stretch: 5,
    owner: 'quality',
    source: 'computed',
    calculator: 'inspection_pass_rate',
    reading: { levels: ['national', 'provincial'] },
    compare_code: 'PROV-PASSRATE',
    definition:
      '全市当年国家和省级监督抽查合格率（合格批次 ÷ 结论已确定批次）减去全省平均合格率（PROV-PASSRATE，质监部门填报），单位为百分点。',
  },
  {
    code: 'PQ-NEWPROD',
    section: 'product',
    name: '新产品产值率',
    name_en: 'New-product output value rate',
    unit: '%',
    kind: 'rate',
    direction: '>=',
    target: 11,
    owner: 'statistics',
    source: 'computed',
    calculator: 'figure_ratio',
    reading: { numerator: 'new_product_output_value', denominator: 'output_value' },
    definition: '新产品产值 ÷ 工业总产值，取企业当年经济指标之和（两项都填报的企业）。',
  },
  {
    code: 'PQ-HNBRAND',
    section: 'product',
    name: '湖南省名牌产品',
    name_en: 'Hunan Top Brand products in force',
    unit: '个',
    kind: 'count',
    direction: '>=',
    target: 40,
    stretch: 50,
    owner: 'quality',
    source: 'computed',
    calculator: 'honour_count',
    reading: { programme: 'hunan_top_brand', count: 'in_force' },
    definition: '当年末有效的湖南省名牌产品荣誉数。',
  },
  {
    code: 'PQ-CNBRAND',
    section: 'product',
    name: '创建中国名牌产品',
    name_en: 'China Top Brand products created',
    unit: '个',
    kind: 'count',
    direction: '>=',
    target: 4,
    stretch: 5,
    owner: 'quality',
    source: 'computed',
    calculator: 'honour_count',
    reading: { programme: 'china_top_brand', count: 'granted_in_plan' },
    definition: '计划期内新获得的中国名牌产品数（该项目 2007 年后不再评选，计划期内无法新增）。',
  },
  {
    code: 'PQ-BRANDSHARE',
    section: 'product',
    name: '名牌产品经济规模占工业总产值比重',
    name_en: 'Brand products’ share of industrial output value',
    unit: '%',
    kind: 'rate',
    direction: '>=',
    target: 20,
    owner: 'quality',
    source: 'computed',
    calculator: 'brand_output_share',
    reading: { figure: 'output_value' },
    definition:
      '当年末持有有效产品类名牌荣誉的企业的工业总产值 ÷ 全部企业工业总产值。档案只有企业产值、没有分产品产值，故以企业产值计（可调设置）。',
  },
  {
    code: 'PQ-BRANDGROWTH',
    section: 'product',
    name: '名牌企业产值增幅高于全省平均',
    name_en: 'Brand enterprises’ output growth above the provincial average',
    unit: '个百分点',
    kind: 'value',
    direction: '>=',
    target: 0,
    owner: 'statistics',
    source: 'computed',
    calculator: 'brand_growth',
    reading: { figure: 'output_value' },
    compare_code: 'PROV-BRANDGROWTH',
    definition:
      '当年末持有有效产品类名牌荣誉的企业，其工业总产值较上年增长率（两年都填报的企业之和）减去全省平均增长率（PROV-BRANDGROWTH，统计部门填报），单位为百分点；销售额、出口、利税可在设置中改选。',
  },
  {
    code: 'CON-STD',
    section: 'construction',
    name: '竣工工程达到国家标准或规范要求比例',
    name_en: 'Completed projects meeting national standards',
    unit: '%',
    kind: 'rate',
    direction: '>=',
    target: 100,
    owner: 'housing',
    source: 'reported',
    report_regions: 'counties',
    definition: '由住建部门按县市区填报：分子为达到国家标准或规范要求的竣工工程数，分母为竣工工程数。',
  },
  {
    code: 'CON-FIRSTPASS',
    section: 'construction',
    name: '工程一次验收合格率',
    name_en: 'First-time acceptance pass rate',
    unit: '%',
    kind: 'rate',
    direction: '>=',
    target: 100,
    owner: 'housing',
    source: 'reported',
    report_regions: 'counties',
    definition: '由住建部门按县市区填报：分子为一次验收合格的工程数，分母为组织竣工验收的工程数。',
  },
  {
    code: 'CON-EXCELLENT',
    section: 'construction',
    name: '工程质量优良率',
    name_en: 'Construction excellent rate',
    unit: '%',
    kind: 'rate',
    direction: '>=',
    target: 85,
    owner: 'housing',
    source: 'reported',
    report_regions: 'counties',
    definition: '由住建部门按县市区填报：分子为评为优良的工程数，分母为竣工验收工程数（“优良”等级现行有效性待确认）。',
  },
  {
    code: 'CON-UNQUALIFIED',
    section: 'construction',
    name: '不合格工程投入使用',
    name_en: 'Unqualified projects put into use',
    unit: '项',
    kind: 'count',
    direction: '<=',
    target: 0,
    owner: 'housing',
    source: 'reported',
    report_regions: 'counties',
    definition: '由住建部门按县市区填报当年不合格工程项目投入使用的数量。',
  },
  {
    code: 'SVC-NOFAKE',
    section: 'service',
    name: '新创建“百城万店无假货”示范街（市场、店）',
    name_en: 'New "no fakes" demonstration streets, markets and shops',
    unit: '家',
    kind: 'count',
    direction: '>=',
    target: 50,
    owner: 'commerce',
    source: 'computed',
    calculator: 'honour_count',
    reading: { programme: 'no_fake_demo', count: 'granted_in_plan' },
    definition: '计划期内新认定的“百城万店无假货”示范街（市场、店）数。取自荣誉登记簿。',
  },
  {
    code: 'SVC-STD',
    section: 'service',
    name: '服务标准化达标单位',
    name_en: 'Service standardisation compliant units',
    unit: '家',
    kind: 'count',
    direction: '>=',
    target: 30,
    owner: 'quality',
    source: 'computed',
    calculator: 'honour_count',
    reading: { programme: 'service_std_unit', count: 'in_force' },
    definition: '当年末有效的服务标准化达标单位数。取自荣誉登记簿。',
  },
  {
    code: 'SVC-CERT',
    section: 'service',
    name: '服务企业通过质量体系认证',
    name_en: 'Service enterprises with QMS certification',
    unit: '家',
    kind: 'count',
    direction: '>=',
    target: 20,
    owner: 'quality',
    source: 'computed',
    calculator: 'service_certified',
    reading: { kind: 'ISO9001' },
    definition: '标为服务业企业、当年末持有有效 ISO 9001 质量管理体系认证证书的企业数。',
  },
  {
    code: 'SVC-HNBRAND',
    section: 'service',
    name: '湖南服务名牌',
    name_en: 'Hunan service brands',
    unit: '个',
    kind: 'count',
    direction: '>=',
    target: 2,
    stretch: 3,
    owner: 'quality',
    source: 'computed',
    calculator: 'honour_count',
    reading: { programme: 'hunan_service_brand', count: 'in_force' },
    definition: '当年末有效的湖南服务名牌荣誉数。',
  },
  {
    code: 'ENV-DISCHARGE',
    section: 'environment',
    name: '废气、废水、废渣达标排放率',
    name_en: 'Discharge compliance rate',
    unit: '%',
    kind: 'rate',
    direction: '>=',
    target: 100,
    owner: 'environment',
    source: 'reported',
    report_regions: 'counties',
    definition: '由环保部门按县市区填报：分子为达标排放的监测点位（或企业）数，分母为监测点位（或企业）数。',
  },
  {
    code: 'ENV-WASTE',
    section: 'environment',
    name: '城市生活垃圾无害化处理率',
    name_en: 'Urban garbage harmless treatment rate',
    unit: '%',
    kind: 'rate',
    direction: '>=',
    target: 95,
    owner: 'urban_mgmt',
    source: 'reported',
    report_regions: 'counties',
    definition: '由城管部门按县市区填报：分子为无害化处理量（吨），分母为生活垃圾清运量（吨）。政策表述为“基本实现”，按 95% 设定。',
  },
  {
    code: 'PROV-PASSRATE',
    section: 'reference',
    name: '全省国家和省级监督抽查平均合格率',
    name_en: 'Provincial average pass rate of national and provincial spot checks',
    unit: '%',
    kind: 'rate',
    direction: '>=',
    target: null,
    owner: 'quality',
    source: 'reported',
    report_regions: 'province',
    definition: '全省当年国家和省级监督抽查合格批次 ÷ 抽查批次，由质监部门按省公布数填报；供 PQ-PASSGAP 比较。',
  },
  {
    code: 'PROV-BRANDGROWTH',
    section: 'reference',
    name: '全省名牌企业产值平均增长率',
    name_en: 'Provincial average output growth of brand enterprises',
    unit: '%',
    kind: 'value',
    direction: '>=',
    target: null,
    owner: 'statistics',
    source: 'reported',
    report_regions: 'province',
    definition: '全省名牌企业工业总产值较上年的增长率（%），由统计部门填报；供 PQ-BRANDGROWTH 比较。',
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const real = t.pg ? ('double precision' as const) : ('real' as const);
  const now = new Date().toISOString();
  await db.schema
    .createTable('target_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('start_year', 'integer', (c) => c.notNull())
    .addColumn('end_year', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema
    .createTable('plan_indicators')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('target_plans.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('target', real)
    .addColumn('stretch', real)
    .addColumn('baseline_year', 'integer')
    .addColumn('baseline_value', real)
    .addColumn('owner_department', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('calculator', 'text')
    .addColumn('reading', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('compare_code', 'text')
    .addColumn('report_regions', 'text')
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('plan_indicators_key', ['plan_id', 'code'])
    .execute();
  await db.schema
    .createTable('reported_values')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('indicator_code', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('department_code', 'text', (c) => c.notNull())
    .addColumn('numerator', real)
    .addColumn('denominator', real)
    .addColumn('value', real)
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submitted_at', t.instant)
    .addColumn('decided_at', t.instant)
    .addColumn('decided_by', 'text')
    .addColumn('decision_comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('reported_values_key', ['indicator_code', 'region_code', 'period'])
    .execute();
  await db.schema.createIndex('reported_values_status_idx').on('reported_values').columns(['status', 'period']).execute();
  await db.schema
    .createTable('reported_value_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reported_value_id', 'text', (c) => c.notNull().references('reported_values.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('numerator', real)
    .addColumn('denominator', real)
    .addColumn('value', real)
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('actor_id', 'text')
    .addColumn('at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reported_value_events_idx').on('reported_value_events').columns(['reported_value_id', 'at']).execute();

  // Indicators read the archive as of a past day, deleted rows included: the partial key index
  // (live rows only) cannot serve them.
  await db.schema.createIndex('product_standards_product_idx').on('product_standards').column('product_id').execute();

  const planId = randomUUID();
  await db
    .insertInto('target_plans')
    .values({
      id: planId,
      code: 'zlxc-2010-2015',
      name: '质量兴郴 2010—2015',
      name_en: 'Quality-Driven Chenzhou 2010–2015',
      start_year: 2010,
      end_year: 2015,
      version: 1,
      created_at: now,
      updated_at: now,
      created_by: null,
    })
    .execute();
  await db
    .insertInto('plan_indicators')
    .values(
      S.map((s, i) => ({
        id: randomUUID(),
        plan_id: planId,
        code: s.code,
        section: s.section,
        name: s.name,
        name_en: s.name_en,
        unit: s.unit,
        kind: s.kind,
        direction: s.direction,
        target: s.target,
        stretch: s.stretch ?? null,
        baseline_year: null,
        baseline_value: null,
        owner_department: s.owner,
        frequency: 'year',
        source: s.source,
        calculator: s.calculator ?? null,
        reading: JSON.stringify(s.reading ?? {}),
        compare_code: s.compare_code ?? null,
        report_regions: s.report_regions ?? null,
        definition: s.definition,
        sort_order: (i + 1) * 10,
        version: 1,
        created_at: now,
        updated_at: now,
        created_by: null,
      })),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('product_standards_product_idx').execute();
  await db.schema.dropTable('reported_value_events').execute();
  await db.schema.dropTable('reported_values').execute();
  await db.schema.dropTable('plan_indicators').execute();
  await db.schema.dropTable('target_plans').execute();
}
