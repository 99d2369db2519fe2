import { Type } from 'typebox';
import { DocumentInfo, DocumentParams, errorResponses, IdParams, RemoveDocumentBody } from '../../../contract/schemas/common';
import { actorFrom, guard } from '../../authz/guard';
import type { Config } from '../../config';
import { DOCUMENT_TYPES } from '../../lib/documents';
import { download, fileResponse, receiveFile, type Api } from '../../http';
import type { CaseDocumentService } from './documents.service';

const tags = ['inspections'];

export function caseDocumentRoutes(app: Api, documents: CaseDocumentService, config: Pick<Config, 'documentMaxBytes'>): void {
  app.get('/api/v1/inspections/:id/documents', {
    schema: {
      operationId: 'listInspectionDocuments',
      tags,
      summary: '案件附件（检验报告扫描件等）',
      params: IdParams,
      response: { 200: Type.Object({ items: Type.Array(DocumentInfo) }), ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.read' }),
    handler: (request) => documents.list(actorFrom(request), request.params.id),
  });
  app.post('/api/v1/inspections/:id/documents', {
    schema: {
      operationId: 'uploadInspectionDocument',
      tags,
      summary: '上传案件附件（multipart 字段 file；PDF、OFD、Word、Excel、JPG、PNG，扩展名须与文件内容一致）',
      params: IdParams,
      consumes: ['multipart/form-data'],
      response: { 201: DocumentInfo, ...errorResponses, 413: errorResponses[400] },
    },
    onRequest: guard({ permission: 'inspection.write' }),
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await documents.add(actorFrom(request), request.params.id, await receiveFile(request, config.documentMaxBytes))),
  });
  app.get('/api/v1/inspections/:id/documents/:documentId', {
    schema: {
      operationId: 'downloadInspectionDocument',
      tags,
      summary: '下载案件附件',
      params: DocumentParams,
      response: { 200: fileResponse('附件文件（按上传时识别的类型）', DOCUMENT_TYPES), ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.read' }),
    handler: async (request, reply) => {
      const { file, name, contentType } = await documents.file(actorFrom(request), request.params.id, request.params.documentId);
      return download(reply, file, name, false, contentType);
    },
  });
  app.delete('/api/v1/inspections/:id/documents/:documentId', {
    schema: {
      operationId: 'deleteInspectionDocument',
      tags,
      summary: '移除案件附件（须填写理由；文件保留备查）',
      params: DocumentParams,
      body: RemoveDocumentBody,
      response: { 204: Type.Null(), ...errorResponses },
    },
    onRequest: guard({ permission: 'inspection.write' }),
    handler: async (request, reply) => {
      await documents.remove(actorFrom(request), request.params.id, request.params.documentId, request.body.reason);
      return reply.status(204).send(null);
    },
  });
}
