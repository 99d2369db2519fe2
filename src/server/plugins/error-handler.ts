import type { FastifyError, FastifyInstance } from 'fastify';
import { ERRORS, type ErrorCode } from '../../contract/errors';
import { AppError } from '../errors';
import { describeValidationErrors, type SchemaError } from './validation-messages';

/** Fastify's own errors that are the client's fault, and the code each answers with. */
const FRAMEWORK_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
};

function toAppError(err: FastifyError & { validation?: SchemaError[]; validationContext?: string }): AppError | null {
  if (err instanceof AppError) return err;
  if (err.validation) {
    return new AppError('validation_failed', describeValidationErrors(err.validation, err.validationContext ?? 'body'));
  }
  const code = err.code && FRAMEWORK_CODES[err.code];
  if (code) return new AppError(code);
  if (err.statusCode === 429) return new AppError('rate_limited');
  if (err.statusCode === 404) return new AppError('route_not_found');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return new AppError('validation_failed');
  return null;
}

/** One error shape for every answer: {error: {code, message, details}}; 5xx hide internals. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const appError = toAppError(err);
    if (appError) {
      if (appError.status >= 500) request.log.error({ err }, 'server error');
      return reply.status(appError.status).send({
        error: { code: appError.code, message: appError.message, ...(appError.details ? { details: appError.details } : {}) },
      });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send({
      error: { code: 'internal_error', message: ERRORS.internal_error.zh, requestId: String(request.id) },
    });
  });
}
