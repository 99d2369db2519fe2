import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import type { TSchema } from 'typebox';
import { cleanText, isFreeText, type TextProblem } from '../lib/text';

/** The parts of a JSON schema the text rule reads to find the schema of each string in a body. */
interface Schema {
  type?: string;
  format?: string;
  maxLength?: number;
  properties?: Record<string, Schema>;
  patternProperties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}

/** A schema and, for a union or an intersection, every branch: a value there may match any of them. */
function branches(schema: Schema | undefined): Schema[] {
  if (!schema || typeof schema !== 'object') return [];
  return [schema, ...[...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])].flatMap(branches)];
}

function childSchemas(schemas: Schema[], key: string | number): Schema[] {
  return schemas.flatMap((s) => {
    if (typeof key === 'number') return branches(s.items);
    if (s.properties && Object.hasOwn(s.properties, key)) return branches(s.properties[key]);
    const patterns = Object.entries(s.patternProperties ?? {}).filter(([pattern]) => new RegExp(pattern, 'u').test(key));
    if (patterns.length) return patterns.flatMap(([, p]) => branches(p));
    return typeof s.additionalProperties === 'object' ? branches(s.additionalProperties) : [];
  });
}

/** How deep a body may nest arrays and objects: the deepest form has a handful of levels. */
const MAX_BODY_DEPTH = 32;

/**
 * Applies the text rule (lib/text.ts) to every string of a body, in place, reading from the
 * schema how each one is to be treated: free text (isFreeText: notes, reasons) may span lines;
 * `format: 'password'` is kept verbatim. A string the schema does not describe (it will be
 * refused as unknown) gets the single-line rule.
 */
function normaliseBody(schemas: Schema[], value: unknown, path: string, problems: FastifySchemaValidationError[], depth = 0): unknown {
  if (depth > MAX_BODY_DEPTH) {
    // Refused before anything walks it: no form is this deep, and a deep enough one would exhaust the stack (a 500).
    problems.push({
      keyword: 'maxDepth',
      instancePath: path
        .split('/')
        .slice(0, MAX_BODY_DEPTH + 1)
        .join('/'),
      schemaPath: '#',
      params: { limit: MAX_BODY_DEPTH },
      message: 'nested too deep',
    });
    return value;
  }
  if (typeof value === 'string') {
    const strings = schemas.filter((s) => s.type === 'string');
    const result = cleanText(value, {
      multiline: strings.some((s) => isFreeText(s.maxLength)),
      verbatim: strings.some((s) => s.format === 'password'),
    });
    if (result.ok) return result.value;
    problems.push({
      keyword: 'text',
      instancePath: path,
      schemaPath: '#',
      params: { ...result.problem } satisfies TextProblem,
      message: 'text not allowed',
    });
    return value;
  }
  if (Array.isArray(value)) {
    const items = childSchemas(schemas, 0);
    value.forEach((item, i) => (value[i] = normaliseBody(items, item, `${path}/${i}`, problems, depth + 1)));
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (key === '__proto__') continue; // refused by the JSON parser already; never assigned to
      record[key] = normaliseBody(childSchemas(schemas, key), record[key], `${path}/${key}`, problems, depth + 1);
    }
  }
  return value;
}

/**
 * TypeBox's validator, with the text rule applied first to bodies, path parameters and query
 * strings: what is checked for length and pattern, and what the handler gets, is the normalised
 * text. A refused character answers 400 `invalid_text` (error-handler.ts) with the field's path —
 * a NUL in a URL too, which PostgreSQL would otherwise refuse mid-query (a 500; found by the probe).
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = (route) => {
  const validate = TypeBoxValidatorCompiler(route);
  if (route.httpPart === 'headers') return validate;
  const root = branches(route.schema as Schema);
  return (value) => {
    const problems: FastifySchemaValidationError[] = [];
    const normalised = normaliseBody(root, value, '', problems);
    return problems.length ? { error: problems } : validate(normalised);
  };
};
