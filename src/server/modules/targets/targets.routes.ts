import { Type } from 'typebox';
import { errorResponses, IdParams, Version } from '../../../contract/schemas/common';
import {
  CopyPlan,
  CreateIndicator,
  Dashboard,
  DecideReportedValue,
  Indicator,
  Matrix,
  MatrixQuery,
  RecordList,
  RecordsQuery,
  ReportedQuery,
  ReportedValue,
  ReportTasks,
  SaveReportedValue,
  ScopeQuery,
  TargetPlan,
  TargetPlanDetail,
  UnlockReportedValue,
  UpdateIndicator,
} from '../../../contract/schemas/targets';
import { actorFrom, guard } from '../../authz/guard';
import { download, EXPORT_TYPES, fileResponse, type Api } from '../../http';
import type { ReportedValueService } from './reported.service';
import type { TargetService } from './targets.service';

const tags = ['targets'];

export function targetRoutes(app: Api, targets: TargetService, reported: ReportedValueService): void {
  const read = guard({ permission: 'target.read' });
  const write = guard({ permission: 'target.write' });
  app.get('/api/v1/target-plans', {
    schema: {
      operationId: 'listTargetPlans',
      tags,
      summary: '目标计划（如质量兴郴 2010—2015）',
      response: { 200: Type.Object({ items: Type.Array(TargetPlan) }), ...errorResponses },
    },
    onRequest: read,
    handler: () => targets.listPlans(),
  });
  app.get('/api/v1/target-plans/:id', {
    schema: {
      operationId: 'getTargetPlan',
      tags,
      summary: '计划及其指标（定义、目标、口径）',
      params: IdParams,
      response: { 200: TargetPlanDetail, ...errorResponses },
    },
    onRequest: read,
    handler: (request) => targets.getPlan(request.params.id),
  });
  app.post('/api/v1/target-plans/:id/copy', {
    schema: {
      operationId: 'copyTargetPlan',
      tags,
      summary: '复制为新计划（如 2026—2030），再逐项修改',
      params: IdParams,
      body: CopyPlan,
      response: { 201: TargetPlan, ...errorResponses },
    },
    onRequest: write,
    handler: async (request, reply) => reply.status(201).send(await targets.copyPlan(actorFrom(request), request.params.id, request.body)),
  });
  app.post('/api/v1/target-plans/:id/indicators', {
    schema: {
      operationId: 'createIndicator',
      tags,
      summary: '新增指标',
      params: IdParams,
      body: CreateIndicator,
      response: { 201: Indicator, ...errorResponses },
    },
    onRequest: write,
    handler: async (request, reply) =>
      reply.status(201).send(await targets.addIndicator(actorFrom(request), request.params.id, request.body)),
  });
  app.patch('/api/v1/plan-indicators/:id', {
    schema: {
      operationId: 'updateIndicator',
      tags,
      summary: '修改指标（目标、口径、定义…）',
      params: IdParams,
      body: UpdateIndicator,
      response: { 200: Indicator, ...errorResponses },
    },
    onRequest: write,
    handler: (request) => targets.updateIndicator(actorFrom(request), request.params.id, request.body),
  });
  app.get('/api/v1/target-plans/:id/dashboard', {
    schema: {
      operationId: 'getTargetDashboard',
      tags,
      summary: '目标看板：当年各指标的值、目标、状态、上年值、趋势和到目标年的线性预测',
      params: IdParams,
      querystring: ScopeQuery,
      response: { 200: Dashboard, ...errorResponses },
    },
    onRequest: read,
    handler: (request) => targets.dashboard(actorFrom(request), request.params.id, request.query),
  });
  app.get('/api/v1/target-plans/:id/dashboard/export', {
    schema: {
      operationId: 'exportTargetDashboard',
      tags,
      summary: '导出看板（XLSX：指标看板、县市区对比、行业对比、指标定义四张表）',
      params: IdParams,
      querystring: ScopeQuery,
      response: { 200: fileResponse('XLSX 文件', [EXPORT_TYPES.xlsx]), ...errorResponses },
    },
    onRequest: read,
    handler: async (request, reply) => {
      const { file, downloadName } = await targets.export(actorFrom(request), request.params.id, request.query);
      return download(reply, file, downloadName, true);
    },
  });
  app.get('/api/v1/target-plans/:id/matrix', {
    schema: {
      operationId: 'getTargetMatrix',
      tags,
      summary: '指标 × 县市区（或 × 行业）',
      params: IdParams,
      querystring: MatrixQuery,
      response: { 200: Matrix, ...errorResponses },
    },
    onRequest: read,
    handler: (request) => targets.matrix(actorFrom(request), request.params.id, request.query),
  });
  app.get('/api/v1/target-plans/:id/indicators/:code/records', {
    schema: {
      operationId: 'listIndicatorRecords',
      tags,
      summary: '计算型指标的分子或分母所含记录（产品、批次、荣誉、企业）',
      params: Type.Object({ id: IdParams.properties.id, code: Type.String({ maxLength: 32 }) }, { additionalProperties: false }),
      querystring: RecordsQuery,
      response: { 200: RecordList, ...errorResponses },
    },
    onRequest: read,
    handler: (request) => targets.records(actorFrom(request), request.params.id, request.params.code, request.query),
  });

  app.get('/api/v1/reported-values', {
    schema: {
      operationId: 'listReportedValues',
      tags,
      summary: '填报数据及其过程',
      querystring: ReportedQuery,
      response: { 200: Type.Object({ items: Type.Array(ReportedValue) }), ...errorResponses },
    },
    onRequest: read,
    handler: (request) => reported.list(actorFrom(request), request.query),
  });
  app.get('/api/v1/reported-values/tasks', {
    schema: {
      operationId: 'listReportingTasks',
      tags,
      summary: '某期应填报的数据（各部门、各县市区）、完成情况和及时性',
      querystring: Type.Object({ period: Type.String({ pattern: '^[0-9]{4}(Q[1-4])?$' }) }, { additionalProperties: false }),
      response: { 200: ReportTasks, ...errorResponses },
    },
    onRequest: read,
    handler: (request) => reported.tasks(actorFrom(request), request.query.period),
  });
  app.put('/api/v1/reported-values', {
    schema: {
      operationId: 'saveReportedValue',
      tags,
      summary: '填写或修改数据（按指标、县市区、期间；已提交、已审核的不能修改）',
      body: SaveReportedValue,
      response: { 200: ReportedValue, ...errorResponses },
    },
    onRequest: guard({ permission: 'target.report' }),
    handler: (request) => reported.save(actorFrom(request), request.body),
  });
  app.post('/api/v1/reported-values/:id/submit', {
    schema: {
      operationId: 'submitReportedValue',
      tags,
      summary: '提交审核（与上期相比变化过大须写说明）',
      params: IdParams,
      body: Type.Object({ version: Version }, { additionalProperties: false }),
      response: { 200: ReportedValue, ...errorResponses },
    },
    onRequest: guard({ permission: 'target.report' }),
    handler: (request) => reported.submit(actorFrom(request), request.params.id, request.body.version),
  });
  app.post('/api/v1/reported-values/:id/decision', {
    schema: {
      operationId: 'decideReportedValue',
      tags,
      summary: '审核：通过（锁定）或退回（须写明原因）',
      params: IdParams,
      body: DecideReportedValue,
      response: { 200: ReportedValue, ...errorResponses },
    },
    onRequest: write,
    handler: (request) => reported.decide(actorFrom(request), request.params.id, request.body),
  });
  app.post('/api/v1/reported-values/:id/unlock', {
    schema: {
      operationId: 'unlockReportedValue',
      tags,
      summary: '解锁已审核的数据（退回修改，记录原因）',
      params: IdParams,
      body: UnlockReportedValue,
      response: { 200: ReportedValue, ...errorResponses },
    },
    onRequest: write,
    handler: (request) => reported.unlock(actorFrom(request), request.params.id, request.body),
  });
}
