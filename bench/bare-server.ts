// The baselines: bare Fastify routes on the same machine and Node, nothing else.
//   /hello          a constant {"hello":"world"}
//   /payload        the bytes of BENCH_PAYLOAD_FILE as JSON: the same answer the platform gives,
//                   so the cost of the bytes themselves is measured apart from the platform's work
//   /lookup/:uscc   with BENCH_SQLITE_FILE: the enterprise row read by one prepared statement on
//                   the platform's database, answered as JSON: the least any lookup route on
//                   Fastify and SQLite can do (no session, no scope, no presenting)
import fs from 'node:fs';
import Fastify from 'fastify';
import { openSqlite } from '../src/server/db/sqlite';

const payload = process.env.BENCH_PAYLOAD_FILE ? fs.readFileSync(process.env.BENCH_PAYLOAD_FILE, 'utf8') : '{}';
const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
app.get('/payload', async (_request, reply) => reply.type('application/json; charset=utf-8').send(payload));
if (process.env.BENCH_SQLITE_FILE) {
  // The platform's own settings for the file (src/server/db/connect.ts), read-only.
  const db = openSqlite(process.env.BENCH_SQLITE_FILE, { readOnly: true });
  db.pragma('mmap_size = 268435456');
  db.pragma('cache_size = -65536');
  const byUscc = db.prepare('select * from enterprises where uscc = ? and deleted_at is null');
  app.get<{ Params: { uscc: string } }>('/lookup/:uscc', async (request, reply) => {
    const row = byUscc.get([request.params.uscc]);
    return row ?? reply.status(404).send({ code: 'not_found' });
  });
}
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
process.send?.('ready');
