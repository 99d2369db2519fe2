import { Type } from 'typebox';
import { errorResponses, IdParams } from '../../../contract/schemas/common';
import { CreateCreditListing, CreditListing, RemoveCreditListing } from '../../../contract/schemas/credit';
import { actorFrom, guard } from '../../authz/guard';
import type { Api } from '../../http';
import type { CreditListingService } from './credit.service';

const tags = ['credit'];

export function creditListingRoutes(app: Api, listings: CreditListingService): void {
  app.get('/api/v1/enterprises/:id/credit-listings', {
    schema: {
      operationId: 'listCreditListings',
      tags,
      summary: '企业的经营异常名录、严重违法失信名单记录',
      params: IdParams,
      response: { 200: Type.Object({ items: Type.Array(CreditListing) }), ...errorResponses },
    },
    onRequest: guard({ permission: 'enterprise.read' }),
    handler: (request) => listings.list(actorFrom(request), request.params.id),
  });
  app.post('/api/v1/enterprises/:id/credit-listings', {
    schema: {
      operationId: 'createCreditListing',
      tags,
      summary: '记录列入名单（影响名牌、奖项申报资格）',
      params: IdParams,
      body: CreateCreditListing,
      response: { 201: CreditListing, ...errorResponses },
    },
    onRequest: guard({ permission: 'enterprise.write' }),
    handler: async (request, reply) => reply.status(201).send(await listings.create(actorFrom(request), request.params.id, request.body)),
  });
  app.post('/api/v1/credit-listings/:id/removal', {
    schema: {
      operationId: 'removeCreditListing',
      tags,
      summary: '记录移出名单（履行、信用修复、期满或撤销）',
      params: IdParams,
      body: RemoveCreditListing,
      response: { 200: CreditListing, ...errorResponses },
    },
    onRequest: guard({ permission: 'enterprise.write' }),
    handler: (request) => listings.remove(actorFrom(request), request.params.id, request.body),
  });
}
