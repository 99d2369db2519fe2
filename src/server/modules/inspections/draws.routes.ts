import { errorResponses, IdParams } from '../../../contract/schemas/common';
import { Draw, DrawBody, DrawCheck, DrawList } from '../../../contract/schemas/inspections';
import { actorFrom, guard } from '../../authz/guard';
import type { Api } from '../../http';
import type { DrawService } from './draws.service';

const tags = ['inspections'];

export function drawRoutes(app: Api, draws: DrawService): void {
  app.post('/api/v1/inspection-plans/:id/draws', {
    schema: {
      operationId: 'createInspectionDraw',
      tags,
      summary:
        '双随机第一步：冻结候选企业（按风险加权）与检查人员名录，由服务器生成种子并公布其 SHA-256 承诺值；同一类别再次抽取须填写理由（409 redraw_needs_reason）',
      params: IdParams,
      body: DrawBody,
      response: { 201: Draw, ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.write' }),
    handler: async (request, reply) => reply.status(201).send(await draws.commit(actorFrom(request), request.params.id, request.body)),
  });

  app.get('/api/v1/inspection-plans/:id/draws', {
    schema: {
      operationId: 'listInspectionDraws',
      tags,
      summary: '计划的全部随机抽取（不删除）：轮次、理由、承诺值、种子、抽取人及时间',
      params: IdParams,
      response: { 200: DrawList, ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.read' }),
    handler: (request) => draws.list(actorFrom(request), request.params.id),
  });

  app.post('/api/v1/inspection-draws/:id/reveal', {
    schema: {
      operationId: 'revealInspectionDraw',
      tags,
      summary: '双随机第二步：按冻结的输入抽取 N 家企业和 2 名检查人员，公开种子与随机串；每次抽取只能揭晓一次',
      params: IdParams,
      response: { 200: Draw, ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.write' }),
    handler: (request) => draws.reveal(actorFrom(request), request.params.id),
  });

  app.get('/api/v1/inspection-draws/:id', {
    schema: {
      operationId: 'getInspectionDraw',
      tags,
      summary: '一次随机抽取的记录：候选、权重、承诺值、种子、结果',
      params: IdParams,
      response: { 200: Draw, ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.read' }),
    handler: (request) => draws.get(actorFrom(request), request.params.id),
  });

  app.get('/api/v1/inspection-draws/:id/verify', {
    schema: {
      operationId: 'verifyInspectionDraw',
      tags,
      summary: '按记录的输入与种子重新抽取并核对结果，重新计算承诺值并核对',
      params: IdParams,
      response: { 200: DrawCheck, ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.read' }),
    handler: (request) => draws.verify(actorFrom(request), request.params.id),
  });
}
