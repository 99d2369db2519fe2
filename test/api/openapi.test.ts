import { beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../scripts/openapi';

interface Operation {
  operationId?: string;
  responses?: Record<string, unknown>;
}
type Doc = Record<string, unknown> & { servers?: { url: string }[]; paths: Record<string, Record<string, Operation>> };

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
/** verbNoun: a lower-case verb, then capitalised words (listEnterprises, getEnterpriseByUscc). */
const CAMEL_VERB_NOUN = /^[a-z]+(?:[A-Z][a-z0-9]*)+$/;

function operationsOf(doc: Doc): { key: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([method]) => METHODS.has(method))
      .map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
  );
}

/** What a generated client could not name: operations without an operationId, badly formed ones, and ids used twice. */
function operationIdProblems(doc: Doc): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const { key, op } of operationsOf(doc)) {
    const id = op.operationId;
    if (!id) problems.push(`${key}: no operationId`);
    else if (!CAMEL_VERB_NOUN.test(id)) problems.push(`${key}: operationId ${id} is not camelCase verbNoun`);
    else if (seen.has(id)) problems.push(`${key}: operationId ${id} is also ${seen.get(id)}'s`);
    else seen.set(id, key);
  }
  return problems;
}

/** Every "$ref" in the document, wherever it sits. */
function refsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsOf);
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [v] : refsOf(v)));
}

/** A local reference (#/components/schemas/X) followed through the document; undefined when it leads nowhere. */
function resolve(doc: Doc, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>(
      (node, part) =>
        node && typeof node === 'object' ? (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined,
      doc,
    );
}

describe('the OpenAPI document clients generate from', () => {
  let doc: Doc;
  beforeAll(async () => {
    doc = (await openApiDocument()) as Doc;
  });

  it('the check finds an operation without an operationId, a malformed one and one used twice', () => {
    const sample: Doc = {
      paths: {
        '/a': { get: { operationId: 'listAs' }, post: {} },
        '/a/{id}': { get: { operationId: 'listAs' }, patch: { operationId: 'Update_A' } },
      },
    };
    expect(operationIdProblems(sample)).toEqual([
      'POST /a: no operationId',
      "GET /a/{id}: operationId listAs is also GET /a's",
      'PATCH /a/{id}: operationId Update_A is not camelCase verbNoun',
    ]);
  });

  it('every operation has its own camelCase verbNoun operationId', () => {
    expect(operationsOf(doc).length).toBeGreaterThan(150);
    expect(operationIdProblems(doc)).toEqual([]);
  });

  it('stands alone: one relative server, every $ref resolves inside it, every operation answers 2xx', () => {
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/api/v1' })]);
    const refs = [...new Set(refsOf(doc))];
    expect(refs).toContain('#/components/schemas/ErrorBody');
    expect(refs.filter((ref) => resolve(doc, ref) === undefined)).toEqual([]);
    const without2xx = operationsOf(doc).filter(({ op }) => !Object.keys(op.responses ?? {}).some((code) => /^2\d\d$/.test(code)));
    expect(without2xx.map((o) => o.key)).toEqual([]);
  });
});
