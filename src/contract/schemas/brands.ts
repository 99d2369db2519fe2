import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits';
import { DocumentInfo, Id, Instant, Nullable, Version, RegionCode } from './common';
import { DateString } from './enterprises';

export const HONOUR_STATUSES = ['active', 'expired', 'revoked', 'historical'] as const; // 有效/到期/撤销/历史
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });

/** An honour of the register: what was granted, to whom, until when. */
export const Honour = Type.Object({
  id: Id,
  programmeCode: Type.String(),
  programme: Type.String(),
  enterpriseId: Id,
  enterpriseName: Type.String(),
  regionCode: Type.String(),
  productIds: Type.Array(Id),
  title: Type.String({ description: '获誉的产品、服务或单位名称' }),
  certificateNo: Type.String(),
  authority: Type.String({ description: '认定机关（驰名商标）' }),
  caseNo: Type.String({ description: '案件编号（驰名商标）' }),
  mark: Type.String({ description: '商标（驰名商标）' }),
  goodsClass: Type.String({ description: '商品类别（驰名商标）' }),
  grantedOn: Type.String(),
  validUntil: Nullable(Type.String({ description: '由项目有效期计算：届满前一日；空为长期有效' })),
  nextReviewOn: Nullable(Type.String({ description: '复评日期（按项目复评周期）' })),
  revokedOn: Nullable(Type.String()),
  revokeReason: Type.String(),
  status: Type.Enum(HONOUR_STATUSES),
  version: Type.Integer(),
  updatedAt: Instant,
  abilities: Type.Object({
    revoke: Type.Boolean(),
    review: Type.Boolean(),
    reward: Type.Boolean({ description: '可拟奖励：其项目在认定年度有奖励规则，且尚无奖励记录' }),
  }),
});
export type Honour = Static<typeof Honour>;

/** What a certificate or recognition says, beyond the programme, the enterprise and the date. */
const CertificateFields = {
  title: Type.Optional(Text(LIMITS.name.max)),
  certificateNo: Type.Optional(Text(60)),
  authority: Type.Optional(Text(100)),
  caseNo: Type.Optional(Text(60)),
  mark: Type.Optional(Text(100)),
  goodsClass: Type.Optional(Text(30)),
};
export const GrantHonour = Type.Object(
  {
    programmeCode: Text(32, 1),
    enterpriseId: Id,
    productIds: Type.Optional(Type.Array(Id, { maxItems: 50, uniqueItems: true })),
    ...CertificateFields,
    grantedOn: DateString,
  },
  { additionalProperties: false },
);
export type GrantHonour = Static<typeof GrantHonour>;

export const RevokeHonour = Type.Object(
  { on: DateString, reason: Text(LIMITS.reason.max, 2), version: Version },
  { additionalProperties: false },
);
/** The outcome of a due review (复评): passed renews the honour for a cycle; failed revokes it. */
export const ReviewHonour = Type.Object(
  { on: DateString, passed: Type.Boolean(), note: Type.Optional(Text(LIMITS.reason.max)), version: Version },
  { additionalProperties: false },
);

export const HonourListQuery = Type.Object(
  {
    programmeCode: Type.Optional(Type.String({ maxLength: 32 })),
    enterpriseId: Type.Optional(Id),
    regionCode: Type.Optional(RegionCode),
    status: Type.Optional(Type.Enum(HONOUR_STATUSES)),
    expiringWithinDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650, description: '有效且在此天数内到期' })),
    reviewDueWithinDays: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 3650, description: '未撤销且复评日期在此天数内（含已逾期未复评的）' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    after: Type.Optional(Type.String({ maxLength: 200, description: '上一页返回的 nextCursor' })),
  },
  { additionalProperties: false },
);
export const HonourList = Type.Object({ items: Type.Array(Honour), meta: Type.Object({ nextCursor: Nullable(Type.String()) }) });

/** The public register: honours in force of programmes that may show a badge (never a 驰名商标). */
export const PublicHonour = Type.Object({
  programme: Type.String(),
  level: Type.String(),
  enterpriseName: Type.String(),
  title: Type.String(),
  grantedOn: Type.String(),
  validUntil: Nullable(Type.String()),
});
export const PublicHonourList = Type.Object({ items: Type.Array(PublicHonour) });

