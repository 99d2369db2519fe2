import { Type } from 'typebox';
import { errorResponses, IdParams } from '../../../contract/schemas/common';
import {
  CreateEnterpriseBody,
  DeleteBody,
  Enterprise,
  EnterpriseList,
  EnterpriseListQuery,
  UpdateEnterpriseBody,
  UsccCheckQuery,
  UsccCheckResult,
  Workbench,
} from '../../../contract/schemas/enterprises';
import { AuditEvent } from '../../../contract/schemas/audit';
import { actorFrom, guard } from '../../authz/guard';
import type { Api } from '../../http';
import type { EnterpriseService } from './enterprises.service';

const tags = ['enterprises'];

export function enterpriseRoutes(app: Api, enterprises: EnterpriseService): void {
  app.get('/api/v1/enterprises', {
    schema: {
      operationId: 'listEnterprises',
      tags,
      summary: '企业档案列表：搜索、筛选、排序、游标分页',
      querystring: EnterpriseListQuery,
      response: { 200: EnterpriseList, ...errorResponses },
    },
    onRequest: guard({ permission: 'enterprise.read' }),
    handler: (request) => enterprises.list(actorFrom(request), request.query),
  });

  app.get('/api/v1/workbench', {
    schema: { operationId: 'getWorkbench', tags, summary: '工作台统计（本人权限范围内）', response: { 200: Workbench, ...errorResponses } },
    onRequest: guard({ permission: 'enterprise.read' }),
    handler: (request) => enterprises.workbench(actorFrom(request)),
  });

  app.get('/api/v1/enterprises/:id/history', {
    schema: {
      operationId: 'getEnterpriseHistory',
      tags,
      summary: '企业及其全部记录的变更历史（最近 500 条）',
      params: IdParams,
      response: { 200: Type.Object({ items: Type.Array(AuditEvent) }), ...errorResponses },
    },
    onRequest: guard({ permission: 'enterprise.read' }),
    handler: (request) => enterprises.history(actorFrom(request), request.params.id),
  });

  app.get('/api/v1/enterprises/uscc-check', {
    schema: {
      operationId: 'checkUscc',
      tags,
      summary: '校验统一社会信用代码并给出建议的所属区划',
      querystring: UsccCheckQuery,
      response: { 200: UsccCheckResult, ...errorResponses },
    },
    onRequest: guard({ permission: 'enterprise.read' }),
    handler: (request) => enterprises.checkCode(actorFrom(request), request.query.code),
  });

  // The code as a query: as a path segment under /enterprises/ it would be ambiguous beside /enterprises/{id}/… for clients.
  app.get('/api/v1/enterprises/lookup', {
    schema: {
      operationId: 'getEnterpriseByUscc',
      tags,
      summary: '按统一社会信用代码查企业',
      querystring: Type.Object({ uscc: Type.String({ minLength: 1, maxLength: 30 }) }, { additionalProperties: false }),
      response: { 200: Enterprise, ...errorResponses },
    },
    onRequest: guard({ permission: 'enterprise.read' }),
    handler: (request) => enterprises.getByUscc(actorFrom(request), request.query.uscc),
  });

  app.post('/api/v1/enterprises', {
    schema: {
      operationId: 'createEnterprise',
      tags,
      summary: '新建企业档案',
      body: CreateEnterpriseBody,
      response: { 201: Enterprise, ...errorResponses },
    },
    onRequest: guard({ permission: 'enterprise.write' }),
    handler: async (request, reply) => reply.status(201).send(await enterprises.create(actorFrom(request), request.body)),
  });

  app.get('/api/v1/enterprises/:id', {
    schema: { operationId: 'getEnterprise', tags, summary: '企业档案', params: IdParams, response: { 200: Enterprise, ...errorResponses } },
    onRequest: guard({ permission: 'enterprise.read' }),
    handler: (request) => enterprises.get(actorFrom(request), request.params.id),
  });

  app.patch('/api/v1/enterprises/:id', {
    schema: {
      operationId: 'updateEnterprise',
      tags,
      summary: '修改企业档案',
      params: IdParams,
      body: UpdateEnterpriseBody,
      response: { 200: Enterprise, ...errorResponses },
    },
    onRequest: guard({ permission: 'enterprise.write' }),
    handler: (request) => enterprises.update(actorFrom(request), request.params.id, request.body),
  });

  app.delete('/api/v1/enterprises/:id', {
    schema: {
      operationId: 'deleteEnterprise',
      tags,
      summary: '删除企业档案（软删除，须填写理由）',
      params: IdParams,
      body: DeleteBody,
      response: { 204: Type.Null(), ...errorResponses },
    },
    onRequest: guard({ permission: 'enterprise.write' }),
    handler: async (request, reply) => {
      await enterprises.remove(actorFrom(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  });
}
