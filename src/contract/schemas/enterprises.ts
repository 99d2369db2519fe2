import { Type, type Static, type TOptional } from 'typebox';
import { LIMITS } from '../limits';
import { Id, Instant, ListMeta, Nullable, PageQuery, Version, RegionCode } from './common';

export const ENTERPRISE_STATUSES = ['operating', 'suspended', 'deregistered', 'revoked'] as const; // 在营 / 停产 / 注销 / 吊销
export const AGRI_LEADER_LEVELS = ['none', 'city', 'province', 'national'] as const;
export const ENTERPRISE_FLAGS = ['aboveScale', 'keyEnterprise', 'flagship', 'foreignInvested', 'serviceEnterprise'] as const;
/** The flags an officer sets on the archive record; 标志性企业 follows the flagship register (one source of truth). */
export const EDITABLE_FLAGS = ['aboveScale', 'keyEnterprise', 'foreignInvested', 'serviceEnterprise'] as const;
export const ENTERPRISE_SORTS = ['name', '-name', 'uscc', '-uscc', 'updatedAt', '-updatedAt'] as const;

export const DateString = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Text = (max: number = LIMITS.shortText.max) => Type.String({ maxLength: max });
const Uscc = Type.String({ minLength: 1, maxLength: 30, description: '统一社会信用代码（18 位）' });

/** Fields an officer edits on an enterprise (the USCC is its key and is set once). */
const editable = {
  name: Type.String({ minLength: 2, maxLength: LIMITS.name.max }),
  regionCode: RegionCode,
  industryCode: Type.String({ minLength: 1, maxLength: 32 }),
  address: Text(),
  legalRepresentative: Text(50),
  contactPerson: Text(50),
  contactPhone: Text(30),
  foundedOn: Nullable(DateString),
  status: Type.Enum(ENTERPRISE_STATUSES),
  deregisteredOn: Nullable({ ...DateString, description: '注销日期（经营状态为注销时填写；当年以前注销的企业不计入当年工业指标）' }),
  aboveScale: Type.Boolean({ description: '规模以上工业企业' }),
  keyEnterprise: Type.Boolean({ description: '重点企业' }),
  foreignInvested: Type.Boolean({ description: '外资企业' }),
  serviceEnterprise: Type.Boolean({ description: '服务业企业' }),
  agriLeaderLevel: Type.Enum(AGRI_LEADER_LEVELS, { description: '农业产业化龙头企业级别' }),
};

export const Enterprise = Type.Object({
  id: Id,
  uscc: Type.String(),
  usccOverrideReason: Nullable(Type.String({ description: '校验位不通过仍录入的理由（试点地区旧码等）' })),
  ...editable,
  flagship: Type.Boolean({
    description: '标志性企业：在最近一年的标志性工业企业名单上（名牌与荣誉 · 标志性企业）。由名单决定，档案中不能修改',
  }),
  version: Type.Integer(),
  createdAt: Instant,
  updatedAt: Instant,
  abilities: Type.Object({ update: Type.Boolean(), delete: Type.Boolean() }),
});
export type Enterprise = Static<typeof Enterprise>;

const optional = (fields: typeof editable) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Type.Optional(v)])) as {
    [K in keyof typeof editable]: TOptional<(typeof editable)[K]>;
  };

export const CreateEnterpriseBody = Type.Object(
  {
    ...optional(editable),
    uscc: Uscc,
    usccOverrideReason: Type.Optional(Type.String({ minLength: LIMITS.reason.min, maxLength: LIMITS.reason.max })),
    name: editable.name,
    regionCode: editable.regionCode,
    industryCode: editable.industryCode,
  },
  { additionalProperties: false },
);
export type CreateEnterpriseBody = Static<typeof CreateEnterpriseBody>;

export const UpdateEnterpriseBody = Type.Object({ version: Version, ...optional(editable) }, { additionalProperties: false });
export type UpdateEnterpriseBody = Static<typeof UpdateEnterpriseBody>;

export const DeleteBody = Type.Object(
  { version: Version, reason: Type.String({ minLength: LIMITS.reason.min, maxLength: LIMITS.reason.max, description: '删除理由' }) },
  { additionalProperties: false },
);
export type DeleteBody = Static<typeof DeleteBody>;

