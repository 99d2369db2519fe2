import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits';
import { Id, Instant, Nullable, Version, RegionCode } from './common';
import { DateString } from './enterprises';

const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
/** Integer yuan, as every amount in the archive. */
const Yuan = Type.Integer({ minimum: 0, maximum: 10 ** 13, description: '元（整数）' });
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });

/** 计划 / 在建 / 竣工 / 取消. */
export const KEY_PROJECT_STATUSES = ['planned', 'under_way', 'completed', 'cancelled'] as const;

/** A technical-upgrade project (技改项目) and whether the city selected it as a key project that year (policy §三(二)). */
export const KeyProject = Type.Object({
  id: Id,
  enterpriseId: Id,
  enterpriseName: Type.String(),
  regionCode: Type.String(),
  year: Type.Integer(),
  name: Type.String(),
  investment: Type.Integer({ description: '计划总投资（元）' }),
  status: Type.Enum(KEY_PROJECT_STATUSES),
  selected: Type.Boolean({ description: '列入当年重点技改项目' }),
  selectedOn: Nullable(Type.String()),
  notes: Type.String(),
  version: Type.Integer(),
  updatedAt: Instant,
  abilities: Type.Object({ update: Type.Boolean(), select: Type.Boolean() }),
});
export type KeyProject = Static<typeof KeyProject>;

export const CreateKeyProject = Type.Object(
  {
    enterpriseId: Id,
    year: Year,
    name: Text(LIMITS.name.max, 2),
    investment: Yuan,
    status: Type.Optional(Type.Enum(KEY_PROJECT_STATUSES)),
    notes: Type.Optional(Text(LIMITS.reason.max)),
  },
  { additionalProperties: false },
);
export const UpdateKeyProject = Type.Object(
  {
    name: Type.Optional(Text(LIMITS.name.max, 2)),
    investment: Type.Optional(Yuan),
    status: Type.Optional(Type.Enum(KEY_PROJECT_STATUSES)),
    notes: Type.Optional(Text(LIMITS.reason.max)),
    version: Version,
  },
  { additionalProperties: false },
);
/** The city's yearly selection: in or out of the key list, on a date. */
export const SelectKeyProject = Type.Object(
  { selected: Type.Boolean(), on: DateString, version: Version },
  { additionalProperties: false },
);
export const KeyProjectQuery = Type.Object(
  {
    year: Type.Optional(Year),
    regionCode: Type.Optional(RegionCode),
    selected: Type.Optional(Type.Boolean()),
    status: Type.Optional(Type.Enum(KEY_PROJECT_STATUSES)),
  },
  { additionalProperties: false },
);
export const KeyProjectExportQuery = Type.Object(
  { ...KeyProjectQuery.properties, format: Type.Optional(Type.Enum(['csv', 'xlsx'] as const)) },
  { additionalProperties: false },
);
const Totals = Type.Object({ projects: Type.Integer(), investment: Type.Integer() });
export const KeyProjectList = Type.Object({
  items: Type.Array(KeyProject),
  totals: Type.Object({ all: Totals, selected: Totals }, { description: '不含已取消的项目' }),
});

/** An enterprise on a year's list of flagship industrial enterprises (标志性工业企业, policy §二(二)). */
export const Flagship = Type.Object({
  id: Id,
  enterpriseId: Id,
  enterpriseName: Type.String(),
  regionCode: Type.String(),
  year: Type.Integer(),
  designatedOn: Type.String(),
  note: Type.String(),
  salesRevenue: Nullable(Type.Integer({ description: '当年销售收入（元），取自企业年度经济数据；未填报为空' })),
  meetsFloor: Type.Boolean({ description: '当年销售收入达到标准' }),
  overrideReason: Nullable(Type.String({ description: '未达标准仍列入的理由' })),
  version: Type.Integer(),
  abilities: Type.Object({ remove: Type.Boolean() }),
});
export type Flagship = Static<typeof Flagship>;

export const CreateFlagship = Type.Object(
  {
    enterpriseId: Id,
    year: Year,
    designatedOn: DateString,
    note: Type.Optional(Text(LIMITS.reason.max)),
    overrideReason: Type.Optional(Text(LIMITS.reason.max, 2)),
  },
  { additionalProperties: false },
);
export const FlagshipQuery = Type.Object({ year: Year }, { additionalProperties: false });
export const FlagshipList = Type.Object({
  items: Type.Array(Flagship),
  progress: Type.Object({
    year: Type.Integer(),
    count: Type.Integer(),
    goalMin: Type.Integer(),
    goalMax: Type.Integer(),
    revenueFloor: Type.Integer(),
  }),
  candidates: Type.Array(
    Type.Object({ enterpriseId: Id, enterpriseName: Type.String(), regionCode: Type.String(), salesRevenue: Type.Integer() }),
    { description: '当年销售收入达到标准、尚未列入的企业（最多 200 家，收入从高到低）' },
  ),
});

// The shapes above as TypeScript types, for the console's typed client (src/web/src/features/*/api.ts).
export type CreateKeyProject = Static<typeof CreateKeyProject>;
export type UpdateKeyProject = Static<typeof UpdateKeyProject>;
export type SelectKeyProject = Static<typeof SelectKeyProject>;
export type KeyProjectQuery = Static<typeof KeyProjectQuery>;
export type KeyProjectList = Static<typeof KeyProjectList>;
export type CreateFlagship = Static<typeof CreateFlagship>;
export type FlagshipList = Static<typeof FlagshipList>;