export const CULTIVATION_STAGES = [
  'candidate',
  'cultivating',
  'applied',
  'recommended',
  'reviewing',
  'publicised',
  'granted',
  'rejected',
] as const; // 候选 培育 申报 推荐 评审 公示 认定 落选
export const Cultivation = Type.Object({
  id: Id,
  programmeCode: Type.String(),
  enterpriseId: Id,
  enterpriseName: Type.String(),
  regionCode: Type.String(),
  productIds: Type.Array(Id),
  stage: Type.Enum(CULTIVATION_STAGES),
  officerId: Nullable(Type.String()),
  notes: Type.String(),
  honourId: Nullable(Type.String({ description: '认定后登记的荣誉' })),
  documents: Type.Array(DocumentInfo),
  nextStages: Type.Array(Type.Enum(CULTIVATION_STAGES)),
  events: Type.Array(Type.Object({ stage: Type.String(), on: Type.String(), note: Type.String(), override: Type.Unknown(), at: Instant })),
  version: Type.Integer(),
  abilities: Type.Object({
    advance: Type.Boolean({ description: '可推进到下一阶段' }),
    documents: Type.Boolean({ description: '可上传、移除材料' }),
  }),
});
export const CreateCultivation = Type.Object(
  {
    programmeCode: Text(32, 1),
    enterpriseId: Id,
    productIds: Type.Optional(Type.Array(Id, { maxItems: 50, uniqueItems: true })),
    officerId: Type.Optional(Id),
    notes: Type.Optional(Text(LIMITS.reason.max)),
  },
  { additionalProperties: false },
);
export const AdvanceCultivation = Type.Object(
  {
    to: Type.Enum(CULTIVATION_STAGES),
    on: DateString,
    note: Type.Optional(Text(LIMITS.reason.max)),
    overrideReason: Type.Optional(Text(LIMITS.reason.max, 2)),
    /** At 认定: the certificate, recorded in the honours register on the date `on`. */
    grant: Type.Optional(Type.Object(CertificateFields, { additionalProperties: false })),
    version: Version,
  },
  { additionalProperties: false },
);
export const CultivationQuery = Type.Object(
  {
    programmeCode: Type.Optional(Type.String({ maxLength: 32 })),
    regionCode: Type.Optional(RegionCode),
    stage: Type.Optional(Type.Enum(CULTIVATION_STAGES)),
  },
  { additionalProperties: false },
);
export const CultivationBoard = Type.Object({
  cells: Type.Array(Type.Object({ programmeCode: Type.String(), regionCode: Type.String(), stage: Type.String(), count: Type.Integer() })),
});

export const REWARD_STATUSES = ['proposed', 'approved', 'paid', 'cancelled'] as const; // 拟奖励 已批准 已兑现 已取消
const Yuan = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, description: '元' });
export const RewardRule = Type.Object({
  id: Id,
  programmeCode: Type.String(),
  year: Type.Integer(),
  amount: Type.Integer(),
  citySharePercent: Type.Integer(),
  fundSource: Type.String(),
  note: Type.String(),
  version: Type.Integer(),
});
export const CreateRewardRule = Type.Object(
  {
    programmeCode: Text(32, 1),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    amount: Yuan,
    citySharePercent: Type.Integer({ minimum: 0, maximum: 100, description: '市级承担比例（%），其余由县市区承担' }),
    fundSource: Type.Optional(Text(200)),
    note: Type.Optional(Text(LIMITS.reason.max)),
  },
  { additionalProperties: false },
);
export const Reward = Type.Object({
  id: Id,
  honourId: Id,
  programmeCode: Type.String(),
  enterpriseId: Id,
  enterpriseName: Type.String(),
  regionCode: Type.String(),
  year: Type.Integer(),
  amount: Type.Integer(),
  cityAmount: Type.Integer(),
  countyAmount: Type.Integer(),
  status: Type.Enum(REWARD_STATUSES),
  approvedOn: Nullable(Type.String()),
  paidOn: Nullable(Type.String()),
  nextStatuses: Type.Array(Type.Enum(REWARD_STATUSES)),
  version: Type.Integer(),
  abilities: Type.Object({ approve: Type.Boolean(), pay: Type.Boolean({ description: '可记录兑现' }), cancel: Type.Boolean() }),
});
export const RewardStatusBody = Type.Object(
  { to: Type.Enum(REWARD_STATUSES), on: DateString, version: Version },
  { additionalProperties: false },
);
export const RewardQuery = Type.Object(
  {
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    regionCode: Type.Optional(RegionCode),
    status: Type.Optional(Type.Enum(REWARD_STATUSES)),
  },
  { additionalProperties: false },
);
export const RewardExportQuery = Type.Object(
  { ...RewardQuery.properties, format: Type.Optional(Type.Enum(['csv', 'xlsx'] as const)) },
  { additionalProperties: false },
);
const LedgerLine = Type.Object({
  regionCode: Type.String(),
  rewards: Type.Integer(),
  amount: Type.Integer(),
  cityAmount: Type.Integer(),
  countyAmount: Type.Integer(),
  paid: Type.Integer(),
});
export const RewardList = Type.Object({
  items: Type.Array(Reward),
  ledger: Type.Object({ byCounty: Type.Array(LedgerLine), total: LedgerLine }, { description: '奖励台账（不含已取消）：按县市区合计' }),
});

// The shapes above as TypeScript types, for the console's typed client (src/web/src/features/*/api.ts).
export type RevokeHonour = Static<typeof RevokeHonour>;
export type ReviewHonour = Static<typeof ReviewHonour>;
export type HonourListQuery = Static<typeof HonourListQuery>;
export type HonourList = Static<typeof HonourList>;
export type PublicHonour = Static<typeof PublicHonour>;
export type PublicHonourList = Static<typeof PublicHonourList>;
export type Cultivation = Static<typeof Cultivation>;
export type CreateCultivation = Static<typeof CreateCultivation>;
export type AdvanceCultivation = Static<typeof AdvanceCultivation>;
export type CultivationQuery = Static<typeof CultivationQuery>;
export type CultivationBoard = Static<typeof CultivationBoard>;
export type RewardRule = Static<typeof RewardRule>;
export type CreateRewardRule = Static<typeof CreateRewardRule>;
export type Reward = Static<typeof Reward>;
export type RewardStatusBody = Static<typeof RewardStatusBody>;
export type RewardQuery = Static<typeof RewardQuery>;
export type RewardList = Static<typeof RewardList>;