const Flag = Type.Optional(Type.Boolean());
/** The largest offset the enterprise list takes: the count cap of a search, so every counted page can be reached. */
export const MAX_LIST_OFFSET = 10_000;
export const EnterpriseListQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({
        maxLength: 50,
        description:
          '名称、曾用名或统一社会信用代码中包含的文字（至少 2 个字）；搜索结果按匹配顺序返回，不适用 sort，总数超过 10000 时只计到 10000',
      }),
    ),
    regionCode: Type.Optional(RegionCode),
    industryCode: Type.Optional(Type.String({ maxLength: 32 })),
    status: Type.Optional(Type.Enum(ENTERPRISE_STATUSES)),
    aboveScale: Flag,
    keyEnterprise: Flag,
    flagship: Flag,
    foreignInvested: Flag,
    serviceEnterprise: Flag,
    agriLeaderLevel: Type.Optional(Type.Enum(AGRI_LEADER_LEVELS)),
    hasCertification: Type.Optional(Type.String({ maxLength: 32, description: '持有该类有效认证，如 ISO9001' })),
    licenceExpiringWithinDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650, description: '生产许可证在此天数内到期' })),
    certificationExpiringWithinDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650, description: '有效认证证书在此天数内到期' })),
    sort: Type.Optional(Type.Enum(ENTERPRISE_SORTS, { default: 'name' })),
    ...PageQuery,
    offset: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: MAX_LIST_OFFSET,
        description: `跳过的条数（跳页用；与 after 合用时从游标处起算）；搜索时不超过计数上限 ${MAX_LIST_OFFSET}`,
      }),
    ),
  },
  { additionalProperties: false },
);
export type EnterpriseListQuery = Static<typeof EnterpriseListQuery>;

export const EnterpriseList = Type.Object({ items: Type.Array(Enterprise), meta: ListMeta });

export const UsccCheckQuery = Type.Object({ code: Type.String({ minLength: 1, maxLength: 30 }) }, { additionalProperties: false });
export const UsccCheckResult = Type.Object({
  code: Type.String(),
  shapeOk: Type.Boolean(),
  orgCheckOk: Type.Boolean(),
  usccCheckOk: Type.Boolean(),
  regionCode: Nullable(Type.String({ description: '第 3–8 位：登记管理机关行政区划码' })),
  suggestedRegionCode: Nullable(Type.String({ description: '建议的所属县市区（该代码存在时）' })),
  departmentName: Nullable(Type.String()),
  categoryName: Nullable(Type.String()),
  existingEnterpriseId: Nullable(Type.String({ description: '已登记的企业（在权限范围内时）' })),
});

/** The contact data an enterprise user may propose changing on their own record. */
export const PROPOSABLE_FIELDS = ['address', 'contactPerson', 'contactPhone'] as const;

export const ProposalBody = Type.Object(
  {
    address: Type.Optional(editable.address),
    contactPerson: Type.Optional(editable.contactPerson),
    contactPhone: Type.Optional(editable.contactPhone),
    note: Type.Optional(Type.String({ maxLength: LIMITS.reason.max, description: '说明' })),
  },
  { additionalProperties: false },
);
export type ProposalBody = Static<typeof ProposalBody>;

export const Proposal = Type.Object({
  id: Id,
  enterpriseId: Id,
  changes: Type.Object({
    address: Type.Optional(Type.String()),
    contactPerson: Type.Optional(Type.String()),
    contactPhone: Type.Optional(Type.String()),
  }),
  note: Type.String(),
  status: Type.Enum(['pending', 'accepted', 'rejected'] as const),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Instant),
  decisionComment: Type.String(),
  version: Type.Integer(),
  createdAt: Instant,
  abilities: Type.Object({ decide: Type.Boolean() }),
});
export type Proposal = Static<typeof Proposal>;

export const DecisionBody = Type.Object(
  {
    version: Version,
    accept: Type.Boolean({ description: '采纳（写入企业档案）或退回' }),
    comment: Type.Optional(Type.String({ maxLength: LIMITS.reason.max })),
  },
  { additionalProperties: false },
);
export type DecisionBody = Static<typeof DecisionBody>;

export const Workbench = Type.Object({
  enterprises: Type.Integer({ description: '权限范围内的企业数' }),
  products: Type.Integer(),
  certificationsExpiring: Type.Integer({ description: '90 天内到期的有效认证证书' }),
  licencesRenewalDue: Type.Integer({ description: '6 个月内到期、应申请延续的生产许可证' }),
});
export type Workbench = Static<typeof Workbench>;

// The shapes above as TypeScript types, for the console's typed client (src/web/src/features/*/api.ts).
export type EnterpriseList = Static<typeof EnterpriseList>;
export type UsccCheckResult = Static<typeof UsccCheckResult>;
