import { Type } from 'typebox';
import { errorResponses, IdParams } from '../../../contract/schemas/common';
import { REFERENCE_KINDS, ReferenceSchemas, type ReferenceKind } from '../../../contract/schemas/reference';
import { actorFrom, guard } from '../../authz/guard';
import type { Api } from '../../http';
import type { ReferenceService } from './reference.service';

const tags = ['reference'];
/** Each kind's noun in the operationIds (listRegions, createRegion, updateRegion): one and many. */
const NOUNS: Record<ReferenceKind, [string, string]> = {
  regions: ['Region', 'Regions'],
  industries: ['Industry', 'Industries'],
  departments: ['Department', 'Departments'],
  'product-categories': ['ProductCategory', 'ProductCategories'],
  'brand-programmes': ['BrandProgramme', 'BrandProgrammes'],
};

/** Each kind of reference data gets the same three routes, with its own schemas. */
export function referenceRoutes(app: Api, reference: ReferenceService): void {
  for (const kind of REFERENCE_KINDS) {
    const schemas = ReferenceSchemas[kind];
    const path = `/api/v1/reference/${kind}`;
    const [one, many] = NOUNS[kind];

    app.get(path, {
      schema: {
        operationId: `list${many}`,
        tags,
        summary: `参考数据列表：${kind}`,
        response: { 200: Type.Object({ items: Type.Array(schemas.item) }), ...errorResponses },
      },
      onRequest: guard({ permission: 'reference.read' }),
      // Sent as the cached JSON text (Fastify sends a string as is): the schema above documents
      // it, the service already built it. The cast tells the type provider so.
      handler: async (_request, reply) => reply.type('application/json; charset=utf-8').send((await reference.listJson(kind)) as never),
    });

    app.post(path, {
      schema: {
        operationId: `create${one}`,
        tags,
        summary: `新增参考数据：${kind}`,
        body: schemas.create,
        response: { 201: schemas.item, ...errorResponses },
      },
      onRequest: guard({ permission: 'reference.write' }),
      handler: async (request, reply) =>
        reply.status(201).send(await reference.create(actorFrom(request), kind, request.body as Record<string, unknown>)),
    });

    app.patch(`${path}/:id`, {
      schema: {
        operationId: `update${one}`,
        tags,
        summary: `修改参考数据：${kind}`,
        params: IdParams,
        body: schemas.update,
        response: { 200: schemas.item, ...errorResponses },
      },
      onRequest: guard({ permission: 'reference.write' }),
      handler: (request) =>
        reference.update(actorFrom(request), kind, request.params.id, request.body as Record<string, unknown> & { version: number }),
    });
  }
}
