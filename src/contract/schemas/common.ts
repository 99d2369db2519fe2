import { Type, type Static, type TSchema } from 'typebox';
import { LIMITS } from '../limits';

/** Technical ids are UUIDv7 strings. */
export const Id = Type.String({ format: 'uuid', description: 'UUIDv7 标识' });
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

/** UTC ISO-8601 instant, e.g. 2026-11-25T08:00:00.000Z. */
/** GB/T 2260 codes (6 digits, county level and above), GB/T 10114 townships (9) and villages (12). */
export const REGION_CODE_PATTERN = '^[0-9]{6}([0-9]{3}){0,2}$';
export const RegionCode = Type.String({
  pattern: REGION_CODE_PATTERN,
  description: '行政区划代码（6 位县级及以上，9 位乡镇街道，12 位村社区）',
});

export const Instant = Type.String({ format: 'date-time' });

export function Nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}

/** Optimistic concurrency: every update names the version it read. */
export const Version = Type.Integer({ minimum: 1, description: '读取记录时的版本号；过期返回 409 stale_version' });

/** A document attached to a record (a cultivation's 申报书, a case's test report scan). */
export const DocumentInfo = Type.Object({ id: Id, name: Type.String(), size: Type.Integer(), uploadedAt: Instant });
export const DocumentParams = Type.Object({ id: Id, documentId: Id }, { additionalProperties: false });
/** Taking a document off a record: the reason is kept, and so is the file. */
export const RemoveDocumentBody = Type.Object(
  { reason: Type.String({ minLength: LIMITS.reason.min, maxLength: LIMITS.reason.max }) },
  { additionalProperties: false },
);

const ErrorShape = Type.Object({
  error: Type.Object({
    code: Type.String({ description: '稳定的错误代码' }),
    message: Type.String({ description: '中文错误信息' }),
    details: Type.Optional(Type.Array(Type.Unknown())),
    requestId: Type.Optional(Type.String()),
  }),
});
/** The error envelope as a shared schema: the app registers it once, and OpenAPI names it once as a component. */
export const SharedErrorBody = { $id: 'ErrorBody', ...ErrorShape };
/** The error envelope in a route's responses: a reference to the shared schema. */
export const ErrorBody = Type.Unsafe<Static<typeof ErrorShape>>(Type.Ref('ErrorBody'));

/** The error answers every route may give, for OpenAPI. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  429: ErrorBody,
  500: ErrorBody,
};

export const ListMeta = Type.Object({
  total: Type.Integer(),
  /** When true, total is a lower bound: the count stopped there (shown as "10000+"). */
  totalCapped: Type.Optional(Type.Boolean({ description: '为真时 total 为下限（如 10000+）' })),
  nextCursor: Nullable(Type.String()),
});

export const PageQuery = {
  after: Type.Optional(Type.String({ maxLength: 100, description: '上一页返回的 nextCursor' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
};
