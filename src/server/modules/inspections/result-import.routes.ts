import { errorResponses, IdParams } from '../../../contract/schemas/common';
import {
  ResultImportConfirm,
  ResultImportDone,
  ResultImportIssuers,
  ResultImportList,
  ResultImportPreview,
  ResultImportUpdate,
  ResultImportUploadQuery,
} from '../../../contract/schemas/inspections';
import { actorFrom, guard } from '../../authz/guard';
import type { Config } from '../../config';
import { receiveFile, type Api } from '../../http';
import type { ResultImportService } from './result-import.service';

const tags = ['inspections'];

export function resultImportRoutes(app: Api, imports: ResultImportService, config: Pick<Config, 'importMaxBytes'>): void {
  app.post('/api/v1/inspection-plans/:id/result-imports', {
    schema: {
      operationId: 'uploadResultTable',
      tags,
      summary:
        '上传公布的抽查结果表（国抽、省抽、食品抽检、不合格产品名单；.xlsx、.xls、.csv）：找出表头，提出列对应和公告信息，预览每个批次及其生产企业的匹配',
      params: IdParams,
      querystring: ResultImportUploadQuery,
      consumes: ['multipart/form-data'],
      response: { 200: ResultImportPreview, ...errorResponses, 413: errorResponses[400] },
    },
    onRequest: guard({ permission: 'inspection.import' }),
    handler: async (request) => {
      const upload = await receiveFile(request, config.importMaxBytes);
      return imports.preview(actorFrom(request), request.params.id, upload, request.query.issuer);
    },
  });

  app.get('/api/v1/inspection-plans/:id/result-imports', {
    schema: {
      operationId: 'listResultImports',
      tags,
      summary: '计划已确认的结果表导入及各公告的总数',
      params: IdParams,
      response: { 200: ResultImportList, ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.import' }),
    handler: async (request) => ({ items: await imports.listForPlan(actorFrom(request), request.params.id) }),
  });

  app.put('/api/v1/result-imports/:id', {
    schema: {
      operationId: 'updateResultImport',
      tags,
      summary: '修改列对应和公告信息（发布机关、日期、总数、计入年份、类别），按新设置重新预览',
      params: IdParams,
      body: ResultImportUpdate,
      response: { 200: ResultImportPreview, ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.import' }),
    handler: (request) => imports.update(actorFrom(request), request.params.id, request.body.revision, request.body.settings),
  });

  app.post('/api/v1/result-imports/:id/confirm', {
    schema: {
      operationId: 'confirmResultImport',
      tags,
      summary: '确认导入：写入案件；候选企业按所选关联，未选的不关联；记住该发布机关的列对应',
      params: IdParams,
      body: ResultImportConfirm,
      response: { 200: ResultImportDone, ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.import' }),
    handler: (request) => imports.confirm(actorFrom(request), request.params.id, request.body.revision, request.body.choices),
  });

  app.get('/api/v1/result-import-issuers', {
    schema: {
      operationId: 'listResultImportIssuers',
      tags,
      summary: '已记住列对应的发布机关',
      response: { 200: ResultImportIssuers, ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.import' }),
    handler: async () => ({ items: await imports.issuers() }),
  });
}
