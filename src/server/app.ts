import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import { registerAjvFormats, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import type { Logger } from 'pino';
import { Type } from 'typebox';
import { ErrorBody, SharedErrorBody } from '../contract/schemas/common';
import type { Config } from './config';
import { makeContext, type AppContext } from './context';
import type { Db } from './db/connect';
import type { Api } from './http';
import { auditRoutes } from './modules/audit/audit.routes';
import { auditService } from './modules/audit/audit.service';
import { enterpriseRoutes } from './modules/enterprises/enterprises.routes';
import { enterpriseService } from './modules/enterprises/enterprises.service';
import { importRoutes } from './modules/enterprises/import/imports.routes';
import { importService } from './modules/enterprises/import/imports.service';
import { drawRoutes } from './modules/inspections/draws.routes';
import { drawService } from './modules/inspections/draws.service';
import { caseDocumentRoutes } from './modules/inspections/documents.routes';
import { caseDocumentService } from './modules/inspections/documents.service';
import { inspectionExportRoutes } from './modules/inspections/exports.routes';
import { inspectionExportService } from './modules/inspections/exports.service';
import { inspectionRoutes } from './modules/inspections/inspections.routes';
import { publicationRoutes } from './modules/inspections/publication.routes';
import { responseRoutes } from './modules/inspections/responses.routes';
import { cultivationRoutes } from './modules/brands/cultivations.routes';
import { cultivationService } from './modules/brands/cultivations.service';
import { honourRoutes } from './modules/brands/honours.routes';
import { rewardRoutes } from './modules/brands/rewards.routes';
import { rewardService } from './modules/brands/rewards.service';
import { honourService } from './modules/brands/honours.service';
import { flagshipRoutes } from './modules/brands/flagships.routes';
import { flagshipService } from './modules/brands/flagships.service';
import { keyProjectRoutes } from './modules/brands/projects.routes';
import { keyProjectService } from './modules/brands/projects.service';
import { reportedValueService } from './modules/targets/reported.service';
import { targetRoutes } from './modules/targets/targets.routes';
import { targetService } from './modules/targets/targets.service';
import { assessmentRoutes } from './modules/assessments/assessments.routes';
import { assessmentService } from './modules/assessments/assessments.service';
import { creditListingRoutes } from './modules/credit/credit.routes';
import { creditListingService } from './modules/credit/credit.service';
import { resultImportRoutes } from './modules/inspections/result-import.routes';
import { resultImportService } from './modules/inspections/result-import.service';
import { statsRoutes } from './modules/inspections/stats.routes';
import { statsService } from './modules/inspections/stats.service';
import { publicationService } from './modules/inspections/publication.service';
import { responseService } from './modules/inspections/responses.service';
import { inspectionService } from './modules/inspections/inspections.service';
import { proposalRoutes } from './modules/enterprises/proposals.routes';
import { proposalService } from './modules/enterprises/proposals.service';
import { recordRoutes } from './modules/enterprises/records.routes';
import { recordService } from './modules/enterprises/records.service';
import { referenceRoutes } from './modules/reference/reference.routes';
import { referenceService } from './modules/reference/reference.service';
import { authRoutes } from './modules/users/auth.routes';
import { authService } from './modules/users/auth.service';
import { userRoutes } from './modules/users/users.routes';
import { userService } from './modules/users/users.service';
import { clientErrorHandler, frameworkErrors, registerErrorHandler } from './plugins/error-handler';
import { registerOpenApi } from './plugins/openapi';
import { registerSecurityHeaders } from './plugins/security-headers';
import { registerSession } from './plugins/session';
import { validatorCompiler } from './plugins/validation';
import { registerWeb } from './plugins/web';

registerAjvFormats();

export interface AppDeps {
  db: Db;
  config: Readonly<Config>;
  logger: Logger;
}

/** Builds the services once, then the HTTP app: cross-cutting plugins, then each module's routes. */
export function buildServices(deps: AppDeps) {
  const ctx: AppContext = makeContext(deps.db.kysely, deps.config, deps.logger);
  const auth = authService(ctx);
  const enterprises = enterpriseService(ctx);
  const inspections = inspectionService(ctx);
  const inspectionStats = statsService(ctx);
  return {
    regions: ctx.regions,
    auth,
    users: userService(ctx, auth),
    reference: referenceService(ctx),
    audit: auditService(ctx),
    enterprises,
    records: recordService(ctx),
    proposals: proposalService(ctx),
    inspections,
    inspectionExports: inspectionExportService(ctx, inspections, inspectionStats),
    caseDocuments: caseDocumentService(ctx),
    draws: drawService(ctx),
    publication: publicationService(ctx),
    responses: responseService(ctx),
    honours: honourService(ctx),
    cultivations: cultivationService(ctx),
    rewards: rewardService(ctx),
    creditListings: creditListingService(ctx),
    keyProjects: keyProjectService(ctx),
    flagships: flagshipService(ctx),
    targets: targetService(ctx),
    reportedValues: reportedValueService(ctx),
    assessments: assessmentService(ctx),
    inspectionStats,
    resultImports: resultImportService(ctx, enterprises),
    imports: importService(ctx, enterprises),
  };
}
export type Services = ReturnType<typeof buildServices>;

export async function buildApp(deps: AppDeps, services: Services = buildServices(deps)) {
  const { config } = deps;
  const app: Api = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // Ids in the logs let an operator find the request a user's error message names.
    requestIdHeader: false,
    routerOptions: { maxParamLength: 200 },
    // Errors raised before routing (a URL that does not decode, a request Node cannot parse) get the platform's envelope too.
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();
  // TypeBox's validator, with the platform's text rule (NFC, trimmed, no control characters) on bodies first.
  app.setValidatorCompiler(validatorCompiler);
  // The API speaks JSON only: a text/plain body (what a cross-site form can send) is 415.
  app.removeContentTypeParser('text/plain');

  registerErrorHandler(app);
  registerSecurityHeaders(app);
  await app.register(cookie);
  // Uploads are read through receiveFile (http.ts): one file per request, nothing else.
  await app.register(multipart, { limits: { fileSize: config.importMaxBytes, files: 1, parts: 1 } });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, code: 'rate_limited', message: `retry after ${ctx.after}` }),
  });
  // Before any route: every route's error answers refer to it.
  app.addSchema(SharedErrorBody);
  await registerOpenApi(app);
  registerSession(app, services.auth);

  app.get('/api/v1/health', {
    schema: {
      operationId: 'getHealth',
      tags: ['ops'],
      summary: '健康检查',
      // Like any URL, one that does not decode is 400 bad_url (frameworkErrors).
      response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.String() }), 400: ErrorBody, 500: ErrorBody },
    },
    handler: async () => ({ status: 'ok' as const, database: deps.db.dialect }),
  });
  authRoutes(app, services.auth, config);
  userRoutes(app, services.users);
  referenceRoutes(app, services.reference);
  auditRoutes(app, services.audit);
  enterpriseRoutes(app, services.enterprises);
  recordRoutes(app, services.records);
  proposalRoutes(app, services.proposals);
  inspectionRoutes(app, services.inspections);
  drawRoutes(app, services.draws);
  publicationRoutes(app, services.publication);
  responseRoutes(app, services.responses);
  honourRoutes(app, services.honours);
  cultivationRoutes(app, services.cultivations, config);
  rewardRoutes(app, services.rewards);
  creditListingRoutes(app, services.creditListings);
  keyProjectRoutes(app, services.keyProjects);
  flagshipRoutes(app, services.flagships);
  targetRoutes(app, services.targets, services.reportedValues);
  assessmentRoutes(app, services.assessments);
  statsRoutes(app, services.inspectionStats);
  inspectionExportRoutes(app, services.inspectionExports);
  caseDocumentRoutes(app, services.caseDocuments, config);
  resultImportRoutes(app, services.resultImports, config);
  importRoutes(app, services.imports, config);

  await registerWeb(app, config.webDist);
  return app;
}
