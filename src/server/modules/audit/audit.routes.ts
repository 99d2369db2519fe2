import { AuditList, AuditListQuery } from '../../../contract/schemas/audit';
import { errorResponses } from '../../../contract/schemas/common';
import { actorFrom, guard } from '../../authz/guard';
import type { Api } from '../../http';
import type { AuditService } from './audit.service';

export function auditRoutes(app: Api, audit: AuditService): void {
  app.get('/api/v1/audit/events', {
    schema: {
      operationId: 'listAuditEvents',
      tags: ['audit'],
      summary: '审计日志（最新在前）',
      querystring: AuditListQuery,
      response: { 200: AuditList, ...errorResponses },
    },
    onRequest: guard({ permission: 'audit.read' }),
    handler: (request) => audit.list(actorFrom(request), request.query),
  });
}
