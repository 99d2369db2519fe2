import fs from 'node:fs';
import type {} from '@fastify/multipart';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from './errors';
import type { DocumentUpload } from './lib/documents';

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
  if (temporary) stream.on('close', () => fs.rmSync(file, { force: true }));
  const ext = type ? (name.split('.').pop() ?? 'bin') : name.endsWith('.xlsx') ? 'xlsx' : 'csv';
  return reply
    .type(type ?? TYPES[ext as keyof typeof TYPES])
    .header('content-disposition', `attachment; filename="download.${ext.replace(/[^a-z0-9]/gi, '')}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(stream);
}

/** The one file of a multipart request (field `file`), as a stream cut at `maxBytes`; 400 no_file without one. */
export async function uploadedFile(request: FastifyRequest, maxBytes: number): Promise<DocumentUpload> {
  const part = await request.file({ limits: { fileSize: maxBytes } });
  if (!part) throw new AppError('no_file');
  return { stream: part.file, fileName: part.filename };
}
