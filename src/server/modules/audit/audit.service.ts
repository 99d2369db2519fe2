import type { Kysely } from 'kysely';
import type { AuditListQuery } from '../../../contract/schemas/audit';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import type { Database } from '../../db/database';
import { AppError } from '../../errors';
import { appendAuditEvent, listAuditEvents, verifyAuditChain } from './audit.repository';
import { presentAuditEvent } from './audit.presenter';

/** Records what `actor` did, inside the caller's transaction. */
export function recordAudit(
  trx: Kysely<Database>,
  actor: Actor,
  action: string,
  subject: { type: string; id: string | null },
  before: unknown,
  after: unknown,
): Promise<void> {
  return appendAuditEvent(trx, {
    actorId: actor.id,
    actorName: actor.username,
    action,
    subjectType: subject.type,
    subjectId: subject.id,
    before,
    after,
    ip: actor.ip,
  });
}

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString();

export function auditService(ctx: AppContext) {
  return {
    /** The log, newest first, filtered by subject, actor, action and date range (UTC days). */
    async list(_actor: Actor, query: AuditListQuery) {
      let beforeSeq: number | undefined;
      if (query.after !== undefined) {
        beforeSeq = Number(query.after);
        if (!Number.isInteger(beforeSeq) || beforeSeq < 1) {
          throw new AppError('validation_failed', [{ path: 'querystring/after', message: '分页游标不正确' }]);
        }
      }
      const limit = query.limit ?? 50;
      const { rows, total, hasMore } = await listAuditEvents(
        ctx.db,
        {
          subjectType: query.subjectType,
          subjectId: query.subjectId,
          actorId: query.actorId,
          action: query.action,
          fromInstant: query.from ? `${query.from}T00:00:00.000Z` : undefined,
          toInstant: query.to ? nextDay(query.to) : undefined,
        },
        { beforeSeq, limit },
      );
      const items = rows.map(presentAuditEvent);
      return { items, meta: { total, nextCursor: hasMore ? String(items.at(-1)!.seq) : null } };
    },

    verify() {
      return verifyAuditChain(ctx.db);
    },
  };
}
export type AuditService = ReturnType<typeof auditService>;
