import { AdvanceCultivation, CreateCultivation, Cultivation, CultivationBoard, CultivationQuery } from '../../../contract/schemas/brands';
import { errorResponses, IdParams } from '../../../contract/schemas/common';
import { Type } from 'typebox';
import { actorFrom, guard } from '../../authz/guard';
import type { Api } from '../../http';
import type { CultivationService } from './cultivations.service';

const tags = ['brands'];

export function cultivationRoutes(app: Api, cultivations: CultivationService): void {
  app.get('/api/v1/cultivations', {
    schema: { tags, summary: '名牌培育：按项目、县市区、阶段筛选', querystring: CultivationQuery, response: { 200: Type.Object({ items: Type.Array(Cultivation) }), ...errorResponses } },
    onRequest: guard({ permission: 'brand.read' }),
    handler: (request) => cultivations.list(actorFrom(request), request.query),
  });
  app.get('/api/v1/cultivations/board', {
    schema: { tags, summary: '培育看板：各项目、县市区、阶段的企业数', response: { 200: CultivationBoard, ...errorResponses } },
    onRequest: guard({ permission: 'brand.read' }),
    handler: (request) => cultivations.board(actorFrom(request)),
  });
  app.post('/api/v1/cultivations', {
    schema: { tags, summary: '列入培育（候选）', body: CreateCultivation, response: { 201: Cultivation, ...errorResponses } },
    onRequest: guard({ permission: 'brand.write' }),
    handler: async (request, reply) => reply.status(201).send(await cultivations.create(actorFrom(request), request.body)),
  });
  app.post('/api/v1/cultivations/:id/advance', {
    schema: { tags, summary: '推进到下一阶段；申报、推荐前检查资格（不符合返回 409 not_eligible，可填写理由越过并留痕）', params: IdParams, body: AdvanceCultivation, response: { 200: Cultivation, ...errorResponses } },
    onRequest: guard({ permission: 'brand.write' }),
    handler: (request) => cultivations.advance(actorFrom(request), request.params.id, request.body),
  });
}
