import { Type } from 'typebox';
import { errorResponses, IdParams } from '../../../contract/schemas/common';
import {
  Board,
  BoardQuery,
  CaseActionBody,
  CreatePlan,
  CreateTestingBody,
  Inspection,
  InspectionDetail,
  InspectionListQuery,
  Plan,
  RegisterSample,
  TestingBody,
} from '../../../contract/schemas/inspections';
import { actorFrom, guard } from '../../authz/guard';
import type { Api } from '../../http';
import type { InspectionService } from './inspections.service';

const tags = ['inspections'];

export function inspectionRoutes(app: Api, inspections: InspectionService): void {
  app.get('/api/v1/testing-bodies', {
    schema: {
      operationId: 'listTestingBodies',
      tags,
      summary: '检验机构名录',
      response: { 200: Type.Object({ items: Type.Array(TestingBody) }), ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.read' }),
    handler: () => inspections.listTestingBodies(),
  });

  app.post('/api/v1/testing-bodies', {
    schema: {
      operationId: 'createTestingBody',
      tags,
      summary: '登记检验机构（市局）',
      body: CreateTestingBody,
      response: { 201: TestingBody, ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.write' }),
    handler: async (request, reply) => reply.status(201).send(await inspections.createTestingBody(actorFrom(request), request.body)),
  });

  app.get('/api/v1/inspection-plans', {
    schema: {
      operationId: 'listInspectionPlans',
      tags,
      summary: '监督抽查计划',
      querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Plan) }), ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.read' }),
    handler: (request) => inspections.listPlans(actorFrom(request), request.query.year),
  });

  app.post('/api/v1/inspection-plans', {
    schema: {
      operationId: 'createInspectionPlan',
      tags,
      summary: '制定抽查计划（含各类别的抽查方案）',
      body: CreatePlan,
      response: { 201: Plan, ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.write' }),
    handler: async (request, reply) => reply.status(201).send(await inspections.createPlan(actorFrom(request), request.body)),
  });

  app.get('/api/v1/inspections', {
    schema: {
      operationId: 'listInspections',
      tags,
      summary: '抽查案件（每个抽样批次一件），按抽样日期倒序分页',
      querystring: InspectionListQuery,
      response: {
        200: Type.Object({ items: Type.Array(Inspection), meta: Type.Object({ nextCursor: Type.Union([Type.String(), Type.Null()]) }) }),
        ...errorResponses,
      },
    },
    onRequest: guard({ permission: 'inspection.read' }),
    handler: (request) => inspections.list(actorFrom(request), request.query),
  });

  app.post('/api/v1/inspections', {
    schema: {
      operationId: 'createInspection',
      tags,
      summary: '登记抽样（抽样单）；6 个月内重复抽查同一产品返回 409 repeat_check',
      body: RegisterSample,
      response: { 201: Inspection, ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.write' }),
    handler: async (request, reply) => reply.status(201).send(await inspections.registerSample(actorFrom(request), request.body)),
  });

  app.get('/api/v1/inspections/board', {
    schema: {
      operationId: 'getInspectionBoard',
      tags,
      summary: '期限看板：各案件待办事项及期限（含已逾期），按县市区、人员汇总与筛选',
      querystring: BoardQuery,
      response: { 200: Board, ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.read' }),
    handler: (request) => inspections.board(actorFrom(request), request.query),
  });

  app.get('/api/v1/inspections/:id', {
    schema: {
      operationId: 'getInspection',
      tags,
      summary: '案件详情：检验项目、办理经过、待办期限',
      params: IdParams,
      response: { 200: InspectionDetail, ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.read' }),
    handler: (request) => inspections.get(actorFrom(request), request.params.id),
  });

  app.post('/api/v1/inspections/:id/actions', {
    schema: {
      operationId: 'recordInspectionAction',
      tags,
      summary: '办理一步：检验结果、告知、异议、复检、确定结论、责令改正、复查、公告、结案；状态不允许返回 409 invalid_transition',
      params: IdParams,
      body: CaseActionBody,
      response: { 200: InspectionDetail, ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.write' }),
    handler: (request) => inspections.act(actorFrom(request), request.params.id, request.body),
  });
}
