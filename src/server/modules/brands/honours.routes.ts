import { Type } from 'typebox';
import {
  GrantHonour,
  Honour,
  HonourList,
  HonourListQuery,
  PublicHonourList,
  ReviewHonour,
  RevokeHonour,
} from '../../../contract/schemas/brands';
import { errorResponses, IdParams } from '../../../contract/schemas/common';
import { actorFrom, guard } from '../../authz/guard';
import type { Api } from '../../http';
import type { HonourService } from './honours.service';

const tags = ['brands'];

export function honourRoutes(app: Api, honours: HonourService): void {
  app.get('/api/v1/honours', {
    schema: {
      operationId: 'listHonours',
      tags,
      summary: '荣誉登记簿：名牌、奖项、认定（状态按日期计算）',
      querystring: HonourListQuery,
      response: { 200: HonourList, ...errorResponses },
    },
    onRequest: guard({ permission: 'brand.read' }),
    handler: (request) => honours.list(actorFrom(request), request.query),
  });
  app.post('/api/v1/honours', {
    schema: {
      operationId: 'createHonour',
      tags,
      summary: '登记获得的荣誉；有效期、复评日期按项目规则计算；名牌产品标志随之更新',
      body: GrantHonour,
      response: { 201: Honour, ...errorResponses },
    },
    onRequest: guard({ permission: 'brand.write' }),
    handler: async (request, reply) => reply.status(201).send(await honours.grant(actorFrom(request), request.body)),
  });
  app.get('/api/v1/honours/:id', {
    schema: { operationId: 'getHonour', tags, summary: '一项荣誉', params: IdParams, response: { 200: Honour, ...errorResponses } },
    onRequest: guard({ permission: 'brand.read' }),
    handler: (request) => honours.get(actorFrom(request), request.params.id),
  });
  app.post('/api/v1/honours/:id/revoke', {
    schema: {
      operationId: 'revokeHonour',
      tags,
      summary: '撤销荣誉（记录原因）',
      params: IdParams,
      body: RevokeHonour,
      response: { 200: Honour, ...errorResponses },
    },
    onRequest: guard({ permission: 'brand.write' }),
    handler: (request) => honours.revoke(actorFrom(request), request.params.id, request.body),
  });
  app.post('/api/v1/honours/:id/review', {
    schema: {
      operationId: 'reviewHonour',
      tags,
      summary: '记录复评结果：通过则顺延一个周期，未通过则撤销',
      params: IdParams,
      body: ReviewHonour,
      response: { 200: Honour, ...errorResponses },
    },
    onRequest: guard({ permission: 'brand.write' }),
    handler: (request) => honours.review(actorFrom(request), request.params.id, request.body),
  });
  // Public: no session (honours are announced); badges only where the programme allows one.
  app.get('/api/v1/public/honours', {
    schema: {
      operationId: 'listPublicHonours',
      tags: ['public'],
      summary: '有效的名牌与奖项（公开；不含驰名商标）',
      querystring: Type.Object({ programmeCode: Type.Optional(Type.String({ maxLength: 32 })) }, { additionalProperties: false }),
      response: { 200: PublicHonourList, ...errorResponses },
    },
    handler: (request) => honours.publicList(request.query),
  });
}
