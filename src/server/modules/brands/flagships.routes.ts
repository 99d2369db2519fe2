import { Type } from 'typebox';
import { errorResponses, IdParams } from '../../../contract/schemas/common';
import { DeleteBody } from '../../../contract/schemas/enterprises';
import { CreateFlagship, Flagship, FlagshipList, FlagshipQuery } from '../../../contract/schemas/industry';
import { actorFrom, guard } from '../../authz/guard';
import type { Api } from '../../http';
import type { FlagshipService } from './flagships.service';

const tags = ['brands'];

export function flagshipRoutes(app: Api, flagships: FlagshipService): void {
  app.get('/api/v1/flagships', {
    schema: {
      operationId: 'listFlagships',
      tags,
      summary: '年度标志性工业企业名单、目标进度与达到销售收入标准的候选企业',
      querystring: FlagshipQuery,
      response: { 200: FlagshipList, ...errorResponses },
    },
    onRequest: guard({ permission: 'brand.read' }),
    handler: (request) => flagships.list(actorFrom(request), request.query.year),
  });
  app.post('/api/v1/flagships', {
    schema: {
      operationId: 'addFlagship',
      tags,
      summary: '列入当年标志性工业企业名单（市局；销售收入未达标准须填写理由）',
      body: CreateFlagship,
      response: { 201: Flagship, ...errorResponses },
    },
    onRequest: guard({ permission: 'brand.write' }),
    handler: async (request, reply) => reply.status(201).send(await flagships.add(actorFrom(request), request.body)),
  });
  app.delete('/api/v1/flagships/:id', {
    schema: {
      operationId: 'removeFlagship',
      tags,
      summary: '移出名单（须填写理由）',
      params: IdParams,
      body: DeleteBody,
      response: { 204: Type.Null(), ...errorResponses },
    },
    onRequest: guard({ permission: 'brand.write' }),
    handler: async (request, reply) => {
      await flagships.remove(actorFrom(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  });
}
