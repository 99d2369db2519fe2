import { Type } from 'typebox';
import {
  CreateRewardRule,
  Reward,
  RewardExportQuery,
  RewardList,
  RewardQuery,
  RewardRule,
  RewardStatusBody,
} from '../../../contract/schemas/brands';
import { errorResponses, IdParams } from '../../../contract/schemas/common';
import { actorFrom, guard } from '../../authz/guard';
import { download, fileResponse, type Api } from '../../http';
import type { RewardService } from './rewards.service';

const tags = ['brands'];

export function rewardRoutes(app: Api, rewards: RewardService): void {
  app.get('/api/v1/reward-rules', {
    schema: {
      operationId: 'listRewardRules',
      tags,
      summary: '奖励规则：各项目各年度的奖励金额与市县分担比例',
      response: { 200: Type.Object({ items: Type.Array(RewardRule) }), ...errorResponses },
    },
    onRequest: guard({ permission: 'brand.read' }),
    handler: () => rewards.rules(),
  });
  app.post('/api/v1/reward-rules', {
    schema: {
      operationId: 'setRewardRule',
      tags,
      summary: '设定奖励规则（市局）',
      body: CreateRewardRule,
      response: { 201: RewardRule, ...errorResponses },
    },
    onRequest: guard({ permission: 'brand.write' }),
    handler: async (request, reply) => reply.status(201).send(await rewards.createRule(actorFrom(request), request.body)),
  });
  app.post('/api/v1/honours/:id/reward', {
    schema: {
      operationId: 'proposeReward',
      tags,
      summary: '按项目和年度的规则为荣誉拟定奖励（市县分担）',
      params: IdParams,
      response: { 201: Reward, ...errorResponses },
    },
    onRequest: guard({ permission: 'brand.write' }),
    handler: async (request, reply) => reply.status(201).send(await rewards.propose(actorFrom(request), request.params.id)),
  });
  app.post('/api/v1/rewards/:id/status', {
    schema: {
      operationId: 'setRewardStatus',
      tags,
      summary: '批准、兑现或取消奖励',
      params: IdParams,
      body: RewardStatusBody,
      response: { 200: Reward, ...errorResponses },
    },
    onRequest: guard({ permission: 'brand.write' }),
    handler: (request) => rewards.setStatus(actorFrom(request), request.params.id, request.body),
  });
  app.get('/api/v1/rewards', {
    schema: {
      operationId: 'listRewards',
      tags,
      summary: '奖励记录与年度台账（按县市区）',
      querystring: RewardQuery,
      response: { 200: RewardList, ...errorResponses },
    },
    onRequest: guard({ permission: 'brand.read' }),
    handler: (request) => rewards.list(actorFrom(request), request.query),
  });
  app.get('/api/v1/rewards/export', {
    schema: {
      operationId: 'exportRewards',
      tags,
      summary: '导出奖励台账（XLSX/CSV）',
      querystring: RewardExportQuery,
      response: { 200: fileResponse('XLSX 或 CSV 文件'), ...errorResponses },
    },
    onRequest: guard({ permission: 'brand.read' }),
    handler: async (request, reply) => {
      const { format, ...query } = request.query;
      const { file, downloadName } = await rewards.exportLedger(actorFrom(request), query, format ?? 'xlsx');
      return download(reply, file, downloadName, true);
    },
  });
}
