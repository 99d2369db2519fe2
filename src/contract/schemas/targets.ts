import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits';
import { Id, Instant, Nullable, Version, RegionCode } from './common';

export const INDICATOR_SECTIONS = ['industry', 'product', 'construction', 'service', 'environment', 'reference'] as const; // 二(二)…二(六)，参考数据
export const INDICATOR_KINDS = ['rate', 'count', 'value'] as const;
/** '>' is "above" (高于): the target itself is not met (PQ-BRANDGROWTH: growth above the province's, > 0 points). */
export const DIRECTIONS = ['>=', '>', '<=', '='] as const;
/** A direction as written in a target: ≥ 98%, > 0 个百分点, ≤ 0 项. */
export const directionSign = (d: string) => ({ '>=': '≥', '>': '>', '<=': '≤' })[d] ?? '=';
/** The decimals an indicator's values are shown and exported with: whole counts, rates and values to 0.01. */
export const indicatorDecimals = (i: { kind: string }) => (i.kind === 'count' ? 0 : 2);
/** A value rounded to its indicator's decimals (a number, for a spreadsheet to compute with). */
export const roundForIndicator = (i: { kind: string }, value: number) => {
  const scale = 10 ** indicatorDecimals(i);
  return Math.round(value * scale) / scale;
};
export const INDICATOR_STATUSES = ['met', 'near', 'not_met', 'no_data', 'no_target'] as const; // 达标 接近 未达标 无数据 无目标
/** The calculators a computed indicator may name (src/server/modules/targets/calculators.ts). */
export const CALCULATOR_NAMES = [
  'honour_count',
  'flagship_count',
  'standard_coverage',
  'standard_adoption',
  'green_food',
  'inspection_pass_rate',
  'figure_ratio',
  'brand_output_share',
  'brand_growth',
  'service_certified',
] as const;
export const REPORT_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const; // 草稿 已提交 已审核 已退回

const Code = Type.String({ pattern: '^[A-Z][A-Z0-9-]{1,31}$', description: '指标编码，如 PQ-STDCOV' });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Num = Type.Number({ minimum: -1e15, maximum: 1e15 });
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });

export const Indicator = Type.Object({
  id: Id,
  code: Type.String(),
  section: Type.Enum(INDICATOR_SECTIONS),
  name: Type.String(),
  nameEn: Type.String(),
  unit: Type.String(),
  kind: Type.Enum(INDICATOR_KINDS),
  direction: Type.Enum(DIRECTIONS),
  target: Nullable(Type.Number()),
  stretch: Nullable(Type.Number({ description: '区间目标的上限（如 40–50 的 50）' })),
  baselineYear: Nullable(Type.Integer()),
  baselineValue: Nullable(Type.Number()),
  ownerDepartment: Type.String(),
  frequency: Type.Enum(['year', 'quarter'] as const),
  source: Type.Enum(['computed', 'reported'] as const),
  calculator: Nullable(Type.String()),
  reading: Type.Record(Type.String(), Type.Unknown(), { description: '计算口径设置（定义非官方时所取的读法）' }),
  compareCode: Nullable(Type.String()),
  reportRegions: Nullable(Type.Enum(['counties', 'province'] as const)),
  definition: Type.String(),
  version: Type.Integer(),
});
export type Indicator = Static<typeof Indicator>;

export const TargetPlan = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  startYear: Type.Integer(),
  endYear: Type.Integer(),
  version: Type.Integer(),
});
export const TargetPlanDetail = Type.Object({ ...TargetPlan.properties, indicators: Type.Array(Indicator) });

export const CopyPlan = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{2,40}$' }),
    name: Text(LIMITS.name.max, 2),
    nameEn: Type.Optional(Text(LIMITS.name.max)),
    startYear: Year,
    endYear: Year,
  },
  { additionalProperties: false },
);

