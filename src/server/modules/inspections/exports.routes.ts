import { errorResponses } from '../../../contract/schemas/common';
import { BoardExportQuery, InspectionExportQuery, PassRateExportQuery } from '../../../contract/schemas/inspections';
import { actorFrom, guard } from '../../authz/guard';
import { download, fileResponse, type Api } from '../../http';
import type { InspectionExportService } from './exports.service';

const tags = ['inspections'];

export function inspectionExportRoutes(app: Api, exports: InspectionExportService): void {
  app.get('/api/v1/inspections/export', {
    schema: {
      operationId: 'exportInspections',
      tags,
      summary: '导出抽查案件（XLSX/CSV，与案件列表相同的筛选与范围）',
      querystring: InspectionExportQuery,
      response: { 200: fileResponse('XLSX 或 CSV 文件'), ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.read' }),
    handler: async (request, reply) => {
      const { file, downloadName } = await exports.cases(actorFrom(request), request.query);
      return download(reply, file, downloadName, true);
    },
  });

  app.get('/api/v1/inspections/board/export', {
    schema: {
      operationId: 'exportInspectionBoard',
      tags,
      summary: '导出期限看板（XLSX/CSV，与看板相同的筛选与范围）',
      querystring: BoardExportQuery,
      response: { 200: fileResponse('XLSX 或 CSV 文件'), ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.read' }),
    handler: async (request, reply) => {
      const { file, downloadName } = await exports.board(actorFrom(request), request.query);
      return download(reply, file, downloadName, true);
    },
  });

  app.get('/api/v1/inspections/stats/pass-rates/export', {
    schema: {
      operationId: 'exportPassRates',
      tags,
      summary: '导出批次合格率（XLSX/CSV，含合计行）',
      querystring: PassRateExportQuery,
      response: { 200: fileResponse('XLSX 或 CSV 文件'), ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.read' }),
    handler: async (request, reply) => {
      const { file, downloadName } = await exports.passRates(actorFrom(request), request.query);
      return download(reply, file, downloadName, true);
    },
  });
}
