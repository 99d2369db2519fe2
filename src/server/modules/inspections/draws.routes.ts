import { errorResponses, IdParams } from '../../../contract/schemas/common';
import { Draw, DrawBody, DrawCheck } from '../../../contract/schemas/inspections';
import { actorFrom, guard } from '../../authz/guard';
import type { Api } from '../../http';
import type { DrawService } from './draws.service';

const tags = ['inspections'];

export function drawRoutes(app: Api, draws: DrawService): void {
  app.post('/api/v1/inspection-plans/:id/draws', {
    schema: { tags, summary: '双随机：按风险加权抽取受检企业，并抽取 2 名检查人员；记录种子与全部输入', params: IdParams, body: DrawBody, response: { 201: Draw, ...errorResponses } },
    onRequest: guard({ permission: 'inspection.write' }),
    handler: async (request, reply) => reply.status(201).send(await draws.draw(actorFrom(request), request.params.id, request.body)),
  });

  app.get('/api/v1/inspection-draws/:id', {
    schema: { tags, summary: '一次随机抽取的记录：候选、权重、种子、结果', params: IdParams, response: { 200: Draw, ...errorResponses } },
    onRequest: guard({ permission: 'inspection.read' }),
    handler: (request) => draws.get(actorFrom(request), request.params.id),
  });

  app.get('/api/v1/inspection-draws/:id/verify', {
    schema: { tags, summary: '按记录的输入重新抽取，核对结果是否一致', params: IdParams, response: { 200: DrawCheck, ...errorResponses } },
    onRequest: guard({ permission: 'inspection.read' }),
    handler: (request) => draws.verify(actorFrom(request), request.params.id),
  });
}
