import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits';
import { Id, Instant, Nullable, Version, RegionCode } from './common';
import { DateString } from './enterprises';

export const PLAN_LEVELS = ['national', 'provincial', 'city', 'county'] as const; // 国家/省/市/县
export const CHECK_TYPES = ['routine', 'tracking', 'emergency'] as const; // 常规 / 跟踪抽查 / 突发事件
export const SAMPLING_PLACES = ['production', 'circulation', 'catering', 'online'] as const; // 生产 / 流通 / 餐饮 / 电商
/** A case's sampling stage: an imported table may not say (unknown 未注明). */
export const CASE_PLACES = [...SAMPLING_PLACES, 'unknown'] as const;
export const PARTY_ROLES = ['manufacturer', 'commissioner', 'packer', 'importer', 'distributor'] as const;
const Party = Type.Object({
  role: Type.Enum(PARTY_ROLES, {
    description: 'manufacturer 生产商/受委托方，commissioner 委托方，packer 分装商，importer 进口商，distributor 经销商/供货商',
  }),
  name: Type.String(),
  country: Type.Optional(Type.String({ description: '进口商品的原产国' })),
});
/** A case's archive product flag, in the key- and brand-product statistics. */
export const PRODUCT_FLAGS = ['yes', 'no', 'unlinked'] as const;
export const CASE_STATES = [
  'sampled',
  'refused',
  'refusal_warned',
  'qualified',
  'unqualified',
  'notified',
  'objected',
  'rechecking',
  'final_unqualified',
  'rectifying',
  'review_failed',
  'announced',
  'suspended',
  'closed',
  'licence_revoked',
] as const;

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });

export const TestingBody = Type.Object({
  id: Id,
  name: Type.String(),
  accreditationNo: Type.String({ description: 'CMA/CNAS 资质认定编号' }),
  scope: Type.String({ description: '检验范围' }),
  active: Type.Boolean(),
  version: Type.Integer(),
});
export const CreateTestingBody = Type.Object(
  { name: Text(LIMITS.name.max, 2), accreditationNo: Text(60, 2), scope: Type.Optional(Text(LIMITS.reason.max)) },
  { additionalProperties: false },
);

