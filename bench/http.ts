/**
 * `npm run bench -- http`: a session-authenticated read route (the region list) against a bare
 * Fastify route returning a constant, measured in the same run, alternating, several rounds.
 * Goal (issue 2): platform req/s ÷ bare req/s ≥ 0.6.
 */
import { freePort, startServer } from '../test/helpers/server';
import { forkTs, load, machine, median, record } from './lib';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 50;
const PASSWORD = 'Bench-admin-pass-1';

export async function benchHttp(): Promise<void> {
  const server = await startServer({ QC_ADMIN_PASSWORD: PASSWORD, QC_WEB_DIST: '/nonexistent' });
  const barePort = await freePort();
  const bare = await forkTs('bench/bare-server.ts', { PORT: String(barePort) });
  try {
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    if (!login.ok) throw new Error(`login failed: ${await login.text()}`);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const routeUrl = `${server.url}/api/v1/reference/regions`;
    const check = await fetch(routeUrl, { headers: { cookie } });
    if (!check.ok) throw new Error(`route check failed: ${check.status}`);
    const bytes = (await check.text()).length;

    // Warm both up (JIT, caches), then alternate so drift hits both alike.
    await load(routeUrl, { headers: { cookie }, seconds: 2, connections: CONNECTIONS });
    await load(`http://127.0.0.1:${barePort}/hello`, { seconds: 2, connections: CONNECTIONS });
    const platform: Awaited<ReturnType<typeof load>>[] = [];
    const baseline: Awaited<ReturnType<typeof load>>[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      platform.push(await load(routeUrl, { headers: { cookie }, seconds: SECONDS, connections: CONNECTIONS }));
      baseline.push(await load(`http://127.0.0.1:${barePort}/hello`, { seconds: SECONDS, connections: CONNECTIONS }));
      console.log(`round ${i + 1}/${ROUNDS}: platform ${platform[i]!.reqPerSec.toFixed(0)} req/s, bare ${baseline[i]!.reqPerSec.toFixed(0)} req/s`);
    }
    const failures = platform.reduce((n, r) => n + r.errors + r.non2xx, 0);
    if (failures) throw new Error(`${failures} failed requests against the platform`);
    const p = { rps: median(platform.map((r) => r.reqPerSec)), p99: median(platform.map((r) => r.p99Ms)) };
    const b = { rps: median(baseline.map((r) => r.reqPerSec)), p99: median(baseline.map((r) => r.p99Ms)) };
    const ratios = platform.map((r, i) => r.reqPerSec / baseline[i]!.reqPerSec);
    const ratio = median(ratios);
    const table = [
      '| target | req/s (median) | p99 ms (median) |',
      '|---|---|---|',
      `| GET /api/v1/reference/regions with a session cookie (${bytes} B JSON, SQLite) | ${p.rps.toFixed(0)} | ${p.p99} |`,
      `| bare Fastify GET /hello → {"hello":"world"} | ${b.rps.toFixed(0)} | ${b.p99} |`,
      '',
      `**ratio platform / bare: ${ratio.toFixed(2)}** (median of per-round ratios ${ratios.map((r) => r.toFixed(2)).join(', ')}; goal ≥ 0.6 → ${ratio >= 0.6 ? 'met' : 'NOT met'})`,
    ].join('\n');
    console.log(`\n${table}\n`);
    const file = record(
      'http',
      `# HTTP benchmark — ${new Date().toISOString()}\n\nMachine: ${machine()}\n\n` +
        `autocannon, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s each after a 2 s warm-up; ` +
        `both servers in their own process on loopback, log level warn.\n\n${table}\n`,
    );
    console.log(`recorded in ${file}`);
  } finally {
    bare.kill('SIGTERM');
    await server.stop();
  }
}
