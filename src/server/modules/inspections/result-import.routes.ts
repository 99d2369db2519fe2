import type {} from '@fastify/multipart';
import { Type } from 'typebox';
import { errorResponses, IdParams } from '../../../contract/schemas/common';
import { ResultImportConfirm, ResultImportPreview } from '../../../contract/schemas/inspections';
import { actorFrom, guard } from '../../authz/guard';
import { AppError } from '../../errors';
import type { Api } from '../../http';
import type { ResultImportService } from './result-import.service';

const tags = ['inspections'];

export function resultImportRoutes(app: Api, imports: ResultImportService): void {
  app.post('/api/v1/inspection-plans/:id/result-imports', {
    schema: {
      tags,
      summary: '导入公布的抽查结果表（国抽、省抽）：先预览，逐行按统一社会信用代码、企业名称匹配档案，相似企业列出待人工确认',
      params: IdParams,
      consumes: ['multipart/form-data'],
      response: { 200: ResultImportPreview, ...errorResponses, 413: errorResponses[400] },
    },
    onRequest: guard({ permission: 'inspection.write' }),
    handler: async (request) => {
      const part = await request.file();
      if (!part) throw new AppError('no_file');
      return imports.preview(actorFrom(request), request.params.id, { stream: part.file });
    },
  });

  app.post('/api/v1/result-imports/:id/confirm', {
    schema: {
      tags,
      summary: '确认导入：写入案件；候选企业按所选关联，未选的不关联',
      params: IdParams,
      body: ResultImportConfirm,
      response: { 200: Type.Object({ linked: Type.Integer(), unlinked: Type.Integer(), skipped: Type.Integer() }), ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.write' }),
    handler: (request) => imports.confirm(actorFrom(request), request.params.id, request.body.choices),
  });
}
