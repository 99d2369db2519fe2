/**
 * `npm run bench -- http`: session-authenticated read routes against bare Fastify routes,
 * measured in the same run, alternating, several rounds; medians.
 *   - GET /api/v1/reference/regions (the region list, ~2.9 KB) and GET /api/v1/auth/me
 *     (~0.4 KB), each with a session cookie: session lookup, CSRF-free read, permission check,
 *     schema-driven serialisation;
 *   - bare Fastify returning a constant (the issue's baseline) and returning the very bytes of
 *     the region list (to tell the platform's cost from the cost of moving 2.9 KB).
 * Goal (issue 2): authenticated route ÷ bare constant route ≥ 0.6.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startServer } from '../test/helpers/server';
import { forkTs, load, machine, median, record, type LoadResult } from './lib';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const CONNECTIONS = 50;
const PASSWORD = 'Bench-admin-pass-1';

export async function benchHttp(): Promise<void> {
  const server = await startServer({ QC_ADMIN_PASSWORD: PASSWORD, QC_WEB_DIST: '/nonexistent' });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qc-bench-'));
  let bare: Awaited<ReturnType<typeof forkTs>> | null = null;
  try {
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    if (!login.ok) throw new Error(`login failed: ${await login.text()}`);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const regions = await fetch(`${server.url}/api/v1/reference/regions`, { headers: { cookie } });
    if (!regions.ok) throw new Error(`route check failed: ${regions.status}`);
    const payloadFile = path.join(tmp, 'regions.json');
    fs.writeFileSync(payloadFile, await regions.text());
    const meBytes = (await (await fetch(`${server.url}/api/v1/auth/me`, { headers: { cookie } })).text()).length;

    const barePort = await freePort();
    bare = await forkTs('bench/bare-server.ts', { PORT: String(barePort), BENCH_PAYLOAD_FILE: payloadFile });
    const targets = [
      {
        key: 'regions',
        label: `GET /api/v1/reference/regions, session cookie (${fs.statSync(payloadFile).size} B)`,
        url: `${server.url}/api/v1/reference/regions`,
        headers: { cookie },
      },
      { key: 'me', label: `GET /api/v1/auth/me, session cookie (${meBytes} B)`, url: `${server.url}/api/v1/auth/me`, headers: { cookie } },
      {
        key: 'bareConst',
        label: 'bare Fastify GET /hello → {"hello":"world"} (17 B)',
        url: `http://127.0.0.1:${barePort}/hello`,
        headers: {},
      },
      {
        key: 'barePayload',
        label: 'bare Fastify GET /payload → the region list bytes',
        url: `http://127.0.0.1:${barePort}/payload`,
        headers: {},
      },
    ] as const;

    for (const t of targets) await load(t.url, { headers: t.headers, seconds: 2, connections: CONNECTIONS }); // warm-up
    const runs: Record<string, LoadResult[]> = Object.fromEntries(targets.map((t) => [t.key, []]));
    for (let i = 0; i < ROUNDS; i++) {
      for (const t of targets) runs[t.key]!.push(await load(t.url, { headers: t.headers, seconds: SECONDS, connections: CONNECTIONS }));
      console.log(`round ${i + 1}/${ROUNDS}: ${targets.map((t) => `${t.key} ${runs[t.key]![i]!.reqPerSec.toFixed(0)}`).join(', ')} req/s`);
    }
    for (const key of ['regions', 'me']) {
      const failures = runs[key]!.reduce((n, r) => n + r.errors + r.non2xx, 0);
      if (failures) throw new Error(`${failures} failed requests against ${key}`);
    }
    const rps = (key: string) => median(runs[key]!.map((r) => r.reqPerSec));
    const ratio = (a: string, b: string) => median(runs[a]!.map((r, i) => r.reqPerSec / runs[b]![i]!.reqPerSec));
    const table = [
      '| target | req/s (median) | p99 ms (median) |',
      '|---|---|---|',
      ...targets.map((t) => `| ${t.label} | ${rps(t.key).toFixed(0)} | ${median(runs[t.key]!.map((r) => r.p99Ms))} |`),
      '',
      '| ratio (median of per-round ratios) | value | goal |',
      '|---|---|---|',
      `| auth/me ÷ bare constant | **${ratio('me', 'bareConst').toFixed(2)}** | ≥ 0.6 |`,
      `| region list ÷ bare constant | **${ratio('regions', 'bareConst').toFixed(2)}** | ≥ 0.6 |`,
      `| region list ÷ bare route sending the same bytes | **${ratio('regions', 'barePayload').toFixed(2)}** | — |`,
    ].join('\n');
    console.log(`\n${table}\n`);
    const file = record(
      'http',
      `# HTTP benchmark — ${new Date().toISOString()}\n\nMachine: ${machine()}\n\n` +
        `autocannon (in the benchmark process), ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s per target after a 2 s warm-up; ` +
        `the platform (SQLite, log level warn) and the bare server each in their own process on loopback.\n\n${table}\n`,
    );
    console.log(`recorded in ${file}`);
  } finally {
    bare?.kill('SIGTERM');
    await server.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
