import { Type } from 'typebox';
import {
  CountyAssessment,
  CreateScheme,
  Decision,
  DraftQuery,
  ReviewScores,
  Scheme,
  SchemeDraft,
  SchemeResults,
  SelfScores,
  UpdateScheme,
} from '../../../contract/schemas/assessments';
import { errorResponses, IdParams, Version } from '../../../contract/schemas/common';
import { actorFrom, guard } from '../../authz/guard';
import { download, fileResponse, type Api } from '../../http';
import type { AssessmentService } from './assessments.service';

const tags = ['assessments'];
const VersionBody = Type.Object({ version: Version }, { additionalProperties: false });

export function assessmentRoutes(app: Api, assessments: AssessmentService): void {
  const read = guard({ permission: 'target.read' });
  const office = guard({ permission: 'target.write' });
  const county = guard({ permission: 'assessment.self' });
  app.get('/api/v1/assessment-schemes', {
    schema: {
      operationId: 'listAssessmentSchemes',
      tags,
      summary: '质量兴县考评方案（按年度）',
      response: { 200: Type.Object({ items: Type.Array(Scheme) }), ...errorResponses },
    },
    onRequest: read,
    handler: (request) => assessments.listSchemes(actorFrom(request)),
  });
  app.post('/api/v1/assessment-schemes', {
    schema: {
      operationId: 'createAssessmentScheme',
      tags,
      summary: '制定年度考评方案：指标项与工作项合计 100 分，另有扣分项、否决项',
      body: CreateScheme,
      response: { 201: Scheme, ...errorResponses },
    },
    onRequest: office,
    handler: async (request, reply) => reply.status(201).send(await assessments.createScheme(actorFrom(request), request.body)),
  });
  app.get('/api/v1/assessment-schemes/draft', {
    schema: {
      operationId: 'getAssessmentSchemeDraft',
      tags,
      summary: '考评方案草案：指标项按所读指标命名，数量类目标按规模以上企业占比分解到县市区',
      querystring: DraftQuery,
      response: { 200: SchemeDraft, ...errorResponses },
    },
    onRequest: office,
    handler: (request) => assessments.draft(request.query.planId),
  });
  app.get('/api/v1/assessment-schemes/:id', {
    schema: {
      operationId: 'getAssessmentScheme',
      tags,
      summary: '考评方案',
      params: IdParams,
      response: { 200: Scheme, ...errorResponses },
    },
    onRequest: read,
    handler: (request) => assessments.getScheme(actorFrom(request), request.params.id),
  });
  app.put('/api/v1/assessment-schemes/:id', {
    schema: {
      operationId: 'updateAssessmentScheme',
      tags,
      summary: '修改考评方案（发布前）',
      params: IdParams,
      body: UpdateScheme,
      response: { 200: Scheme, ...errorResponses },
    },
    onRequest: office,
    handler: (request) => assessments.updateScheme(actorFrom(request), request.params.id, request.body),
  });
  app.post('/api/v1/assessment-schemes/:id/open', {
    schema: {
      operationId: 'openAssessmentScheme',
      tags,
      summary: '发布方案：各县市区开始备案目标、自评',
      params: IdParams,
      body: VersionBody,
      response: { 200: Scheme, ...errorResponses },
    },
    onRequest: office,
    handler: (request) => assessments.open(actorFrom(request), request.params.id, request.body.version),
  });
  app.post('/api/v1/assessment-schemes/:id/finalise', {
    schema: {
      operationId: 'finaliseAssessmentScheme',
      tags,
      summary: '全部审核后定级：固定得分、总分、等级和名次',
      params: IdParams,
      body: VersionBody,
      response: { 200: Scheme, ...errorResponses },
    },
    onRequest: office,
    handler: (request) => assessments.finalise(actorFrom(request), request.params.id, request.body.version),
  });
  app.get('/api/v1/assessment-schemes/:id/results', {
    schema: {
      operationId: 'listAssessmentResults',
      tags,
      summary: '各县市区得分、等级、名次（县市区定级前只见本县）',
      params: IdParams,
      response: { 200: SchemeResults, ...errorResponses },
    },
    onRequest: read,
    handler: (request) => assessments.results(actorFrom(request), request.params.id),
  });
  app.get('/api/v1/assessment-schemes/:id/export', {
    schema: {
      operationId: 'exportAssessmentResults',
      tags,
      summary: '导出考评结果表（XLSX/CSV）',
      params: IdParams,
      querystring: Type.Object({ format: Type.Optional(Type.Enum(['csv', 'xlsx'] as const)) }, { additionalProperties: false }),
      response: { 200: fileResponse('XLSX 或 CSV 文件'), ...errorResponses },
    },
    onRequest: read,
    handler: async (request, reply) => {
      const { file, downloadName } = await assessments.export(actorFrom(request), request.params.id, request.query.format ?? 'xlsx');
      return download(reply, file, downloadName, true);
    },
  });
  app.get('/api/v1/county-assessments/:id', {
    schema: {
      operationId: 'getCountyAssessment',
      tags,
      summary: '一个县市区的考评：各项计算值、自评、审核、总分',
      params: IdParams,
      response: { 200: CountyAssessment, ...errorResponses },
    },
    onRequest: read,
    handler: (request) => assessments.county(actorFrom(request), request.params.id),
  });
  app.post('/api/v1/county-assessments/:id/filing', {
    schema: {
      operationId: 'fileCountyTargets',
      tags,
      summary: '县市区目标备案',
      params: IdParams,
      body: VersionBody,
      response: { 200: CountyAssessment, ...errorResponses },
    },
    onRequest: county,
    handler: (request) => assessments.fileTargets(actorFrom(request), request.params.id, request.body.version),
  });
  app.post('/api/v1/county-assessments/:id/self-assessment', {
    schema: {
      operationId: 'submitSelfAssessment',
      tags,
      summary: '县市区自评（工作项得分与佐证；submit 为提交）',
      params: IdParams,
      body: SelfScores,
      response: { 200: CountyAssessment, ...errorResponses },
    },
    onRequest: county,
    handler: (request) => assessments.selfAssess(actorFrom(request), request.params.id, request.body),
  });
  app.post('/api/v1/county-assessments/:id/review', {
    schema: {
      operationId: 'reviewCountyAssessment',
      tags,
      summary: '市领导小组办公室审核：工作项、扣分项、改动指标项须说明、否决事项',
      params: IdParams,
      body: ReviewScores,
      response: { 200: CountyAssessment, ...errorResponses },
    },
    onRequest: office,
    handler: (request) => assessments.review(actorFrom(request), request.params.id, request.body),
  });
  app.post('/api/v1/county-assessments/:id/decision', {
    schema: {
      operationId: 'decideCountyAssessment',
      tags,
      summary: '奖惩决定：表彰或通报批评、奖励、责任追究',
      params: IdParams,
      body: Decision,
      response: { 200: CountyAssessment, ...errorResponses },
    },
    onRequest: office,
    handler: (request) => assessments.decide(actorFrom(request), request.params.id, request.body),
  });
}
