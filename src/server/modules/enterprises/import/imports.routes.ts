import { Type } from 'typebox';
import { errorResponses, IdParams } from '../../../../contract/schemas/common';
import { EnterpriseListQuery } from '../../../../contract/schemas/enterprises';
import { FormatQuery, ImportKindParams, ImportQuery, ImportReport } from '../../../../contract/schemas/imports';
import { actorFrom, guard } from '../../../authz/guard';
import type { Config } from '../../../config';
import { download, EXPORT_TYPES, fileResponse, receiveFile, type Api } from '../../../http';
import type { ImportService } from './imports.service';

const tags = ['imports'];

const { after: _after, limit: _limit, ...listFilters } = EnterpriseListQuery.properties;
const ExportQuery = Type.Object({ ...listFilters, ...FormatQuery.properties }, { additionalProperties: false });

export function importRoutes(app: Api, imports: ImportService, config: Pick<Config, 'importMaxBytes'>): void {
  app.get('/api/v1/import-templates/:kind', {
    schema: {
      operationId: 'downloadImportTemplate',
      tags,
      summary: '下载导入模板（中文表头，含示例行）',
      params: ImportKindParams,
      querystring: FormatQuery,
      response: { 200: fileResponse('XLSX 或 CSV 模板'), ...errorResponses },
    },
    onRequest: guard({ permission: 'enterprise.read' }),
    handler: async (request, reply) => {
      const { file, downloadName } = await imports.template(request.params.kind, request.query.format ?? 'xlsx');
      return download(reply, file, downloadName, true);
    },
  });

  app.post('/api/v1/imports/:kind', {
    schema: {
      operationId: 'importSpreadsheet',
      tags,
      summary: '上传并导入 XLSX/CSV（multipart 字段 file）：逐行校验，默认全部通过才写入',
      params: ImportKindParams,
      querystring: ImportQuery,
      consumes: ['multipart/form-data'],
      response: { 200: ImportReport, ...errorResponses, 413: errorResponses[400] },
    },
    onRequest: guard({ permission: 'enterprise.write' }),
    handler: async (request) => {
      const upload = await receiveFile(request, config.importMaxBytes);
      return imports.upload(actorFrom(request), request.params.kind, request.query.mode ?? 'all', upload);
    },
  });

  app.get('/api/v1/imports/:id/rejected', {
    schema: {
      operationId: 'downloadRejectedRows',
      tags,
      summary: '下载导入时被退回的行（含错误说明）',
      params: IdParams,
      response: { 200: fileResponse('CSV 文件', [EXPORT_TYPES.csv]), ...errorResponses },
    },
    onRequest: guard({ permission: 'enterprise.write' }),
    handler: async (request, reply) => download(reply, imports.rejected(actorFrom(request), request.params.id), '导入错误行.csv', false),
  });

  app.get('/api/v1/exports/:kind', {
    schema: {
      operationId: 'exportArchive',
      tags,
      summary: '按列表筛选条件导出（与导入模板同列，可直接再导入）',
      params: ImportKindParams,
      querystring: ExportQuery,
      response: { 200: fileResponse('XLSX 或 CSV 文件'), ...errorResponses },
    },
    onRequest: guard({ permission: 'enterprise.read' }),
    handler: async (request, reply) => {
      const { format, ...query } = request.query as Record<string, unknown> & { format?: 'csv' | 'xlsx' };
      const { file, downloadName } = await imports.export(actorFrom(request), request.params.kind, query, format ?? 'xlsx');
      return download(reply, file, downloadName, true);
    },
  });
}
