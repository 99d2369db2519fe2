import { Type, type Static, type TProperties, type TSchema } from 'typebox';
import { LIMITS } from '../limits';
import { Id, Instant, Nullable, Version } from './common';

/** The kinds of reference data, as they appear in the URL /api/v1/reference/:kind. */
export const REFERENCE_KINDS = ['regions', 'industries', 'departments', 'product-categories'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

export const REGION_LEVELS = ['province', 'city', 'district', 'county', 'county_city'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

const Name = Type.String({ minLength: LIMITS.name.min, maxLength: LIMITS.name.max });
const NameEn = Type.String({ maxLength: LIMITS.name.max });
const SortOrder = Type.Integer({ minimum: 0, maximum: 1_000_000 });

/** Fields each kind adds to the common ones (code, name, nameEn, sortOrder, active). */
const extras = {
  regions: {
    code: Type.String({ pattern: '^[0-9]{6}$', description: 'GB/T 2260 行政区划代码' }),
    fields: {
      level: Type.Enum(REGION_LEVELS),
      parentCode: Nullable(Type.String({ pattern: '^[0-9]{6}$' })),
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
};

export type Region = Static<typeof ReferenceSchemas.regions.item>;
export type Industry = Static<typeof ReferenceSchemas.industries.item>;
export type Department = Static<typeof ReferenceSchemas.departments.item>;
export type ProductCategory = Static<(typeof ReferenceSchemas)['product-categories']['item']>;
export type ReferenceItem = Region | Industry | Department | ProductCategory;
