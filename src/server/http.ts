import fs from 'node:fs';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';

/** The Fastify instance routes are registered on: schemas typed through TypeBox. */
export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

const TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

/** Streams a file as a download; `temporary` files are deleted once sent. */
export function download(reply: FastifyReply, file: string, name: string, temporary: boolean) {
  const stream = fs.createReadStream(file);
  if (temporary) stream.on('close', () => fs.rmSync(file, { force: true }));
  const ext = name.endsWith('.xlsx') ? 'xlsx' : 'csv';
  return reply
    .type(TYPES[ext])
    .header('content-disposition', `attachment; filename="download.${ext}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(stream);
}
