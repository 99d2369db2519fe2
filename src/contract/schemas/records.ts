import { Type, type Static, type TProperties, type TSchema } from 'typebox';
import { LIMITS } from '../limits';
import { Id, Instant, Nullable, Version } from './common';
import { DateString } from './enterprises';

/**
 * The records kept under an enterprise in the archive, each with its own fields. Field names
 * are camelCase here and snake_case in the database. `standards` hang under a product.
 */
export const RECORD_KINDS = [
  'former-names',
  'associations',
  'yearly-figures',
  'products',
  'standards',
  'certifications',
  'licences',
  'quality-staff',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const STANDARD_KINDS = ['national', 'industry', 'local', 'group', 'enterprise', 'international', 'foreign_advanced'] as const; // 国家/行业/地方/团体/企业/国际/国外先进
export const ADOPTION_DEGREES = ['IDT', 'MOD', 'NEQ', 'none'] as const; // 等同/修改/非等效/不采标
export const CERTIFICATION_KINDS = ['ISO9001', 'ISO14001', 'ISO45001', 'CCC', 'GREEN_FOOD', 'POLLUTION_FREE', 'ORGANIC', 'OTHER'] as const;
export const CERTIFICATE_STATUSES = ['valid', 'suspended', 'revoked', 'cancelled'] as const;
export const LICENCE_STATUSES = ['valid', 'cancelled', 'revoked'] as const;

const text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const yuan = Nullable(Type.Integer({ minimum: 0, maximum: 9_000_000_000_000_000, description: '元（整数）' }));
const flag = (description: string) => Type.Boolean({ description });

interface FieldSpec {
  schema: TSchema;
  /** Required on create; the others take `default`. */
  required?: true;
  default?: unknown;
}
const req = (schema: TSchema): FieldSpec => ({ schema, required: true });
const opt = (schema: TSchema, value: unknown): FieldSpec => ({ schema, default: value });

export const RECORD_FIELDS = {
  'former-names': {
    name: req(text(LIMITS.name.max, 2)),
    usedFrom: opt(Nullable(DateString), null),
    usedTo: opt(Nullable(DateString), null),
  },
  associations: {
    association: req(text(LIMITS.name.max, 2)),
    memberRole: opt(text(50), ''),
    joinedOn: opt(Nullable(DateString), null),
  },
  'yearly-figures': {
    year: req(Type.Integer({ minimum: 1949, maximum: 2100 })),
    outputValue: opt(yuan, null),
    newProductOutputValue: opt(yuan, null),
    salesRevenue: opt(yuan, null),
    exportValue: opt(yuan, null),
    profitAndTax: opt(Nullable(Type.Integer({ minimum: -9_000_000_000_000_000, maximum: 9_000_000_000_000_000 })), null),
    employees: opt(Nullable(Type.Integer({ minimum: 0, maximum: 10_000_000 })), null),
  },
  products: {
    name: req(text(LIMITS.name.max, 1)),
    categoryCode: opt(Nullable(text(32, 1)), null),
    brand: opt(text(50), ''),
    model: opt(text(100), ''),
    keyProduct: opt(flag('重点产品'), false),
    exportProduct: opt(flag('出口产品'), false),
    foodProduct: opt(flag('食品'), false),
    brandProduct: opt(flag('名牌产品（由品牌模块维护）'), false),
    madeToStandard: opt(flag('按标准组织生产'), true),
  },
  standards: {
    standardNo: req(text(60, 2)),
    kind: req(Type.Enum(STANDARD_KINDS)),
    adoption: opt(Type.Enum(ADOPTION_DEGREES, { description: '采标程度' }), 'none'),
    adoptedStandardNo: opt(text(60), ''),
    standardNoOverrideReason: opt(
      Nullable(Type.String({ minLength: LIMITS.reason.min, maxLength: LIMITS.reason.max, description: '编号格式无法识别仍录入的理由' })),
      null,
    ),
  },
  certifications: {
    kind: req(Type.Enum(CERTIFICATION_KINDS)),
    kindOther: opt(text(50), ''),
    certificateNo: req(text(60, 2)),
    body: opt(text(100), ''),
    issuedOn: opt(Nullable(DateString), null),
    expiresOn: opt(Nullable(DateString), null),
    status: opt(Type.Enum(CERTIFICATE_STATUSES), 'valid'),
    productIds: opt(
      Type.Array(Id, { maxItems: 200, uniqueItems: true, description: '证书载明的本企业产品（绿色食品等按产品发证的证书）' }),
      [],
    ),
  },
  licences: {
    licenceNo: req(text(60, 2)),
    productUnit: req(text(100, 1)),
    issuedOn: req(DateString),
    expiresOn: opt(Nullable(DateString), null),
    status: opt(Type.Enum(LICENCE_STATUSES), 'valid'),
  },
  'quality-staff': {
    personName: req(text(50, 1)),
    staffRole: req(text(50, 1)),
    qualification: opt(text(100), ''),
    phone: opt(text(30), ''),
    trainings: opt(
      Type.Array(
        Type.Object({ course: text(100, 1), completedOn: Nullable(DateString), certificateNo: text(60) }, { additionalProperties: false }),
        { maxItems: 100 },
      ),
      [],
    ),
  },
} satisfies Record<RecordKind, Record<string, FieldSpec>>;

/** Values computed on read, never stored. */
const DERIVED: Partial<Record<RecordKind, TProperties>> = {
  certifications: { expired: Type.Boolean({ description: '已过期（由到期日计算）' }) },
  licences: {
    expired: Type.Boolean({ description: '已过期' }),
    renewalDue: Type.Boolean({ description: '到期前 6 个月内，应申请延续' }),
  },
};

function build(kind: RecordKind) {
  const fields = RECORD_FIELDS[kind] as Record<string, FieldSpec>;
  const props = Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.schema]));
  const item = Type.Object({
    id: Id,
    ...props,
    ...(DERIVED[kind] ?? {}),
    version: Type.Integer(),
    createdAt: Instant,
    updatedAt: Instant,
  });
  const create = Type.Object(
    Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.required ? f.schema : Type.Optional(f.schema)])),
    { additionalProperties: false },
  );
  const update = Type.Object(
    { version: Version, ...Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, Type.Optional(f.schema)])) },
    { additionalProperties: false },
  );
  return { item, create, update, list: Type.Object({ items: Type.Array(item) }) };
}

export const RecordSchemas = Object.fromEntries(RECORD_KINDS.map((k) => [k, build(k)])) as Record<RecordKind, ReturnType<typeof build>>;

export type RecordItem = Static<(typeof RecordSchemas)[RecordKind]['item']>;
