import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorMessage, ERRORS, type ErrorCode, type Lang } from '../../contract/errors';
import { AppError } from '../errors';
import { preferredLanguage } from '../lib/language';
import { describeValidationErrors, type SchemaError } from './validation-messages';

/** Fastify's own errors that are the client's fault, and the code each answers with. */
const FRAMEWORK_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_ERR_BAD_URL: 'bad_url',
  FST_ERR_MAX_PARAM_LENGTH: 'url_too_long',
  // @fastify/multipart's, for a route that reads uploads without receiveFile (http.ts).
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
  FST_REQ_FILE_TOO_LARGE: 'file_too_large',
  FST_PARTS_LIMIT: 'upload_one_file',
  FST_FILES_LIMIT: 'upload_one_file',
  FST_FIELDS_LIMIT: 'upload_one_file',
  FST_PROTO_VIOLATION: 'upload_malformed',
  FST_MP_PREMATURE_CLOSE: 'upload_malformed',
  FST_INVALID_JSON_FIELD_ERROR: 'upload_malformed',
};

function toAppError(err: FastifyError & { validation?: SchemaError[]; validationContext?: string }, lang: Lang): AppError | null {
  if (err instanceof AppError) return err;
  if (err.validation) {
    const code = err.validation.some((e) => e.keyword === 'text') ? 'invalid_text' : 'validation_failed';
    return new AppError(code, describeValidationErrors(err.validation, err.validationContext ?? 'body', lang));
  }
  const code = err.code && FRAMEWORK_CODES[err.code];
  if (code) return new AppError(code);
  if (err.statusCode === 429) return new AppError('rate_limited');
  if (err.statusCode === 404) return new AppError('route_not_found');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return new AppError('validation_failed');
  return null;
}

/** Details may carry an English text beside the Chinese `message` (`en`): the one the request prefers is sent. */
function localise(details: unknown[], lang: Lang): unknown[] {
  return details.map((d) => {
    if (!d || typeof d !== 'object' || !('en' in d)) return d;
    const { en, ...rest } = d as { en: unknown; message?: unknown };
    return lang === 'en' && typeof en === 'string' ? { ...rest, message: en } : rest;
  });
}

/**
 * Sends an error in the one shape every answer has: {error: {code, message, details}}, the message
 * in the language the request prefers (Chinese unless Accept-Language ranks English first).
 */
function sendError(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const lang = preferredLanguage(request.headers['accept-language']);
  // Errors raised before the hooks run (a bad URL) miss the headers every API answer carries.
  reply
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .header('content-language', lang === 'en' ? 'en' : 'zh-CN');
  const appError = toAppError(err, lang);
  if (appError) {
    if (appError.status >= 500) request.log.error({ err }, 'server error');
    return reply.status(appError.status).send({
      error: {
        code: appError.code,
        message: errorMessage(appError.code, lang),
        ...(appError.details ? { details: localise(appError.details, lang) } : {}),
      },
    });
  }
  request.log.error({ err }, 'unhandled error');
  return reply.status(500).send({
    error: { code: 'internal_error', message: errorMessage('internal_error', lang), requestId: String(request.id) },
  });
}

/** For Fastify's `frameworkErrors`: a URL the router cannot decode (`/%ff`) or an over-long parameter. */
export const frameworkErrors = sendError;

/**
 * For Fastify's `clientErrorHandler`: a request Node's HTTP parser refuses before Fastify sees it
 * (a malformed request line, headers over the size limit, a timeout). No request object exists,
 * so the answer is Chinese, written straight to the socket as Node itself would.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ErrorCode =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'request_timeout' : err.code === 'HPE_HEADER_OVERFLOW' ? 'headers_too_large' : 'bad_request';
  const status = ERRORS[code].status;
  const body = JSON.stringify({ error: { code, message: ERRORS[code].zh } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

/** One error shape for every answer: {error: {code, message, details}}; 5xx hide internals. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(sendError);
}
