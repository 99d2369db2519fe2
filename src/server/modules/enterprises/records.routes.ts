import { Type } from 'typebox';
import { errorResponses, Id } from '../../../contract/schemas/common';
import { DeleteBody, Enterprise } from '../../../contract/schemas/enterprises';
import { RECORD_KINDS, RecordSchemas, type RecordKind } from '../../../contract/schemas/records';
import { actorFrom, guard } from '../../authz/guard';
import type { Api } from '../../http';
import { RECORD_TABLES } from './records.kinds';
import type { RecordPath, RecordService } from './records.service';

const tags = ['enterprises'];
const NAMES: Record<RecordKind, string> = {
  'former-names': '曾用名',
  associations: '行业协会会员',
  'yearly-figures': '年度经济指标',
  products: '产品',
  standards: '产品执行标准',
  certifications: '认证',
  licences: '生产许可证',
  'quality-staff': '质量管理人员',
};
/** Each kind's noun in the operationIds (listProducts, createProduct, updateProduct, deleteProduct): one and many. */
const NOUNS: Record<RecordKind, [string, string]> = {
  'former-names': ['FormerName', 'FormerNames'],
  associations: ['Association', 'Associations'],
  'yearly-figures': ['YearlyFigure', 'YearlyFigures'],
  products: ['Product', 'Products'],
  standards: ['ProductStandard', 'ProductStandards'],
  certifications: ['Certification', 'Certifications'],
  licences: ['Licence', 'Licences'],
  'quality-staff': ['QualityStaffMember', 'QualityStaff'],
};

/** The same five routes for every kind of archive record, under its enterprise (or product). */
export function recordRoutes(app: Api, records: RecordService): void {
  for (const kind of RECORD_KINDS) {
    const schemas = RecordSchemas[kind];
    const [one, many] = NOUNS[kind];
    const underProduct = RECORD_TABLES[kind].parent === 'product';
    const base = underProduct
      ? `/api/v1/enterprises/:enterpriseId/products/:productId/${kind}`
      : `/api/v1/enterprises/:enterpriseId/${kind}`;
    const Params = Type.Object({ enterpriseId: Id, ...(underProduct ? { productId: Id } : {}) }, { additionalProperties: false });
    const ItemParams = Type.Object(
      { enterpriseId: Id, ...(underProduct ? { productId: Id } : {}), id: Id },
      { additionalProperties: false },
    );
    const path = (p: { enterpriseId: string; productId?: string }): RecordPath => ({
      enterpriseId: p.enterpriseId,
      productId: p.productId,
    });

    app.get(base, {
      schema: {
        operationId: `list${many}`,
        tags,
        summary: `${NAMES[kind]}列表`,
        params: Params,
        response: { 200: schemas.list, ...errorResponses },
      },
      onRequest: guard({ permission: 'enterprise.read' }),
      handler: (request) => records.list(actorFrom(request), kind, path(request.params as RecordPath)),
    });
    app.post(base, {
      schema: {
        operationId: `create${one}`,
        tags,
        summary: `新增${NAMES[kind]}`,
        params: Params,
        body: schemas.create,
        response: { 201: schemas.item, ...errorResponses },
      },
      onRequest: guard({ permission: 'enterprise.write' }),
      handler: async (request, reply) =>
        reply
          .status(201)
          .send(
            await records.create(actorFrom(request), kind, path(request.params as RecordPath), request.body as Record<string, unknown>),
          ),
    });
    app.patch(`${base}/:id`, {
      schema: {
        operationId: `update${one}`,
        tags,
        summary: `修改${NAMES[kind]}`,
        params: ItemParams,
        body: schemas.update,
        response: { 200: schemas.item, ...errorResponses },
      },
      onRequest: guard({ permission: 'enterprise.write' }),
      handler: (request) => {
        const params = request.params as RecordPath & { id: string };
        return records.update(
          actorFrom(request),
          kind,
          path(params),
          params.id,
          request.body as Record<string, unknown> & { version: number },
        );
      },
    });
    app.delete(`${base}/:id`, {
      schema: {
        operationId: `delete${one}`,
        tags,
        summary: `删除${NAMES[kind]}（须填写理由）`,
        params: ItemParams,
        body: DeleteBody,
        response: { 204: Type.Null(), ...errorResponses },
      },
      onRequest: guard({ permission: 'enterprise.write' }),
      handler: async (request, reply) => {
        const params = request.params as RecordPath & { id: string };
        await records.remove(actorFrom(request), kind, path(params), params.id, request.body);
        return reply.status(204).send(null);
      },
    });
  }

  app.get('/api/v1/enterprises/:enterpriseId/profile', {
    schema: {
      operationId: 'getEnterpriseProfile',
      tags,
      summary: '企业画像：企业及其全部档案记录',
      params: Type.Object({ enterpriseId: Id }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          enterprise: Enterprise,
          formerNames: RecordSchemas['former-names'].list.properties.items,
          associations: RecordSchemas.associations.list.properties.items,
          yearlyFigures: RecordSchemas['yearly-figures'].list.properties.items,
          products: Type.Array(
            Type.Intersect([RecordSchemas.products.item, Type.Object({ standards: RecordSchemas.standards.list.properties.items })]),
          ),
          certifications: RecordSchemas.certifications.list.properties.items,
          licences: RecordSchemas.licences.list.properties.items,
          qualityStaff: RecordSchemas['quality-staff'].list.properties.items,
        }),
        ...errorResponses,
      },
    },
    onRequest: guard({ permission: 'enterprise.read' }),
    handler: (request) => records.profile(actorFrom(request), request.params.enterpriseId),
  });
}
