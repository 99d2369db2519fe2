import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits';
import { Id, Nullable, Version, RegionCode } from './common';
import { DateString } from './enterprises';

export const ITEM_KINDS = ['indicator', 'work', 'deduction', 'veto'] as const; // 指标项 工作项 扣分项 否决项
export const SCORINGS = ['full_or_zero', 'proportional', 'stepped'] as const; // 达标得满分 按完成比例 分档
export const SMALL_SAMPLE_RULES = ['city', 'full', 'zero'] as const; // 以全市值计 记满分 记零分
export const SCHEME_STATUSES = ['draft', 'open', 'final'] as const;
export const COUNTY_STATUSES = ['open', 'filed', 'self_assessed', 'reviewed', 'final'] as const; // 待备案 已备案 已自评 已审核 已定级
export const DECISIONS = ['commend', 'criticise', 'none'] as const; // 表彰 通报批评 无
export const GRADES = ['A', 'B', 'C', 'D'] as const;

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Points = Type.Number({ minimum: -100, maximum: 100 });
const Step = Type.Object(
  {
    atLeast: Type.Number({ minimum: 0, maximum: 1000, description: '目标完成程度（%）不低于' }),
    share: Type.Number({ minimum: 0, maximum: 1, description: '得分比例' }),
  },
  { additionalProperties: false },
);

export const AssessmentItemInput = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Za-z0-9-]{1,20}$' }),
    name: Text(LIMITS.name.max, 2),
    kind: Type.Enum(ITEM_KINDS),
    points: Points,
    indicatorCode: Type.Optional(Nullable(Type.String({ maxLength: 32 }))),
    scoring: Type.Optional(Type.Enum(SCORINGS)),
    steps: Type.Optional(Type.Array(Step, { maxItems: 10 })),
    guidance: Type.Optional(Text(LIMITS.reason.max)),
  },
  { additionalProperties: false },
);
export const AssessmentItem = Type.Object({
  id: Id,
  ...AssessmentItemInput.properties,
  indicatorCode: Nullable(Type.String()),
  scoring: Type.Enum(SCORINGS),
  steps: Type.Array(Step),
  guidance: Type.String(),
});

/** A county's own target for an indicator of the scheme: a count indicator has one for every county (never the city's whole count). */
export const CountyTarget = Type.Object(
  { regionCode: RegionCode, indicatorCode: Type.String({ maxLength: 32 }), target: Type.Number({ minimum: -1e9, maximum: 1e9 }) },
  { additionalProperties: false },
);

const schemeFields = {
  name: Text(LIMITS.name.max, 2),
  planId: Id,
  gradeA: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  gradeB: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  gradeC: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  minSample: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, description: '比率类指标的最少样本数（如抽查批次）' })),
  smallSampleRule: Type.Optional(Type.Enum(SMALL_SAMPLE_RULES)),
  targetsDueOn: Type.Optional(Nullable(DateString)),
  selfDueOn: Type.Optional(Nullable(DateString)),
  reviewDueOn: Type.Optional(Nullable(DateString)),
  items: Type.Array(AssessmentItemInput, { minItems: 1, maxItems: 100 }),
  countyTargets: Type.Optional(
    Type.Array(CountyTarget, { maxItems: 2000, description: '各县市区目标：数量类指标项须为每个县市区设定；比率类不设时按计划目标' }),
  ),
};
export const CreateScheme = Type.Object(
  { year: Type.Integer({ minimum: 2000, maximum: 2100 }), ...schemeFields },
  { additionalProperties: false },
);
export const UpdateScheme = Type.Object({ ...schemeFields, version: Version }, { additionalProperties: false });

export const Scheme = Type.Object({
  id: Id,
  year: Type.Integer(),
  planId: Id,
  name: Type.String(),
  status: Type.Enum(SCHEME_STATUSES),
  gradeA: Type.Number(),
  gradeB: Type.Number(),
  gradeC: Type.Number(),
  minSample: Type.Integer(),
  smallSampleRule: Type.Enum(SMALL_SAMPLE_RULES),
  targetsDueOn: Nullable(Type.String()),
  selfDueOn: Nullable(Type.String()),
  reviewDueOn: Nullable(Type.String()),
  items: Type.Array(AssessmentItem),
  countyTargets: Type.Array(CountyTarget),
  version: Type.Integer(),
  abilities: Type.Object({
    edit: Type.Boolean(),
    open: Type.Boolean({ description: '可发布' }),
    finalise: Type.Boolean({ description: '可定级' }),
  }),
});
export type Scheme = Static<typeof Scheme>;

