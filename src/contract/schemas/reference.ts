import { Type, type Static, type TProperties, type TSchema } from 'typebox';
import { LIMITS } from '../limits';
import { Id, Instant, Nullable, Version, RegionCode } from './common';

/** The kinds of reference data, as they appear in the URL /api/v1/reference/:kind. */
export const REFERENCE_KINDS = ['regions', 'industries', 'departments', 'product-categories', 'brand-programmes'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** GB/T 2260 levels down to the county, then GB/T 10114 townships (乡镇街道) and villages (村社区) where a bureau loads them. */
export const REGION_LEVELS = ['province', 'city', 'district', 'county', 'county_city', 'township', 'village'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];
export const PROGRAMME_LEVELS = ['national', 'provincial', 'city', 'county'] as const; // 国家/省/市/县
/** 产品名牌, 服务名牌, 商标认定, 质量奖, 食品认证, 示范街店, 标准化单位, 重点扶持品牌 */
export const PROGRAMME_KINDS = [
  'product_brand',
  'service_brand',
  'trademark_recognition',
  'quality_award',
  'food_certification',
  'demonstration_site',
  'standardisation_unit',
  'key_brand',
] as const;
const Years = Nullable(Type.Integer({ minimum: 1, maximum: 50 }));

const Name = Type.String({ minLength: LIMITS.name.min, maxLength: LIMITS.name.max });
const NameEn = Type.String({ maxLength: LIMITS.name.max });
const SortOrder = Type.Integer({ minimum: 0, maximum: 1_000_000 });

/** Fields each kind adds to the common ones (code, name, nameEn, sortOrder, active). */
const extras = {
  regions: {
    code: RegionCode,
    fields: {
      level: Type.Enum(REGION_LEVELS),
      parentCode: Nullable(RegionCode),
    },
  },
  industries: {
    code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,31}$' }),
    fields: { isKey: Type.Boolean({ description: '政策确定的重点产业' }) },
  },
  departments: {
    code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,31}$' }),
    fields: {},
  },
  'product-categories': {
    code: Type.String({ pattern: '^[A-Z0-9][A-Z0-9-]{1,31}$' }),
    fields: {
      groupName: Type.String({ minLength: 1, maxLength: LIMITS.name.max, description: '产品大类' }),
      industryCode: Type.String({ pattern: '^[a-z][a-z0-9_]{1,31}$' }),
      catalogue: Type.Optional(
        Type.Enum(['product', 'food_safety'] as const, { description: 'product：产品质量监督抽查目录；food_safety：食品安全监督抽检大类' }),
      ),
    },
  },
  'brand-programmes': {
    code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,31}$' }),
    fields: {
      level: Type.Enum(PROGRAMME_LEVELS),
      kind: Type.Enum(PROGRAMME_KINDS),
      validityYears: Type.Optional({ ...Years, description: '有效期（年）；空为长期有效' }),
      reviewCycleYears: Type.Optional({ ...Years, description: '复评周期（年）；空为不复评' }),
      running: Type.Boolean({ description: '仍在开展' }),
      lastGrantYear: Type.Optional(
        Nullable(Type.Integer({ minimum: 1990, maximum: 2100, description: '最后一次认定的年份（如中国名牌产品为 2007）' })),
      ),
      reapplyBarYears: Type.Optional({ ...Years, description: '获奖后几年内不得再次申报（省长质量奖为 6）；空为不限' }),
      publicBadge: Type.Boolean({ description: '可在公开页面显示标识（驰名商标不可）' }),
      rules: Type.Optional(Type.String({ maxLength: 2000, description: '规则说明' })),
    },
  },
} satisfies Record<ReferenceKind, { code: ReturnType<typeof Type.String>; fields: TProperties }>;

function itemSchema<F extends TProperties>(fields: F) {
  return Type.Object({
    id: Id,
    code: Type.String(),
    name: Type.String(),
    nameEn: Type.String(),
    sortOrder: Type.Integer(),
    active: Type.Boolean(),
    version: Type.Integer(),
    updatedAt: Instant,
    ...fields,
  });
}

function createSchema<F extends TProperties>(code: TSchema, fields: F) {
  return Type.Object(
    {
      code,
      name: Name,
      nameEn: Type.Optional(NameEn),
      sortOrder: Type.Optional(SortOrder),
      ...fields,
    },
    { additionalProperties: false },
  );
}

function updateSchema(fields: TProperties) {
  const optional = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Type.Optional(v)])) as TProperties;
  return Type.Object(
    {
      version: Version,
      name: Type.Optional(Name),
      nameEn: Type.Optional(NameEn),
      sortOrder: Type.Optional(SortOrder),
      active: Type.Optional(Type.Boolean()),
      ...optional,
    },
    { additionalProperties: false },
  );
}

function schemasOf<F extends TProperties>(entry: { code: TSchema; fields: F }) {
  return { item: itemSchema(entry.fields), create: createSchema(entry.code, entry.fields), update: updateSchema(entry.fields) };
}

export const ReferenceSchemas = {
  regions: schemasOf(extras.regions),
  industries: schemasOf(extras.industries),
  departments: schemasOf(extras.departments),
  'product-categories': schemasOf(extras['product-categories']),
  'brand-programmes': schemasOf(extras['brand-programmes']),
};

export type Region = Static<typeof ReferenceSchemas.regions.item>;
export type Industry = Static<typeof ReferenceSchemas.industries.item>;
export type Department = Static<typeof ReferenceSchemas.departments.item>;
export type ProductCategory = Static<(typeof ReferenceSchemas)['product-categories']['item']>;
export type BrandProgramme = Static<(typeof ReferenceSchemas)['brand-programmes']['item']>;
export type ReferenceItem = Region | Industry | Department | ProductCategory | BrandProgramme;
