import { AdvanceCultivation, CreateCultivation, Cultivation, CultivationBoard, CultivationQuery } from '../../../contract/schemas/brands';
import { DocumentInfo, DocumentParams, errorResponses, IdParams, RemoveDocumentBody } from '../../../contract/schemas/common';
import { Type } from 'typebox';
import { actorFrom, guard } from '../../authz/guard';
import type { Config } from '../../config';
import { DOCUMENT_TYPES } from '../../lib/documents';
import { download, fileResponse, receiveFile, type Api } from '../../http';
import type { CultivationService } from './cultivations.service';

const tags = ['brands'];

export function cultivationRoutes(app: Api, cultivations: CultivationService, config: Pick<Config, 'documentMaxBytes'>): void {
  app.get('/api/v1/cultivations', {
    schema: {
      operationId: 'listCultivations',
      tags,
      summary: '名牌培育：按项目、县市区、阶段筛选',
      querystring: CultivationQuery,
      response: { 200: Type.Object({ items: Type.Array(Cultivation) }), ...errorResponses },
    },
    onRequest: guard({ permission: 'brand.read' }),
    handler: (request) => cultivations.list(actorFrom(request), request.query),
  });
  app.get('/api/v1/cultivations/board', {
    schema: {
      operationId: 'getCultivationBoard',
      tags,
      summary: '培育看板：各项目、县市区、阶段的企业数',
      response: { 200: CultivationBoard, ...errorResponses },
    },
    onRequest: guard({ permission: 'brand.read' }),
    handler: (request) => cultivations.board(actorFrom(request)),
  });
  app.post('/api/v1/cultivations', {
    schema: {
      operationId: 'createCultivation',
      tags,
      summary: '列入培育（候选）',
      body: CreateCultivation,
      response: { 201: Cultivation, ...errorResponses },
    },
    onRequest: guard({ permission: 'brand.write' }),
    handler: async (request, reply) => reply.status(201).send(await cultivations.create(actorFrom(request), request.body)),
  });
  app.post('/api/v1/cultivations/:id/documents', {
    schema: {
      operationId: 'uploadCultivationDocument',
      tags,
      summary: '上传培育材料（multipart 字段 file；PDF、OFD、Word、Excel、JPG、PNG）',
      params: IdParams,
      consumes: ['multipart/form-data'],
      response: { 201: DocumentInfo, ...errorResponses, 413: errorResponses[400] },
    },
    onRequest: guard({ permission: 'brand.write' }),
    handler: async (request, reply) => {
      const upload = await receiveFile(request, config.documentMaxBytes);
      return reply.status(201).send(await cultivations.addDocument(actorFrom(request), request.params.id, upload));
    },
  });
  app.get('/api/v1/cultivations/:id/documents/:documentId', {
    schema: {
      operationId: 'downloadCultivationDocument',
      tags,
      summary: '下载培育材料',
      params: DocumentParams,
      response: { 200: fileResponse('材料文件（按上传时识别的类型）', DOCUMENT_TYPES), ...errorResponses },
    },
    onRequest: guard({ permission: 'brand.read' }),
    handler: async (request, reply) => {
      const { file, name, contentType } = await cultivations.document(actorFrom(request), request.params.id, request.params.documentId);
      return download(reply, file, name, false, contentType);
    },
  });
  app.delete('/api/v1/cultivations/:id/documents/:documentId', {
    schema: {
      operationId: 'deleteCultivationDocument',
      tags,
      summary: '移除培育材料（须填写理由；文件保留备查）',
      params: DocumentParams,
      body: RemoveDocumentBody,
      response: { 204: Type.Null(), ...errorResponses },
    },
    onRequest: guard({ permission: 'brand.write' }),
    handler: async (request, reply) => {
      await cultivations.removeDocument(actorFrom(request), request.params.id, request.params.documentId, request.body.reason);
      return reply.status(204).send(null);
    },
  });
  app.post('/api/v1/cultivations/:id/advance', {
    schema: {
      operationId: 'advanceCultivation',
      tags,
      summary: '推进到下一阶段；申报、推荐前检查资格（不符合返回 409 not_eligible，可填写理由越过并留痕）',
      params: IdParams,
      body: AdvanceCultivation,
      response: { 200: Cultivation, ...errorResponses },
    },
    onRequest: guard({ permission: 'brand.write' }),
    handler: (request) => cultivations.advance(actorFrom(request), request.params.id, request.body),
  });
}
