import { Type } from 'typebox';
import { errorResponses, Id } from '../../../contract/schemas/common';
import { DecisionBody, Proposal, ProposalBody } from '../../../contract/schemas/enterprises';
import { actorFrom, guard } from '../../authz/guard';
import type { Api } from '../../http';
import type { ProposalService } from './proposals.service';

const tags = ['enterprises'];
const Params = Type.Object({ enterpriseId: Id }, { additionalProperties: false });

export function proposalRoutes(app: Api, proposals: ProposalService): void {
  app.get('/api/v1/enterprises/:enterpriseId/proposals', {
    schema: {
      operationId: 'listProposals',
      tags,
      summary: '企业提出的联系信息变更申请',
      params: Params,
      response: { 200: Type.Object({ items: Type.Array(Proposal) }), ...errorResponses },
    },
    onRequest: guard({ permission: 'enterprise.read' }),
    handler: (request) => proposals.list(actorFrom(request), request.params.enterpriseId),
  });

  app.post('/api/v1/enterprises/:enterpriseId/proposals', {
    schema: {
      operationId: 'createProposal',
      tags,
      summary: '企业用户申请变更本企业的地址、联系人、联系电话',
      params: Params,
      body: ProposalBody,
      response: { 201: Proposal, ...errorResponses },
    },
    onRequest: guard({ permission: 'enterprise.propose' }),
    handler: async (request, reply) =>
      reply.status(201).send(await proposals.propose(actorFrom(request), request.params.enterpriseId, request.body)),
  });

  app.post('/api/v1/enterprises/:enterpriseId/proposals/:id/decision', {
    schema: {
      operationId: 'decideProposal',
      tags,
      summary: '采纳（写入档案）或退回变更申请',
      params: Type.Object({ enterpriseId: Id, id: Id }, { additionalProperties: false }),
      body: DecisionBody,
      response: { 200: Proposal, ...errorResponses },
    },
    onRequest: guard({ permission: 'enterprise.write' }),
    handler: (request) => proposals.decide(actorFrom(request), request.params.enterpriseId, request.params.id, request.body),
  });
}
