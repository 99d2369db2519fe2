import { errorResponses } from '../../../contract/schemas/common';
import { FailedItemQuery, FailedItems, PassRateQuery, PassRates } from '../../../contract/schemas/inspections';
import { actorFrom, guard } from '../../authz/guard';
import type { Api } from '../../http';
import type { StatsService } from './stats.service';

const tags = ['inspections'];

export function statsRoutes(app: Api, stats: StatsService): void {
  app.get('/api/v1/inspections/stats/pass-rates', {
    schema: {
      operationId: 'getPassRates',
      tags,
      summary: '批次合格率：按类别、县市区、行业、级别、抽样环节或年份分组',
      querystring: PassRateQuery,
      response: { 200: PassRates, ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.read' }),
    handler: (request) => stats.passRates(actorFrom(request), request.query),
  });

  app.get('/api/v1/inspections/stats/failed-items', {
    schema: {
      operationId: 'listFailedItems',
      tags,
      summary: '不合格项目排行（按不合格批次数）',
      querystring: FailedItemQuery,
      response: { 200: FailedItems, ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.read' }),
    handler: (request) => stats.failedItems(actorFrom(request), request.query),
  });
}