/** A first draft of a year's scheme: the items (each named as the indicator it reads) and county targets split from the city's by the stated rule. */
export const SchemeDraft = Type.Object({
  items: Type.Array(AssessmentItemInput),
  countyTargets: Type.Array(CountyTarget),
  splitRule: Type.String({ description: '数量类目标分解到县市区的规则（说明）' }),
});
export const DraftQuery = Type.Object({ planId: Id }, { additionalProperties: false });

/** One item of one county: the computed value and points of an indicator item, the self and review scores. */
export const CountyItem = Type.Object({
  itemId: Id,
  value: Nullable(Type.Number({ description: '指标项：该县当年值' })),
  sample: Nullable(Type.Number({ description: '指标项：分母（样本数）' })),
  fallback: Type.Boolean({ description: '样本不足，按方案规则计分' }),
  computed: Nullable(Type.Number({ description: '指标项：按规则计算的得分' })),
  target: Nullable(Type.Number({ description: '指标项：该县的目标（方案中的县市区目标，比率类未设时为计划目标）' })),
  selfScore: Nullable(Type.Number()),
  selfEvidence: Type.String(),
  reviewScore: Nullable(Type.Number()),
  reviewComment: Type.String(),
  score: Nullable(Type.Number({ description: '计入总分的得分' })),
});
export const CountyAssessment = Type.Object({
  id: Id,
  schemeId: Id,
  regionCode: Type.String(),
  status: Type.Enum(COUNTY_STATUSES),
  targetsFiledOn: Nullable(Type.String()),
  selfSubmittedOn: Nullable(Type.String()),
  reviewedOn: Nullable(Type.String()),
  /** Steps done after their due date, or not done with the date passed. */
  overdue: Type.Array(Type.Enum(['targets', 'self', 'review'] as const)),
  items: Type.Array(CountyItem),
  indicatorPoints: Type.Number(),
  workPoints: Type.Number(),
  deductions: Type.Number(),
  total: Type.Number({ description: '未取整；最终定级后固定' }),
  vetoReason: Nullable(Type.String()),
  grade: Nullable(Type.Enum(GRADES)),
  rank: Nullable(Type.Integer()),
  decision: Nullable(Type.Enum(DECISIONS)),
  reward: Type.String(),
  followUp: Type.String(),
  version: Type.Integer(),
  abilities: Type.Object({
    file: Type.Boolean({ description: '可备案目标' }),
    selfAssess: Type.Boolean({ description: '可自评' }),
    review: Type.Boolean(),
    decide: Type.Boolean(),
  }),
});
export type CountyAssessment = Static<typeof CountyAssessment>;

export const SelfScores = Type.Object(
  {
    scores: Type.Array(
      Type.Object(
        { itemId: Id, score: Nullable(Points), evidence: Type.Optional(Text(LIMITS.reason.max)) },
        { additionalProperties: false },
      ),
      { maxItems: 100 },
    ),
    submit: Type.Optional(Type.Boolean()),
    version: Version,
  },
  { additionalProperties: false },
);
export const ReviewScores = Type.Object(
  {
    scores: Type.Array(
      Type.Object(
        { itemId: Id, score: Nullable(Points), comment: Type.Optional(Text(LIMITS.reason.max)) },
        { additionalProperties: false },
      ),
      { maxItems: 100 },
    ),
    vetoReason: Type.Optional(Nullable(Text(LIMITS.reason.max, 2))),
    version: Version,
  },
  { additionalProperties: false },
);
export const Decision = Type.Object(
  {
    decision: Type.Enum(DECISIONS),
    reward: Type.Optional(Text(LIMITS.reason.max)),
    followUp: Type.Optional(Text(LIMITS.reason.max)),
    version: Version,
  },
  { additionalProperties: false },
);
export const SchemeResults = Type.Object({ scheme: Scheme, counties: Type.Array(CountyAssessment) });

// The shapes above as TypeScript types, for the console's typed client (src/web/src/features/*/api.ts).
export type AssessmentItemInput = Static<typeof AssessmentItemInput>;
export type CountyTarget = Static<typeof CountyTarget>;
export type CreateScheme = Static<typeof CreateScheme>;
export type UpdateScheme = Static<typeof UpdateScheme>;
export type SchemeDraft = Static<typeof SchemeDraft>;
export type SelfScores = Static<typeof SelfScores>;
export type ReviewScores = Static<typeof ReviewScores>;
export type Decision = Static<typeof Decision>;
export type SchemeResults = Static<typeof SchemeResults>;
