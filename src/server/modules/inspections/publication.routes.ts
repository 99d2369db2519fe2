import { Type } from 'typebox';
import { errorResponses, IdParams } from '../../../contract/schemas/common';
import { FormatQuery } from '../../../contract/schemas/imports';
import {
  DocumentNumbers,
  IssueNumberBody,
  PlanNotice,
  PublicInspectionList,
  PublicInspectionQuery,
} from '../../../contract/schemas/inspections';
import { actorFrom, guard } from '../../authz/guard';
import { download, fileResponse, type Api } from '../../http';
import type { PublicationService } from './publication.service';

const tags = ['inspections'];

export function publicationRoutes(app: Api, publication: PublicationService): void {
  app.post('/api/v1/inspection-plans/:id/publish', {
    schema: {
      operationId: 'publishInspectionResults',
      tags,
      summary: '公布计划内结论已确定的抽查结果（不合格结论须异议期届满或复检结论作出）',
      params: IdParams,
      response: {
        200: Type.Object({
          published: Type.Integer(),
          held: Type.Integer({ description: '结论未定、暂不公布的案件数' }),
          publishedOn: Type.String(),
        }),
        ...errorResponses,
      },
    },
    onRequest: guard({ permission: 'inspection.write' }),
    handler: (request) => publication.publish(actorFrom(request), request.params.id),
  });

  app.get('/api/v1/inspection-plans/:id/results', {
    schema: {
      operationId: 'downloadPublishedResults',
      tags,
      summary: '下载计划已公布的抽查结果（XLSX/CSV，公告表格的列）',
      params: IdParams,
      querystring: FormatQuery,
      response: { 200: fileResponse('XLSX 或 CSV 文件'), ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.read' }),
    handler: async (request, reply) => {
      const { file, downloadName } = await publication.exportPlan(request.params.id, request.query.format ?? 'xlsx');
      return download(reply, file, downloadName, true);
    },
  });

  app.get('/api/v1/inspection-plans/:id/notice', {
    schema: {
      operationId: 'getInspectionNotice',
      tags,
      summary: '计划抽查结果通报：各类别计划与实抽批次、合格率及不合格产品（可打印）',
      params: IdParams,
      response: { 200: PlanNotice, ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.read' }),
    handler: (request) => publication.notice(actorFrom(request), request.params.id),
  });

  app.post('/api/v1/inspection-plans/:id/notice/numbers', {
    schema: {
      operationId: 'assignNoticeNumber',
      tags,
      summary: '为计划的通报编发文号（服务器按年度顺序编号，格式见 QC_NOTICE_NUMBER_FORMAT）；再次编发须填写理由，原文号保留',
      params: IdParams,
      body: IssueNumberBody,
      response: { 201: Type.Object({ items: DocumentNumbers }), ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.write' }),
    handler: async (request, reply) =>
      reply.status(201).send(await publication.issueNoticeNumber(actorFrom(request), request.params.id, request.body.reason)),
  });

  // Public: no session needed (the results are published by law).
  app.get('/api/v1/public/inspections', {
    schema: {
      operationId: 'listPublicInspections',
      tags: ['public'],
      summary: '公开的监督抽查结果（无需登录）',
      querystring: PublicInspectionQuery,
      response: { 200: PublicInspectionList, ...errorResponses },
    },
    handler: (request) => publication.list(request.query),
  });
}
