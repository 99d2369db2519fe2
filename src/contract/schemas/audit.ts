import { Type, type Static } from 'typebox';
import { Instant, ListMeta, Nullable, PageQuery } from './common';

export const AuditEvent = Type.Object({
  id: Type.String(),
  seq: Type.Integer({ description: '哈希链中的序号' }),
  at: Instant,
  actorId: Nullable(Type.String()),
  actorName: Type.String({ description: '操作人账号（或 system / cli）' }),
  action: Type.String({ description: '如 user.create、session.login' }),
  subjectType: Type.String(),
  subjectId: Nullable(Type.String()),
  /** The subject as people know it (an enterprise's name, a plan's title), resolved when the log is read; null when unknown or gone. */
  subjectName: Nullable(Type.String()),
  before: Type.Unknown(),
  after: Type.Unknown(),
  ip: Nullable(Type.String()),
  hash: Type.String(),
});
export type AuditEvent = Static<typeof AuditEvent>;

export const AuditListQuery = Type.Object(
  {
    subjectType: Type.Optional(Type.String({ maxLength: 50 })),
    subjectId: Type.Optional(Type.String({ maxLength: 100 })),
    actorId: Type.Optional(Type.String({ maxLength: 100 })),
    action: Type.Optional(Type.String({ maxLength: 100 })),
    from: Type.Optional(Type.String({ format: 'date', description: '起始日期（含）' })),
    to: Type.Optional(Type.String({ format: 'date', description: '截止日期（含）' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type AuditListQuery = Static<typeof AuditListQuery>;

export const AuditList = Type.Object({ items: Type.Array(AuditEvent), meta: ListMeta });

// The shapes above as TypeScript types, for the console's typed client (src/web/src/features/*/api.ts).
export type AuditList = Static<typeof AuditList>;
