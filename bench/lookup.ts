/**
 * `npm run bench -- lookup`: GET /api/v1/enterprises/lookup?uscc= with a session cookie,
 * autocannon, over an archive of BENCH_ENTERPRISES (default 1,000,000) demo enterprises, each
 * request a different random USCC; against the bare Fastify constant route in the same run.
 * Goal (issue 3): ratio ≥ 0.5. Measured beside it, to show where the time goes: the same server's
 * `/auth/me` (session check, no table read) and a bare Fastify route reading the same rows with one
 * prepared statement (the least a lookup on Fastify and SQLite can do on this machine).
 * BENCH_KEEP=<directory> keeps the seeded data directory for the next run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { systemActor } from '../src/server/authz/actor';
import { connect } from '../src/server/db/connect';
import { migrateToLatest } from '../src/server/db/migrate';
import { demoEnterprise } from '../src/server/modules/enterprises/demo-data';
import { openAuditKeyring } from '../src/server/modules/audit/audit.service';
import { seedArchive } from '../src/server/modules/enterprises/seed';
import { Random } from '../src/server/lib/random';
import { freePort, startServer } from '../test/helpers/server';
import { forkTs, load, machine, median, record } from './lib';

const N = Number(process.env.BENCH_ENTERPRISES ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const SEED = 2010;
const PASSWORD = 'Bench-admin-pass-1';

export async function benchLookup(): Promise<void> {
  // The archive is written first, into the directory the server then starts on (QC_DEMO=0).
  const kept = process.env.BENCH_KEEP;
  const dataDir = kept ? path.resolve(kept) : fs.mkdtempSync(path.join(os.tmpdir(), 'qc-lookup-'));
  const file = path.join(dataDir, 'platform.db');
  const seededMark = `${file}.seeded`;
  if (!fs.existsSync(seededMark) || fs.readFileSync(seededMark, 'utf8').trim() !== String(N)) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    const db = await connect({ databaseUrl: null, sqliteFile: file });
    await migrateToLatest(db.kysely);
    await openAuditKeyring(db.kysely, path.join(dataDir, 'audit.keys'));
    await seedArchive(db.kysely, systemActor('cli'), {
      enterprises: N,
      seed: SEED,
      details: false,
      onProgress: (d) => d % 200_000 === 0 && console.log(`  seeded ${d}`),
    });
    await db.close();
    fs.writeFileSync(seededMark, `${N}\n`);
  }

  const server = await startServer({ QC_ADMIN_PASSWORD: PASSWORD, QC_WEB_DIST: '/nonexistent', QC_DEMO: '0', QC_DATA_DIR: dataDir });
  const barePort = await freePort();
  const bare = await forkTs('bench/bare-server.ts', { PORT: String(barePort), BENCH_SQLITE_FILE: file });
  try {
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const r = new Random(5);
    const codes = Array.from({ length: 20_000 }, () => demoEnterprise(SEED, r.int(0, N - 1)).uscc);
    const check = await fetch(`${server.url}/api/v1/enterprises/lookup?uscc=${codes[0]}`, { headers: { cookie } });
    if (!check.ok) throw new Error(`lookup check failed: ${check.status}`);
    let next = 0;
    const lookup = async (seconds: number, url = server.url, prefix = '/api/v1/enterprises/lookup?uscc=') => {
      const res = await autocannon({
        url,
        connections: 50,
        duration: seconds,
        headers: { cookie },
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `${prefix}${codes[next++ % codes.length]}` }) }],
      });
      if (res.non2xx || res.errors) throw new Error(`${res.non2xx} non-2xx, ${res.errors} errors`);
      return { reqPerSec: res.requests.average, p99Ms: res.latency.p99 };
    };
    await lookup(2);
    await load(`http://127.0.0.1:${barePort}/hello`, { seconds: 2, connections: 50 });
    const platform: { reqPerSec: number; p99Ms: number }[] = [];
    const baseline: { reqPerSec: number; p99Ms: number }[] = [];
    // Where the time goes: the same server answering a signed-in request that reads no table, and
    // bare Fastify reading the same rows.
    const sessionOnly: { reqPerSec: number; p99Ms: number }[] = [];
    const bareRead: { reqPerSec: number; p99Ms: number }[] = [];
    const bareUrl = `http://127.0.0.1:${barePort}`;
    if (!(await fetch(`${bareUrl}/lookup/${codes[0]}`)).ok) throw new Error('bare lookup check failed');
    for (let i = 0; i < ROUNDS; i++) {
      platform.push(await lookup(SECONDS));
      baseline.push(await load(`${bareUrl}/hello`, { seconds: SECONDS, connections: 50 }));
      sessionOnly.push(await load(`${server.url}/api/v1/auth/me`, { seconds: SECONDS, connections: 50, headers: { cookie } }));
      bareRead.push(await lookup(SECONDS, bareUrl, '/lookup/'));
      console.log(
        `round ${i + 1}: lookup ${platform[i]!.reqPerSec.toFixed(0)}, bare ${baseline[i]!.reqPerSec.toFixed(0)}, ` +
          `auth/me ${sessionOnly[i]!.reqPerSec.toFixed(0)}, bare + SQLite read ${bareRead[i]!.reqPerSec.toFixed(0)} req/s`,
      );
    }
    const bareReadRatio = median(bareRead.map((p, i) => p.reqPerSec / baseline[i]!.reqPerSec));
    const ratio = median(platform.map((p, i) => p.reqPerSec / baseline[i]!.reqPerSec));
    const table = [
      '| target | req/s (median) | p99 ms (median) |',
      '|---|---|---|',
      `| GET /api/v1/enterprises/lookup?uscc=, session cookie, random USCCs over ${N} enterprises (SQLite) | ${median(platform.map((p) => p.reqPerSec)).toFixed(0)} | ${median(platform.map((p) => p.p99Ms))} |`,
      `| bare Fastify GET /hello | ${median(baseline.map((p) => p.reqPerSec)).toFixed(0)} | ${median(baseline.map((p) => p.p99Ms))} |`,
      `| reference: GET /api/v1/auth/me, same server and cookie (session check, no table read) | ${median(sessionOnly.map((p) => p.reqPerSec)).toFixed(0)} | ${median(sessionOnly.map((p) => p.p99Ms))} |`,
      `| reference: bare Fastify GET /lookup/:uscc, the same random rows by one prepared statement, no session | ${median(bareRead.map((p) => p.reqPerSec)).toFixed(0)} | ${median(bareRead.map((p) => p.p99Ms))} |`,
      '',
      `**ratio ${ratio.toFixed(2)}** (goal ≥ 0.5 → ${ratio >= 0.5 ? 'met' : 'NOT met'}); ` +
        `bare Fastify with the SQLite read alone: ${bareReadRatio.toFixed(2)} of the constant route; the platform: ${(ratio / bareReadRatio).toFixed(2)} of that`,
    ].join('\n');
    console.log(`\n${table}\n`);
    console.log(
      `recorded in ${record('lookup', `# Lookup benchmark — ${new Date().toISOString()}\n\nMachine: ${machine()}\n\nautocannon, 50 connections, ${ROUNDS} alternating rounds of ${SECONDS} s.\n\n${table}\n`)}`,
    );
  } finally {
    bare.kill('SIGTERM');
    await server.stop();
    if (!kept) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
