import { errorResponses, IdParams } from '../../../contract/schemas/common';
import {
  RespondBody,
  ResponseCase,
  ResponseCaseList,
  ResponseDecisionBody,
  ResponseListQuery,
} from '../../../contract/schemas/inspections';
import { actorFrom, guard } from '../../authz/guard';
import type { Api } from '../../http';
import type { ResponseService } from './responses.service';

const tags = ['inspections'];

export function responseRoutes(app: Api, responses: ResponseService): void {
  // Enterprises see their own published cases, officers the responses in their scope: the service decides by role.
  app.get('/api/v1/inspection-responses', {
    schema: {
      operationId: 'listInspectionResponses',
      tags,
      summary: '企业说明：企业查看本企业已公布的抽查结果及说明；审核人员查看待审核的说明',
      querystring: ResponseListQuery,
      response: { 200: ResponseCaseList, ...errorResponses },
    },
    onRequest: guard(),
    handler: (request) => responses.list(actorFrom(request), request.query),
  });
  app.put('/api/v1/inspections/:id/response', {
    schema: {
      operationId: 'submitInspectionResponse',
      tags,
      summary: '企业对已公布的不合格结果提交（或修改）说明，审核后随结果公开',
      params: IdParams,
      body: RespondBody,
      response: { 200: ResponseCase, ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.respond' }),
    handler: (request) => responses.respond(actorFrom(request), request.params.id, request.body),
  });
  app.post('/api/v1/inspections/:id/response/decision', {
    schema: {
      operationId: 'decideInspectionResponse',
      tags,
      summary: '审核企业说明：同意公开或退回',
      params: IdParams,
      body: ResponseDecisionBody,
      response: { 200: ResponseCase, ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.write' }),
    handler: (request) => responses.decide(actorFrom(request), request.params.id, request.body),
  });
}