const editableIndicator = {
  section: Type.Enum(INDICATOR_SECTIONS),
  name: Text(LIMITS.name.max, 2),
  nameEn: Text(LIMITS.name.max),
  unit: Text(10, 1),
  kind: Type.Enum(INDICATOR_KINDS),
  direction: Type.Enum(DIRECTIONS),
  target: Nullable(Num),
  stretch: Nullable(Num),
  baselineYear: Nullable(Year),
  baselineValue: Nullable(Num),
  ownerDepartment: Type.String({ pattern: '^[a-z][a-z0-9_]{1,31}$' }),
  frequency: Type.Enum(['year', 'quarter'] as const),
  source: Type.Enum(['computed', 'reported'] as const),
  calculator: Nullable(Type.String({ maxLength: 40 })),
  reading: Type.Record(Type.String({ maxLength: 40 }), Type.Unknown(), { maxProperties: 20 }),
  compareCode: Nullable(Code),
  reportRegions: Nullable(Type.Enum(['counties', 'province'] as const)),
  definition: Text(2000, 4),
};
export const CreateIndicator = Type.Object({ code: Code, ...editableIndicator }, { additionalProperties: false });
export const UpdateIndicator = Type.Object(
  { version: Version, ...Type.Partial(Type.Object(editableIndicator)).properties },
  { additionalProperties: false },
);

export const ScopeQuery = Type.Object(
  { year: Year, regionCode: Type.Optional(RegionCode), industryCode: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{1,31}$' })) },
  { additionalProperties: false },
);

const Reading = Type.Object({
  value: Nullable(Type.Number({ description: '未取整；rate 为百分数' })),
  numerator: Nullable(Type.Number()),
  denominator: Nullable(Type.Number()),
});
export const DashboardRow = Type.Object({
  indicator: Indicator,
  ...Reading.properties,
  compareValue: Nullable(Type.Number({ description: '比较的全省平均值' })),
  status: Type.Enum(INDICATOR_STATUSES),
  previous: Nullable(Type.Number({ description: '上年值' })),
  trend: Type.Array(Type.Object({ year: Type.Integer(), value: Nullable(Type.Number()) })),
  projection: Type.Object({ year: Type.Integer(), value: Nullable(Type.Number()), status: Type.Enum(INDICATOR_STATUSES) }),
  reported: Type.Optional(
    Type.Object(
      {
        regions: Type.Integer({ description: '已审核填报的县市区数' }),
        of: Type.Integer({ description: '应报县市区数' }),
        complete: Type.Boolean(),
      },
      { description: '按县市区填报的指标的全市值：由几个县市区的数据相加（不足时数据不完整）' },
    ),
  ),
  measures: Type.Optional(
    Type.Array(
      Type.Object({
        code: Type.String(),
        name: Type.String(),
        ...Reading.properties,
        compareValue: Nullable(Type.Number()),
        status: Type.Enum(INDICATOR_STATUSES),
      }),
      { description: '由多项组成的指标（名牌企业增幅：产值、销售额、出口创汇、利税）的各项；指标值为各项中最小者' },
    ),
  ),
});
export const Dashboard = Type.Object({
  plan: TargetPlan,
  year: Type.Integer(),
  asOf: Type.String(),
  regionCode: Nullable(Type.String()),
  industryCode: Nullable(Type.String()),
  rows: Type.Array(DashboardRow),
});
export const MATRIX_BY = ['region', 'industry'] as const;
export const MatrixQuery = Type.Object(
  { year: Year, by: Type.Optional(Type.Enum(MATRIX_BY, { description: '列：县市区（默认）或行业（仅计算型指标）' })) },
  { additionalProperties: false },
);
export const Matrix = Type.Object({
  year: Type.Integer(),
  by: Type.Enum(MATRIX_BY),
  /** County codes, or the codes of the industries with records. */
  columns: Type.Array(Type.String()),
  rows: Type.Array(
    Type.Object({
      code: Type.String(),
      cells: Type.Array(Type.Object({ key: Type.String(), ...Reading.properties, status: Type.Enum(INDICATOR_STATUSES) })),
    }),
  ),
});
export const RecordsQuery = Type.Object(
  {
    ...ScopeQuery.properties,
    side: Type.Enum(['numerator', 'denominator'] as const),
    after: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
export const RecordList = Type.Object({
  kind: Type.Enum(['product', 'inspection', 'honour', 'enterprise'] as const),
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      label: Type.String(),
      enterpriseId: Nullable(Type.String()),
      enterpriseName: Type.String(),
      regionCode: Type.String(),
      numerator: Type.Number(),
      denominator: Type.Number(),
    }),
  ),
  meta: Type.Object({ nextCursor: Nullable(Type.String()) }),
});

/** What the reader may do with a figure: enter or correct and submit it (its department), approve, return or unlock it (the office). */
export const ReportedValueAbilities = Type.Object({
  edit: Type.Boolean(),
  submit: Type.Boolean(),
  approve: Type.Boolean(),
  return: Type.Boolean(),
  unlock: Type.Boolean(),
});

