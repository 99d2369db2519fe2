import { Type } from 'typebox';
import { errorResponses, IdParams } from '../../../contract/schemas/common';
import { DeleteBody } from '../../../contract/schemas/enterprises';
import {
  CreateKeyProject,
  KeyProject,
  KeyProjectExportQuery,
  KeyProjectList,
  KeyProjectQuery,
  SelectKeyProject,
  UpdateKeyProject,
} from '../../../contract/schemas/industry';
import { actorFrom, guard } from '../../authz/guard';
import { download, fileResponse, type Api } from '../../http';
import type { KeyProjectService } from './projects.service';

const tags = ['brands'];

export function keyProjectRoutes(app: Api, projects: KeyProjectService): void {
  app.get('/api/v1/key-projects', {
    schema: {
      operationId: 'listKeyProjects',
      tags,
      summary: '技改项目与年度重点技改项目（含投资合计）',
      querystring: KeyProjectQuery,
      response: { 200: KeyProjectList, ...errorResponses },
    },
    onRequest: guard({ permission: 'brand.read' }),
    handler: (request) => projects.list(actorFrom(request), request.query),
  });
  app.get('/api/v1/key-projects/export', {
    schema: {
      operationId: 'exportKeyProjects',
      tags,
      summary: '导出技改项目（selected=true 为年度重点技改项目名单）',
      querystring: KeyProjectExportQuery,
      response: { 200: fileResponse('XLSX 或 CSV 文件'), ...errorResponses },
    },
    onRequest: guard({ permission: 'brand.read' }),
    handler: async (request, reply) => {
      const { format, ...query } = request.query;
      const { file, downloadName } = await projects.export(actorFrom(request), query, format ?? 'xlsx');
      return download(reply, file, downloadName, true);
    },
  });
  app.post('/api/v1/key-projects', {
    schema: {
      operationId: 'createKeyProject',
      tags,
      summary: '登记技改项目',
      body: CreateKeyProject,
      response: { 201: KeyProject, ...errorResponses },
    },
    onRequest: guard({ permission: 'brand.write' }),
    handler: async (request, reply) => reply.status(201).send(await projects.create(actorFrom(request), request.body)),
  });
  app.patch('/api/v1/key-projects/:id', {
    schema: {
      operationId: 'updateKeyProject',
      tags,
      summary: '修改技改项目（名称、投资、状态、备注）',
      params: IdParams,
      body: UpdateKeyProject,
      response: { 200: KeyProject, ...errorResponses },
    },
    onRequest: guard({ permission: 'brand.write' }),
    handler: (request) => projects.update(actorFrom(request), request.params.id, request.body),
  });
  app.post('/api/v1/key-projects/:id/selection', {
    schema: {
      operationId: 'setKeyProjectSelection',
      tags,
      summary: '列入或移出当年重点技改项目（市局）',
      params: IdParams,
      body: SelectKeyProject,
      response: { 200: KeyProject, ...errorResponses },
    },
    onRequest: guard({ permission: 'brand.write' }),
    handler: (request) => projects.select(actorFrom(request), request.params.id, request.body),
  });
  app.delete('/api/v1/key-projects/:id', {
    schema: {
      operationId: 'deleteKeyProject',
      tags,
      summary: '删除技改项目（软删除，须填写理由）',
      params: IdParams,
      body: DeleteBody,
      response: { 204: Type.Null(), ...errorResponses },
    },
    onRequest: guard({ permission: 'brand.write' }),
    handler: async (request, reply) => {
      await projects.remove(actorFrom(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  });
}
