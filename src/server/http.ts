import fs from 'node:fs';
import { Readable } from 'node:stream';
import type {} from '@fastify/multipart';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from './errors';

/** The Fastify instance routes are registered on: schemas typed through TypeBox. */
export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

const TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

/** Streams a file as a download (an export, or a stored document of a known `type`); `temporary` files are deleted once sent. */
export function download(reply: FastifyReply, file: string, name: string, temporary: boolean, type?: string) {
  const stream = fs.createReadStream(file);
  if (temporary) {
    // Sent, failed or abandoned by the client: whichever ends first, the file goes.
    const remove = () => fs.rmSync(file, { force: true });
    stream.on('close', remove);
    reply.raw.once('close', remove);
  }
  const ext = type ? (name.split('.').pop() ?? 'bin') : name.endsWith('.xlsx') ? 'xlsx' : 'csv';
  return reply
    .type(type ?? TYPES[ext as keyof typeof TYPES])
    .header(
      'content-disposition',
      `attachment; filename="download.${ext.replace(/[^a-z0-9]/gi, '')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    )
    .send(stream);
}

/** The media types of an export as OpenAPI lists them (download() adds the charset to CSV). */
export const EXPORT_TYPES = { xlsx: TYPES.xlsx, csv: 'text/csv' } as const;

/**
 * The OpenAPI description of what download() sends: a file, not JSON. Fastify sends a stream as is,
 * so the schema only documents the answer (an export is XLSX or CSV unless the route says otherwise).
 */
export function fileResponse(description: string, types: readonly string[] = Object.values(EXPORT_TYPES)) {
  const file = { schema: { type: 'string', format: 'binary' } };
  return { description, content: Object.fromEntries(types.map((type) => [type, file])) };
}

/** An uploaded file as routes hand it to services: its bytes, streamed, and the name it was sent with. */
export interface Upload {
  stream: Readable & { truncated?: boolean };
  fileName: string;
}

/** The multipart field every upload route takes its file from. */
const UPLOAD_FIELD = 'file';

/** A failure while reading a multipart body, as the client's error it is. */
function uploadError(err: unknown, maxBytes: number): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE')
    return new AppError('file_too_large', [{ message: `文件超过 ${Math.round(maxBytes / 2 ** 20)} MB` }]);
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT') return new AppError('upload_one_file');
  // Everything else the parser says (no boundary, a part cut off, a body that ends early) is a broken body.
  return new AppError('upload_malformed');
}

/**
 * The one file of a multipart/form-data request, in the field `file`, streamed. Whatever else
 * the client sends answers 4xx with its own code: not multipart (415 unsupported_media_type), a
 * broken or cut-off body (upload_malformed), no part or a text field (no_file), another field
 * name (upload_field), a second part (upload_one_file), a file over `maxBytes` (file_too_large).
 * The stream ends only once the rest of the body has been read and found empty, so a service
 * never acts on a file from a request that turns out to be malformed.
 */
export async function receiveFile(request: FastifyRequest, maxBytes: number): Promise<Upload> {
  if (!request.isMultipart())
    throw new AppError('unsupported_media_type', [{ path: 'body', message: '请以 multipart/form-data 上传文件' }]);
  const parts = request.parts({ limits: { fileSize: maxBytes, files: 1, parts: 1 } });
  let first;
  try {
    first = await parts.next();
  } catch (err) {
    throw uploadError(err, maxBytes);
  }
  if (first.done) throw new AppError('no_file');
  const part = first.value;
  if (part.type !== 'file') throw new AppError('no_file', [{ path: `body/${part.fieldname}`, message: '该字段是文本，不是文件' }]);
  if (part.fieldname !== UPLOAD_FIELD) {
    part.file.destroy();
    throw new AppError('upload_field', [{ path: `body/${part.fieldname}`, message: `文件须放在字段 ${UPLOAD_FIELD} 中` }]);
  }
  const file = part.file;
  // Iterated rather than listened to: the parser may have finished (or failed) before this runs.
  async function* bytes() {
    try {
      for await (const chunk of file) yield chunk as Buffer;
      if (!(await parts.next()).done) throw new AppError('upload_one_file');
    } catch (err) {
      throw uploadError(err, maxBytes);
    }
  }
  const stream = Readable.from(bytes(), { objectMode: false });
  Object.defineProperty(stream, 'truncated', { get: () => file.truncated });
  return { stream, fileName: part.filename };
}
