// The baselines: bare Fastify routes on the same machine and Node, nothing else.
//   /hello    a constant {"hello":"world"}
//   /payload  the bytes of BENCH_PAYLOAD_FILE as JSON: the same answer the platform gives,
//             so the cost of the bytes themselves is measured apart from the platform's work
import fs from 'node:fs';
import Fastify from 'fastify';

const payload = process.env.BENCH_PAYLOAD_FILE ? fs.readFileSync(process.env.BENCH_PAYLOAD_FILE, 'utf8') : '{}';
const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
app.get('/payload', async (_request, reply) => reply.type('application/json; charset=utf-8').send(payload));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
process.send?.('ready');