export const ReportedValue = Type.Object({
  id: Id,
  indicatorCode: Type.String(),
  regionCode: Type.String(),
  period: Type.String(),
  departmentCode: Type.String(),
  numerator: Nullable(Type.Number()),
  denominator: Nullable(Type.Number()),
  value: Nullable(Type.Number()),
  comment: Type.String(),
  status: Type.Enum(REPORT_STATUSES),
  submittedAt: Nullable(Instant),
  decidedAt: Nullable(Instant),
  decisionComment: Type.String(),
  version: Type.Integer(),
  history: Type.Array(
    Type.Object({
      action: Type.String(),
      numerator: Nullable(Type.Number()),
      denominator: Nullable(Type.Number()),
      value: Nullable(Type.Number()),
      comment: Type.String(),
      actorName: Nullable(Type.String()),
      at: Instant,
    }),
  ),
  abilities: ReportedValueAbilities,
});
export type ReportedValue = Static<typeof ReportedValue>;

/** A figure as entered: numerator and denominator for a rate, a value otherwise. */
export const SaveReportedValue = Type.Object(
  {
    indicatorCode: Code,
    regionCode: RegionCode,
    period: Type.String({ pattern: '^[0-9]{4}(Q[1-4])?$', description: '年度 2015 或季度 2015Q1' }),
    numerator: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e15 }))),
    denominator: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e15 }))),
    value: Type.Optional(Nullable(Num)),
    comment: Type.Optional(Text(LIMITS.reason.max)),
    version: Type.Optional(Version),
  },
  { additionalProperties: false },
);
export const DecideReportedValue = Type.Object(
  { decision: Type.Enum(['approve', 'return'] as const), comment: Type.Optional(Text(LIMITS.reason.max)), version: Version },
  { additionalProperties: false },
);
export const UnlockReportedValue = Type.Object(
  { reason: Text(LIMITS.reason.max, LIMITS.reason.min), version: Version },
  { additionalProperties: false },
);
export const ReportedQuery = Type.Object(
  {
    period: Type.Optional(Type.String({ pattern: '^[0-9]{4}(Q[1-4])?$' })),
    indicatorCode: Type.Optional(Code),
    regionCode: Type.Optional(RegionCode),
    status: Type.Optional(Type.Enum(REPORT_STATUSES)),
  },
  { additionalProperties: false },
);
export const ReportTasks = Type.Object({
  period: Type.String(),
  dueOn: Type.String(),
  tasks: Type.Array(
    Type.Object({
      indicatorCode: Type.String(),
      indicatorName: Type.String(),
      kind: Type.Enum(INDICATOR_KINDS),
      unit: Type.String(),
      departmentCode: Type.String(),
      regionCode: Type.String(),
      status: Nullable(Type.Enum(REPORT_STATUSES)),
      valueId: Nullable(Type.String()),
      abilities: Type.Object({ edit: Type.Boolean({ description: '可填报或修改' }), submit: Type.Boolean() }),
    }),
  ),
  completeness: Type.Array(
    Type.Object(
      {
        departmentCode: Type.String(),
        expected: Type.Integer(),
        submitted: Type.Integer(),
        approved: Type.Integer(),
        late: Type.Integer(),
      },
      { description: '已提交含已审核；逾期：截止日仍未提交，或提交晚于截止日' },
    ),
  ),
});

// The shapes above as TypeScript types, for the console's typed client (src/web/src/features/*/api.ts).
export type TargetPlan = Static<typeof TargetPlan>;
export type TargetPlanDetail = Static<typeof TargetPlanDetail>;
export type CopyPlan = Static<typeof CopyPlan>;
export type CreateIndicator = Static<typeof CreateIndicator>;
export type UpdateIndicator = Static<typeof UpdateIndicator>;
export type ScopeQuery = Static<typeof ScopeQuery>;
export type DashboardRow = Static<typeof DashboardRow>;
export type Dashboard = Static<typeof Dashboard>;
export type MatrixQuery = Static<typeof MatrixQuery>;
export type Matrix = Static<typeof Matrix>;
export type RecordsQuery = Static<typeof RecordsQuery>;
export type RecordList = Static<typeof RecordList>;
export type SaveReportedValue = Static<typeof SaveReportedValue>;
export type DecideReportedValue = Static<typeof DecideReportedValue>;
export type UnlockReportedValue = Static<typeof UnlockReportedValue>;
export type ReportedQuery = Static<typeof ReportedQuery>;
export type ReportTasks = Static<typeof ReportTasks>;
