import { RECORD_FIELDS, type RecordKind } from '../../../../contract/schemas/records';

/** How a record field is edited and shown, read off its contract schema. */
export type FieldType = 'text' | 'date' | 'boolean' | 'integer' | 'yuan' | 'enum' | 'category' | 'trainings' | 'products';
export interface FieldSpec {
  name: string;
  type: FieldType;
  required: boolean;
  /** Null is a value (an emptied text is sent as null, not ''). */
  nullable: boolean;
  max?: number;
  min?: number;
  options?: readonly string[];
  /** The i18n family of an enum's labels (enum.<family>.<value>). */
  family?: string;
}

const ENUM_FAMILIES: Record<string, string> = {
  'standards.kind': 'standardKind',
  'standards.adoption': 'adoption',
  'certifications.kind': 'certKind',
  'certifications.status': 'certStatus',
  'licences.status': 'licenceStatus',
};

const YUAN = new Set(['outputValue', 'newProductOutputValue', 'salesRevenue', 'exportValue', 'profitAndTax']);

type Schema = {
  type?: string;
  format?: string;
  enum?: readonly string[];
  anyOf?: Schema[];
  maxLength?: number;
  minLength?: number;
  minimum?: number;
};

export function recordFields(kind: RecordKind): FieldSpec[] {
  return Object.entries(RECORD_FIELDS[kind] as Record<string, { schema: Schema; required?: true }>)
    .filter(([name]) => name !== 'brandProduct') // kept by the brands module, not edited here
    .map(([name, f]) => {
      const s = f.schema.anyOf?.find((x) => x.type !== 'null') ?? f.schema;
      const base = {
        name,
        required: !!f.required,
        nullable: !!f.schema.anyOf?.some((x) => x.type === 'null'),
        max: s.maxLength,
        min: s.minLength,
      };
      if (name === 'categoryCode') return { ...base, type: 'category' };
      if (name === 'trainings') return { ...base, type: 'trainings' };
      if (name === 'productIds') return { ...base, type: 'products' };
      if (s.enum) return { ...base, type: 'enum', options: s.enum, family: ENUM_FAMILIES[`${kind}.${name}`] };
      if (s.type === 'boolean') return { ...base, type: 'boolean' };
      if (s.type === 'integer') return { ...base, type: YUAN.has(name) ? 'yuan' : 'integer', min: s.minimum };
      if (s.format === 'date') return { ...base, type: 'date' };
      return { ...base, type: 'text' };
    });
}

export const fieldLabel = (kind: RecordKind, name: string) => `field.${kind}.${name}`;