const CategoryScheme = Type.Object(
  {
    categoryCode: Text(32, 1),
    plannedBatches: Type.Integer({ minimum: 1, maximum: 100_000, description: '计划抽查批次' }),
    testItems: Type.Array(Text(100, 1), { maxItems: 100, description: '检验项目' }),
    method: Type.Optional(Text(LIMITS.reason.max)),
    judgingStandard: Type.Optional(Text(200)),
    testingBodyId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);

export const Plan = Type.Object({
  id: Id,
  year: Type.Integer(),
  level: Type.Enum(PLAN_LEVELS),
  title: Type.String(),
  departmentCode: Type.String(),
  regionCode: Type.String(),
  categories: Type.Array(CategoryScheme),
  version: Type.Integer(),
  createdAt: Instant,
  abilities: Type.Object(
    {
      draw: Type.Boolean(),
      publish: Type.Boolean(),
      issueNumber: Type.Boolean({ description: '可为通报编发文号' }),
      importResults: Type.Boolean({ description: '可导入检验结果表' }),
    },
    { description: '当前用户对该计划可做的操作（组织者：县级用户仅本县计划）' },
  ),
});
export type Plan = Static<typeof Plan>;
export const CreatePlan = Type.Object(
  {
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    level: Type.Enum(PLAN_LEVELS),
    title: Text(LIMITS.name.max, 2),
    departmentCode: Text(32, 1),
    regionCode: { ...RegionCode, description: '组织抽查的区划：市级计划为本市（QC_HOME_REGION），县级为本县' },
    categories: Type.Array(CategoryScheme, { minItems: 1, maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type CreatePlan = Static<typeof CreatePlan>;

const Samplers = Type.Array(Text(50, 1), { minItems: 2, maxItems: 10, description: '抽样人员（至少两名）' });
export const RegisterSample = Type.Object(
  {
    planId: Id,
    categoryCode: Text(32, 1),
    checkType: Type.Optional(Type.Enum(CHECK_TYPES)),
    sampledEnterpriseId: Type.Optional(Id),
    sampledUnitName: Type.Optional(Text(LIMITS.name.max, 2)),
    producerEnterpriseId: Type.Optional(Id),
    producerName: Type.Optional(Text(LIMITS.name.max, 2)),
    producerRegionCode: Type.Optional(RegionCode),
    productName: Text(LIMITS.name.max, 1),
    productId: Type.Optional(Id),
    brand: Type.Optional(Text(50)),
    model: Type.Optional(Text(100)),
    standardNo: Type.Optional(Text(60)),
    batch: Type.Optional(Text(100)),
    place: Type.Enum(SAMPLING_PLACES),
    sampledOn: DateString,
    documentNo: Text(60, 1),
    samplers: Samplers,
    testQuantity: Type.Optional(Text(50)),
    reserveQuantity: Type.Optional(Text(50)),
    refused: Type.Optional(Type.Boolean({ description: '拒检：受检单位拒绝抽样' })),
  },
  { additionalProperties: false },
);
export type RegisterSample = Static<typeof RegisterSample>;

const ItemResult = Type.Object(
  {
    item: Text(100, 1),
    requirement: Type.Optional(Text(200)),
    measured: Type.Optional(Text(200)),
    // Optional in the schema only so that a missing verdict answers its own code: the service
    // refuses an item without one (400 item_verdict_required). A verdict never has a default.
    passed: Type.Optional(Type.Boolean({ description: '必填：true 合格 / false 不合格；缺少时返回 400 item_verdict_required' })),
    severity: Type.Optional(Type.Enum(['serious', 'general'] as const)),
  },
  { additionalProperties: false },
);
const on = { on: DateString, version: Version };
/** One workflow step: the action, the date it happened, and what it needs. */
export const CaseActionBody = Type.Union([
  Type.Object(
    {
      action: Type.Literal('record_result'),
      ...on,
      testingBodyId: Id,
      reportNo: Text(60, 1),
      items: Type.Array(ItemResult, { minItems: 1, maxItems: 200 }),
    },
    { additionalProperties: false },
  ),
  Type.Object({ action: Type.Literal('refuse'), ...on, note: Type.Optional(Text(LIMITS.reason.max)) }, { additionalProperties: false }),
  Type.Object(
    { action: Type.Literal('notify'), ...on, receivedOn: DateString, method: Text(50, 1), crossRegion: Type.Optional(Type.Boolean()) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      action: Type.Literal('object'),
      ...on,
      applicant: Text(LIMITS.name.max, 1),
      items: Type.Array(Text(100, 1), { minItems: 1, maxItems: 100 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      action: Type.Literal('decide_objection'),
      ...on,
      accept: Type.Boolean(),
      recheckBodyId: Type.Optional(Id),
      note: Type.Optional(Text(LIMITS.reason.max)),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { action: Type.Literal('record_recheck'), ...on, reportNo: Text(60, 1), items: Type.Array(ItemResult, { minItems: 1, maxItems: 200 }) },
    { additionalProperties: false },
  ),
  Type.Object({ action: Type.Literal('finalize'), ...on }, { additionalProperties: false }),
  Type.Object({ action: Type.Literal('order_rectification'), ...on, documentNo: Text(60, 1) }, { additionalProperties: false }),
  Type.Object(
    { action: Type.Literal('review'), ...on, passed: Type.Boolean(), note: Type.Optional(Text(LIMITS.reason.max)) },
    { additionalProperties: false },
  ),
  Type.Object({ action: Type.Literal('announce'), ...on, announcementNo: Text(100, 1) }, { additionalProperties: false }),
  Type.Object({ action: Type.Literal('close'), ...on }, { additionalProperties: false }),
  // 产品质量法 art. 56, refusing a lawful check: warning and order to correct → 停业整顿 → revocation.
  Type.Object({ action: Type.Literal('warn_refusal'), ...on, documentNo: Text(60, 1) }, { additionalProperties: false }),
  Type.Object({ action: Type.Literal('suspend'), ...on, documentNo: Text(60, 1) }, { additionalProperties: false }),
  Type.Object({ action: Type.Literal('revoke_licence'), ...on, documentNo: Text(60, 1) }, { additionalProperties: false }),
]);
export type CaseActionBody = Static<typeof CaseActionBody>;

export const Inspection = Type.Object({
  id: Id,
  planId: Id,
  categoryCode: Type.String(),
  checkType: Type.Enum(CHECK_TYPES),
  regionCode: Type.String(),
  sampledEnterpriseId: Nullable(Type.String()),
  sampledUnitName: Type.String(),
  producerEnterpriseId: Nullable(Type.String()),
  producerName: Type.String(),
  producerRegionCode: Nullable(Type.String()),
  productName: Type.String(),
  productId: Nullable(Type.String({ description: '档案中的产品（重点产品、名牌产品统计依此）' })),
  brand: Type.String(),
  model: Type.String(),
  standardNo: Type.String(),
  batch: Type.String(),
  place: Type.Enum(CASE_PLACES, {
    description: 'production 生产 / circulation 流通 / catering 餐饮 / online 电商 / unknown 导入的表格未注明',
  }),
  sampledOn: Type.String({ description: '抽样日期；dateBasis 为 notice 时为公告日期（公布的表格没有抽样日期）' }),
  dateBasis: Type.Enum(['sampled', 'notice'] as const),
  documentNo: Type.String(),
  samplers: Type.Array(Type.String()),
  testQuantity: Type.String(),
  reserveQuantity: Type.String(),
  state: Type.Enum(CASE_STATES),
  verdict: Nullable(Type.String()),
  finalVerdict: Nullable(Type.String()),
  testingBodyId: Nullable(Type.String()),
  testingBodyName: Type.String({ description: '导入的结果表写明的检验机构（未登记的机构）' }),
  reportNo: Nullable(Type.String()),
  reportOn: Nullable(Type.String()),
  receivedOn: Nullable(Type.String()),
  objectionUntil: Nullable(Type.String({ description: '异议期截止日（收到检验结果之日起 15 日）' })),
  objectionFiledOn: Nullable(Type.String()),
  recheckBodyId: Nullable(Type.String()),
  recheckPayer: Nullable(Type.String({ description: 'applicant：复检结论与初检一致，申请人承担；department：不一致，组织部门承担' })),
  rectificationOrderedOn: Nullable(Type.String()),
  rectificationDue: Nullable(Type.String({ description: '责令之日起 60 日内改正' })),
  firstReviewDue: Nullable(Type.String({ description: '责令之日起 75 日内复查' })),
  announcedOn: Nullable(Type.String()),
  secondReviewFrom: Nullable(Type.String()),
  secondReviewUntil: Nullable(Type.String({ description: '公告之日起第 90 日（不含）' })),
  closedOn: Nullable(Type.String()),
  publishedOn: Nullable(Type.String({ description: '结果公布日期' })),
  importId: Nullable(Type.String({ description: '导入自哪一次公布结果表导入' })),
  remarks: Type.String({ description: '公布的表格中的备注' }),
  parties: Type.Array(Party, { description: '表格生产企业一栏中的其他主体' }),
  listed: Type.Boolean({ description: '为假：不合格名单按公告总数计入、表中未列出的合格批次' }),
  allowedActions: Type.Array(Type.String(), { description: '当前状态下允许的操作（且本人有权执行）' }),
  version: Type.Integer(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Inspection = Static<typeof Inspection>;

export const InspectionDetail = Type.Object({
  inspection: Inspection,
  items: Type.Array(
    Type.Object({
      stage: Type.String(),
      seq: Type.Integer(),
      item: Type.String(),
      requirement: Type.String(),
      measured: Type.String(),
      passed: Type.Boolean(),
      severity: Type.String(),
    }),
  ),
  events: Type.Array(
    Type.Object({
      action: Type.String(),
      on: Type.String(),
      stateAfter: Type.String(),
      details: Type.Unknown(),
      actorId: Nullable(Type.String()),
      at: Instant,
    }),
  ),
  due: Type.Array(Type.Object({ kind: Type.String(), from: Type.Optional(Type.String()), by: Type.String() })),
});

/** What the case list (and its export) filters by. */
const CaseFilters = {
  planId: Type.Optional(Id),
  state: Type.Optional(Type.Enum(CASE_STATES)),
  regionCode: Type.Optional(RegionCode),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  categoryCode: Type.Optional(Type.String({ maxLength: 32 })),
  finalVerdict: Type.Optional(
    Type.Enum(['qualified', 'unqualified'] as const, { description: '结论已确定的合格/不合格批次（统计数字背后的批次）' }),
  ),
  level: Type.Optional(Type.Enum(PLAN_LEVELS)),
  place: Type.Optional(Type.Enum(CASE_PLACES)),
  keyProduct: Type.Optional(Type.Enum(PRODUCT_FLAGS, { description: '档案产品是否重点产品：yes / no / unlinked（未关联档案产品）' })),
  brandProduct: Type.Optional(Type.Enum(PRODUCT_FLAGS, { description: '档案产品是否名牌产品：yes / no / unlinked' })),
};
export const InspectionListQuery = Type.Object(
  {
    ...CaseFilters,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    after: Type.Optional(Type.String({ maxLength: 200, description: '上一页返回的 nextCursor' })),
  },
  { additionalProperties: false },
);
const ExportFormat = Type.Optional(Type.Enum(['csv', 'xlsx'] as const, { description: '默认 xlsx' }));
export const InspectionExportQuery = Type.Object({ ...CaseFilters, format: ExportFormat }, { additionalProperties: false });

export const BoardEntry = Type.Object({
  inspectionId: Id,
  regionCode: Type.String(),
  productName: Type.String(),
  producerName: Type.String(),
  state: Type.String(),
  kind: Type.String(),
  from: Type.Optional(Type.String()),
  by: Type.String(),
  overdue: Type.Boolean(),
  officerId: Nullable(Type.String({ description: '登记该案件的人员' })),
  officerName: Type.String(),
});
const BoardTally = Type.Object({ key: Type.String(), name: Type.String(), due: Type.Integer(), overdue: Type.Integer() });
export const Board = Type.Object({
  items: Type.Array(BoardEntry),
  summary: Type.Object(
    { byCounty: Type.Array(BoardTally), byOfficer: Type.Array(BoardTally) },
    { description: '范围内全部待办（不受筛选影响）按县市区、人员汇总' },
  ),
  meta: Type.Object({ truncated: Type.Boolean({ description: '为真时只统计了抽样日期最早的 5000 件未结案件' }) }),
});
const BoardFilters = {
  regionCode: Type.Optional(RegionCode),
  officerId: Type.Optional(Id),
  overdue: Type.Optional(Type.Boolean({ description: '只看已逾期' })),
};
export const BoardQuery = Type.Object(BoardFilters, { additionalProperties: false });
export const BoardExportQuery = Type.Object({ ...BoardFilters, format: ExportFormat }, { additionalProperties: false });

const Weights = Type.Object(
  {
    priorFailure: Type.Number({ minimum: 0, maximum: 100, description: '近 3 年有不合格结论' }),
    expiredCertification: Type.Number({ minimum: 0, maximum: 100, description: '持有过期认证证书' }),
    noStandard: Type.Number({ minimum: 0, maximum: 100, description: '该类产品无执行标准记录' }),
  },
  { additionalProperties: false },
);
export const DrawBody = Type.Object(
  {
    categoryCode: Text(32, 1),
    count: Type.Integer({ minimum: 1, maximum: 10_000, description: '抽取企业数' }),
    regionCode: Type.Optional({ ...RegionCode, description: '市级计划可限定某县市区' }),
    weights: Type.Optional(Type.Partial(Weights)),
    reason: Type.Optional(Text(LIMITS.reason.max, LIMITS.reason.min)),
  },
  {
    additionalProperties: false,
    description: '种子由服务器生成，不接受填写。同一计划同一类别再次抽取须填写 reason（此前的抽取保留），否则 409 redraw_needs_reason',
  },
);
const DrawCandidate = Type.Object({
  enterpriseId: Type.String(),
  name: Type.String(),
  uscc: Type.String(),
  regionCode: Type.String(),
  weight: Type.Number(),
  reasons: Type.Array(Type.String()),
});
const Person = Type.Object({ id: Type.String(), displayName: Type.String() });
/** What every listing of a draw shows: who, when, the commitment and, once revealed, the seed and the result. */
const DrawRecord = {
  id: Id,
  planId: Id,
  categoryCode: Type.String(),
  round: Type.Integer({ description: '该计划该类别的第几次抽取' }),
  reason: Type.String({ description: '再次抽取的理由（第一次为空）' }),
  status: Type.Enum(['committed', 'drawn'] as const, { description: 'committed：已公布承诺值，待抽取；drawn：已抽取，种子已公开' }),
  commitment: Nullable(Type.String({ description: 'SHA-256("种子:随机串")，抽取前公布（早期记录为空）' })),
  seed: Nullable(Type.Integer({ description: '随机种子：抽取后公开' })),
  nonce: Nullable(Type.String({ description: '随机串：抽取后公开' })),
  count: Type.Integer(),
  algorithm: Type.String({ description: '抽取方法与承诺方法，供任何人复算' }),
  enterprises: Type.Array(DrawCandidate, { description: '抽中的企业（抽取前为空）' }),
  inspectors: Type.Array(Person),
  createdBy: Nullable(Person),
  createdAt: Instant,
  drawnBy: Nullable(Person),
  drawnAt: Nullable(Instant),
};
export const Draw = Type.Object({
  ...DrawRecord,
  weights: Weights,
  candidates: Type.Array(DrawCandidate),
  excluded: Type.Array(Type.Object({ enterpriseId: Type.String(), name: Type.String(), reason: Type.String() }), {
    description: '因 6 个月内已抽查而排除',
  }),
  inspectorPool: Type.Array(Person),
});
export const DrawList = Type.Object({
  items: Type.Array(Type.Object({ ...DrawRecord, candidateCount: Type.Integer(), excludedCount: Type.Integer() })),
});
export const DrawCheck = Type.Object({
  matches: Type.Boolean({ description: '按记录的输入与种子复算，结果一致' }),
  commitmentMatches: Nullable(Type.Boolean({ description: '种子与随机串的 SHA-256 等于抽取前公布的承诺值（早期记录为空）' })),
  enterprises: Type.Array(Type.String()),
  inspectors: Type.Array(Type.String()),
});

export const PublicInspectionQuery = Type.Object(
  {
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    level: Type.Optional(Type.Enum(PLAN_LEVELS)),
    categoryCode: Type.Optional(Type.String({ maxLength: 32 })),
    result: Type.Optional(Type.Enum(['qualified', 'unqualified'] as const)),
    regionCode: Type.Optional(RegionCode),
    producer: Type.Optional(Type.String({ minLength: 2, maxLength: 50, description: '标称生产企业名称中包含的文字' })),
    after: Type.Optional(Type.String({ maxLength: 100 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
/** A published result in the layout of published notices (DOMAIN.md §1.5); nothing internal. */
export const PublicInspection = Type.Object({
  id: Id,
  year: Type.Integer(),
  checkLevel: Type.Enum(PLAN_LEVELS),
  planTitle: Type.String(),
  category: Type.String(),
  productName: Type.String(),
  brand: Type.String(),
  model: Type.String({ description: '规格型号' }),
  batch: Type.String({ description: '生产日期/批号' }),
  sampledUnit: Type.String({ description: '受检单位' }),
  sampledUnitRegion: Type.String(),
  producer: Type.String({ description: '标称生产企业' }),
  result: Type.Enum(['qualified', 'unqualified'] as const),
  failedItems: Type.Array(Type.String()),
  testingBody: Type.String(),
  sampledOn: Type.String(),
  publishedOn: Type.String(),
  enterpriseResponse: Nullable(Type.String({ description: '企业说明（经审核公开）' })),
});
/** Document numbers (文号) a record was issued by the server, oldest first; the last is the one in force. */
export const DocumentNumbers = Type.Array(
  Type.Object({
    number: Type.String({ description: '文号，如 郴市监质〔2026〕3号' }),
    reason: Type.String({ description: '再次编发的理由（第一次为空）' }),
    issuedAt: Instant,
    issuedBy: Nullable(Type.Object({ id: Type.String(), displayName: Type.String() })),
  }),
);
export const IssueNumberBody = Type.Object(
  { reason: Type.Optional(Text(LIMITS.reason.max, LIMITS.reason.min)) },
  { additionalProperties: false, description: '已有文号时必填 reason（原文号保留），否则 409 renumber_needs_reason' },
);
/** The printable notice (通报) of a plan's published results. */
export const PlanNotice = Type.Object({
  plan: Type.Object({
    id: Id,
    title: Type.String(),
    year: Type.Integer(),
    level: Type.Enum(PLAN_LEVELS),
    departmentCode: Type.String(),
    department: Type.String(),
    regionCode: Type.String(),
  }),
  publishedOn: Nullable(Type.String({ description: '最近一次公布的日期；尚未公布为空' })),
  total: Type.Object({ tested: Type.Integer(), qualified: Type.Integer(), unqualified: Type.Integer(), passRate: Nullable(Type.Number()) }),
  categories: Type.Array(
    Type.Object({
      categoryCode: Type.String(),
      category: Type.String(),
      plannedBatches: Type.Integer(),
      tested: Type.Integer(),
      qualified: Type.Integer(),
      unqualified: Type.Integer(),
      passRate: Nullable(Type.Number()),
    }),
  ),
  unqualified: Type.Array(PublicInspection),
  disclaimer: Type.String(),
  issuer: Type.String({ description: '发文机关（红头与落款），设置 QC_NOTICE_ISSUER' }),
  numbers: DocumentNumbers,
  abilities: Type.Object({ issueNumber: Type.Boolean({ description: '可为通报编发文号（计划的组织者）' }) }),
});
export const PublicInspectionList = Type.Object({
  items: Type.Array(PublicInspection),
  meta: Type.Object({
    total: Type.Integer(),
    totalCapped: Type.Boolean({ description: '为真时 total 为下限（超过 10000 条）' }),
    nextCursor: Nullable(Type.String()),
    disclaimer: Type.String(),
  }),
});

const StatFilters = {
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  levels: Type.Optional(
    Type.String({
      pattern: '^(national|provincial|city|county)(,(national|provincial|city|county))*$',
      description: '抽查级别，逗号分隔，如 national,provincial（国抽＋省抽）',
    }),
  ),
  categoryCode: Type.Optional(Type.String({ maxLength: 32 })),
  regionCode: Type.Optional(RegionCode),
};
const GROUPS = ['category', 'county', 'industry', 'level', 'place', 'year', 'key_product', 'brand_product'] as const;
const PassRateFilters = {
  by: Type.Enum(GROUPS),
  then: Type.Optional(Type.Enum(GROUPS, { description: '第二个分组维度，如 by=county&then=category' })),
  ...StatFilters,
};
export const PassRateQuery = Type.Object(PassRateFilters, { additionalProperties: false });
export const PassRateExportQuery = Type.Object({ ...PassRateFilters, format: ExportFormat }, { additionalProperties: false });
const Counts = {
  tested: Type.Integer({ description: '抽查批次（结论已确定）' }),
  qualified: Type.Integer(),
  unqualified: Type.Integer(),
  passRate: Nullable(Type.Number({ description: '批次合格率 = 合格批次 ÷ 抽查批次（未舍入）' })),
};
export const PassRates = Type.Object({
  by: Type.String(),
  rows: Type.Array(Type.Object({ key: Type.String(), key2: Type.Optional(Type.String()), ...Counts })),
  total: Type.Object(Counts),
});
export const FailedItemQuery = Type.Object(
  { ...StatFilters, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) },
  { additionalProperties: false },
);
export const FailedItems = Type.Object({ items: Type.Array(Type.Object({ item: Type.String(), batches: Type.Integer() })) });

const ImportCandidate = Type.Object({
  id: Type.String(),
  name: Type.String(),
  uscc: Type.String(),
  regionCode: Type.String(),
  score: Type.Optional(Type.Number()),
});
/** The fields a published table's columns are read as (null: the column is not imported). */
export const RESULT_FIELDS = [
  'productName',
  'brand',
  'model',
  'batch',
  'sampledUnit',
  'sampledUnitAddress',
  'producer',
  'producerAddress',
  'uscc',
  'result',
  'failedItems',
  'testingBody',
  'sampledOn',
  'category',
  'place',
  'remarks',
] as const;
export type ResultField = (typeof RESULT_FIELDS)[number];
/** A published table is a table of results (a verdict on every row) or a list of the failed batches only. */
export const RESULT_TABLE_KINDS = ['results', 'failures_only'] as const;
const Count = (description: string) => Nullable(Type.Integer({ minimum: 0, maximum: 10_000_000, description }));
/** What the officer confirms about a published table: its columns and the notice it belongs to. */
export const ResultImportSettings = Type.Object(
  {
    issuer: Type.String({ maxLength: LIMITS.name.max, description: '发布机关；确认后记住本次的列对应，供该机关下次的表格使用' }),
    noticeTitle: Type.String({ maxLength: 200 }),
    noticeNo: Type.String({ maxLength: 100, description: '公告文号' }),
    noticeDate: Nullable(DateString),
    columns: Type.Array(
      Type.Object(
        { index: Type.Integer({ minimum: 0, maximum: 500 }), field: Nullable(Type.Enum(RESULT_FIELDS)) },
        { additionalProperties: false },
      ),
      { maxItems: 500 },
    ),
    kind: Nullable(
      Type.Enum(RESULT_TABLE_KINDS, { description: 'failures_only：不合格产品名单（无检验结论列，每行均为不合格）；须人工确认，不设默认' }),
    ),
    categoryMap: Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 32 }), {
      description: '表中类别文字 → 类别代码（目录中找不到的，由人工对应）',
    }),
    tableCategory: Nullable(Type.String({ maxLength: 32, description: '表中没有类别列时，整表的类别' })),
    tablePlace: Nullable(Type.Enum(SAMPLING_PLACES, { description: '表中没有抽样环节列时，整表的环节；为空记为未注明' })),
    tested: Count('公告的抽查总批次（共抽查 N 批次）'),
    unqualified: Count('公告的不合格批次'),
    countYear: Nullable(Type.Integer({ minimum: 2000, maximum: 2100, description: '公告年份与计划年份不同时，计入的年份（须选择）' })),
    unlistedCategory: Nullable(Type.String({ maxLength: 32, description: '不合格名单：公告中未列出的合格批次计入的类别' })),
  },
  { additionalProperties: false },
);
export type ResultImportSettings = Static<typeof ResultImportSettings>;
const FailedItem = Type.Object({ item: Type.String(), measured: Type.String(), requirement: Type.String() });
export const ResultImportPreview = Type.Object({
  id: Type.String({ description: '修改设置、确认导入时使用' }),
  revision: Type.Integer({ description: '每次修改设置加 1；确认时须回传，防止按过期的预览写入' }),
  planId: Type.String(),
  fileName: Type.String(),
  header: Type.Object({
    line: Type.Integer({ description: '表头所在行（1 起）' }),
    height: Type.Integer({ description: '表头行数（合并的两行表头为 2）' }),
    title: Type.Array(Type.String(), { description: '表头上方的标题、附件、声明等文字' }),
  }),
  columns: Type.Array(
    Type.Object({
      index: Type.Integer(),
      header: Type.String(),
      field: Nullable(Type.Enum(RESULT_FIELDS)),
      samples: Type.Array(Type.String()),
    }),
  ),
  settings: ResultImportSettings,
  found: Type.Object(
    { tested: Nullable(Type.Integer()), unqualified: Nullable(Type.Integer()) },
    { description: '从表格上方文字读到的公告总数' },
  ),
  year: Type.Object({ plan: Type.Integer(), notice: Nullable(Type.Integer()), counted: Type.Integer() }),
  categories: Type.Array(Type.Object({ text: Type.String(), code: Nullable(Type.String()), batches: Type.Integer() }), {
    description: '表中出现的类别文字及其对应的类别',
  }),
  rows: Type.Array(
    Type.Object({
      line: Type.Integer({ description: '批次的首行行号（选择候选企业时使用）' }),
      lines: Type.Array(Type.Integer(), { description: '该批次所在的各行（同一批次多个不合格项目分行列出时合并）' }),
      status: Type.Enum(['matched', 'candidates', 'unmatched', 'disputed', 'no_producer', 'error'] as const, {
        description:
          'matched：按代码或名称确定；candidates：相似企业待人工选择；unmatched：档案中没有；disputed：备注称标称生产企业否认等，不自动关联；no_producer：未标注生产者（如散装农产品）；error：有错误',
      }),
      productName: Type.String(),
      brand: Type.String(),
      model: Type.String(),
      batch: Type.String(),
      sampledUnit: Type.String(),
      producerCell: Type.String({ description: '表中生产企业一栏的原文' }),
      producer: Nullable(Type.String()),
      producerRole: Nullable(Type.Enum(PARTY_ROLES)),
      parties: Type.Array(Party, { description: '该栏中的其他主体（经销商、委托方等）' }),
      verdict: Nullable(Type.Enum(['qualified', 'unqualified'] as const)),
      items: Type.Array(FailedItem),
      testingBody: Type.String(),
      sampledOn: Nullable(Type.String()),
      category: Nullable(Type.String()),
      place: Type.String(),
      remarks: Type.String(),
      match: Nullable(ImportCandidate),
      candidates: Type.Array(ImportCandidate),
      errors: Type.Array(Type.String()),
      warnings: Type.Array(Type.String()),
    }),
  ),
  counts: Type.Object({
    rows: Type.Integer(),
    batches: Type.Integer(),
    matched: Type.Integer(),
    candidates: Type.Integer(),
    unmatched: Type.Integer(),
    disputed: Type.Integer(),
    noProducer: Type.Integer(),
    error: Type.Integer(),
    qualified: Type.Integer(),
    unqualified: Type.Integer(),
  }),
  problems: Type.Array(Type.Object({ code: Type.String(), message: Type.String() }), { description: '确认前须处理的问题' }),
  warnings: Type.Array(Type.String()),
});
export const ResultImportUpdate = Type.Object(
  { revision: Type.Integer({ minimum: 1 }), settings: ResultImportSettings },
  { additionalProperties: false },
);
export const ResultImportConfirm = Type.Object(
  {
    revision: Type.Integer({ minimum: 1 }),
    choices: Type.Array(Type.Object({ line: Type.Integer({ minimum: 1 }), enterpriseId: Nullable(Id) }, { additionalProperties: false }), {
      maxItems: 100_000,
    }),
  },
  { additionalProperties: false },
);
export const ResultImportDone = Type.Object({
  importId: Type.String(),
  linked: Type.Integer(),
  unlinked: Type.Integer(),
  skipped: Type.Integer(),
  unlistedQualified: Type.Integer({ description: '不合格名单：按公告总数计入、表中未列出的合格批次' }),
  year: Type.Integer(),
});
const ResultImportRecord = Type.Object({
  id: Type.String(),
  issuer: Type.String(),
  noticeTitle: Type.String(),
  noticeNo: Type.String(),
  noticeDate: Nullable(Type.String()),
  year: Type.Integer(),
  kind: Type.Enum(RESULT_TABLE_KINDS),
  declaredTested: Nullable(Type.Integer()),
  declaredUnqualified: Nullable(Type.Integer()),
  listedBatches: Type.Integer(),
  unlistedQualified: Type.Integer(),
  rowsRead: Type.Integer(),
  rowsSkipped: Type.Integer(),
  fileName: Type.String(),
  createdAt: Instant,
});
export const ResultImportList = Type.Object({ items: Type.Array(ResultImportRecord) });
export const ResultImportIssuers = Type.Object({ items: Type.Array(Type.Object({ issuer: Type.String(), updatedAt: Instant })) });
export const ResultImportUploadQuery = Type.Object(
  { issuer: Type.Optional(Type.String({ maxLength: LIMITS.name.max, description: '发布机关：沿用该机关上次确认的列对应' })) },
  { additionalProperties: false },
);

export const RESPONSE_STATUSES = ['submitted', 'approved', 'rejected'] as const;
/** An enterprise's response (企业说明) to a published unqualified result. */
export const InspectionResponse = Type.Object({
  id: Id,
  text: Type.String(),
  status: Type.Enum(RESPONSE_STATUSES, { description: 'submitted 待审核 / approved 已公开 / rejected 退回' }),
  decisionComment: Type.String(),
  decidedAt: Nullable(Instant),
  version: Version,
  updatedAt: Instant,
});
export const ResponseCase = Type.Object({
  inspectionId: Id,
  regionCode: Type.String(),
  productName: Type.String(),
  model: Type.String(),
  batch: Type.String(),
  sampledUnit: Type.String(),
  producer: Type.String(),
  result: Type.Enum(['qualified', 'unqualified'] as const),
  publishedOn: Type.String(),
  response: Nullable(InspectionResponse),
  abilities: Type.Object({ respond: Type.Boolean(), decide: Type.Boolean() }),
});
export const ResponseCaseList = Type.Object({ items: Type.Array(ResponseCase) });
export const ResponseListQuery = Type.Object(
  { status: Type.Optional(Type.Enum(RESPONSE_STATUSES, { description: '按企业说明的状态筛选（审核人员使用）' })) },
  { additionalProperties: false },
);
export const RespondBody = Type.Object(
  {
    text: Text(500, 10),
    version: Type.Optional(Version),
  },
  { additionalProperties: false },
);
export const ResponseDecisionBody = Type.Object(
  { approve: Type.Boolean(), comment: Type.Optional(Text(LIMITS.reason.max)), version: Version },
  { additionalProperties: false },
);

// The shapes above as TypeScript types, for the console's typed client (src/web/src/features/*/api.ts).
export type TestingBody = Static<typeof TestingBody>;
export type CreateTestingBody = Static<typeof CreateTestingBody>;
export type InspectionDetail = Static<typeof InspectionDetail>;
export type InspectionListQuery = Static<typeof InspectionListQuery>;
export type Board = Static<typeof Board>;
export type BoardQuery = Static<typeof BoardQuery>;
export type DrawBody = Static<typeof DrawBody>;
export type Draw = Static<typeof Draw>;
export type DrawList = Static<typeof DrawList>;
export type DrawCheck = Static<typeof DrawCheck>;
export type PublicInspectionQuery = Static<typeof PublicInspectionQuery>;
export type PublicInspection = Static<typeof PublicInspection>;
export type PublicInspectionList = Static<typeof PublicInspectionList>;
export type DocumentNumbers = Static<typeof DocumentNumbers>;
export type IssueNumberBody = Static<typeof IssueNumberBody>;
export type PlanNotice = Static<typeof PlanNotice>;
export type PassRateQuery = Static<typeof PassRateQuery>;
export type PassRates = Static<typeof PassRates>;
export type FailedItemQuery = Static<typeof FailedItemQuery>;
export type FailedItems = Static<typeof FailedItems>;
export type ResultImportPreview = Static<typeof ResultImportPreview>;
export type ResultImportConfirm = Static<typeof ResultImportConfirm>;
export type ResultImportDone = Static<typeof ResultImportDone>;
export type ResultImportList = Static<typeof ResultImportList>;
export type ResultImportIssuers = Static<typeof ResultImportIssuers>;
export type ResponseCase = Static<typeof ResponseCase>;
export type ResponseCaseList = Static<typeof ResponseCaseList>;
export type ResponseListQuery = Static<typeof ResponseListQuery>;
export type RespondBody = Static<typeof RespondBody>;
export type ResponseDecisionBody = Static<typeof ResponseDecisionBody>;
