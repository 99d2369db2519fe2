/**
 * The outside probe, repeatable (`npm run probe`): a real server on a free port with a fresh
 * SQLite database (PROBE_DATABASE_URL for a PostgreSQL one), driven over HTTP as an outsider would.
 *
 * 1. Route × role: every route of the served OpenAPI document, anonymous and as each role, against
 *    the expected-roles table (test/helpers/route-access.ts): 401, 403, or past the guard.
 * 2. Bad input: for every JSON request body, a base built from its schema with one field made bad
 *    (wrong type, null, control and bidi characters, over-long text, huge numbers), plus malformed
 *    or deeply nested JSON, a non-object body, and bad path and query parameters. Every answer must be below 500 and, when 4xx,
 *    the platform's envelope with a known code — never Fastify's English default.
 * 3. kill -9 during an import: the server is killed while it writes a large archive import, then
 *    restarted: the import is there whole or not at all, the search index agrees, the SQLite file
 *    passes its integrity check and the audit chain verifies.
 *
 * Prints each finding and ends with "probe: N passed, M failed"; exits 1 on any failure.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ERRORS } from '../../src/contract/errors';
import { ROLES, type Role } from '../../src/contract/permissions';
import { makeUscc } from '../../src/server/lib/uscc';
import { openSqlite } from '../../src/server/db/sqlite';
import { multipart } from '../helpers/multipart';
import { EXPECTED, PUBLIC } from '../helpers/route-access';
import { freePort } from '../helpers/server';

const PASSWORD = 'Lantern-tea-river-58';
const ID = '0192f0c4-0000-7000-8000-000000000009';
const started = Date.now();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qc-probe-'));
const databaseUrl = process.env.PROBE_DATABASE_URL ?? '';
let passed = 0;
const failures: string[] = [];

function check(ok: boolean, finding: string): void {
  if (ok) passed++;
  else if (failures.push(finding) <= 200) console.log(`FAIL ${finding}`);
}

const env = (port: number) => ({
  ...process.env,
  PORT: String(port),
  HOST: '127.0.0.1',
  DATABASE_URL: databaseUrl,
  QC_DATA_DIR: dataDir,
  QC_ADMIN_PASSWORD: PASSWORD,
  QC_DEMO: '0',
  QC_LOG_LEVEL: 'fatal',
  QC_LOGIN_RATE_LIMIT: '10000',
  QC_LOGIN_DELAY_MS: '0',
  QC_LOGIN_MAX_FAILURES: '100',
  QC_WEB_DIST: '/nonexistent',
});

let server: ChildProcess | null = null;
let base = '';

async function startServer(port: number): Promise<void> {
  server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { env: env(port), stdio: ['ignore', 'ignore', 'inherit'] });
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not start in 30 s');
}

async function stopServer(signal: NodeJS.Signals): Promise<void> {
  const s = server;
  if (!s || s.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    s.once('exit', () => resolve());
    s.kill(signal);
  });
  server = null;
}

function cli(...args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args], { env: env(0), encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

interface Agent {
  cookie: string;
  csrf: string;
}
async function login(username: string): Promise<Agent> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: res.headers.getSetCookie()[0]!.split(';')[0]!, csrf: csrfToken };
}

interface Answer {
  status: number;
  text: string;
}
async function send(
  agent: Agent | null,
  method: string,
  url: string,
  body?: string | Buffer,
  contentType = 'application/json',
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (agent) Object.assign(headers, { cookie: agent.cookie, 'x-csrf-token': agent.csrf });
  if (body !== undefined) headers['content-type'] = contentType;
  const res = await fetch(`${base}${url}`, { method, headers, body: body as BodyInit | undefined });
  return { status: res.status, text: await res.text() };
}

/** Fastify's own words, which must never reach a user. */
const FASTIFY_DEFAULT = /\bmust\b|Unexpected|Bad Request|Not Found|Internal Server Error|FST_|Body cannot be empty|Unsupported Media Type/;

/** A 4xx in the platform's envelope with a known code and a message of its own; never a 5xx. */
function envelope(answer: Answer, what: string): void {
  check(answer.status < 500, `${what} → ${answer.status} ${answer.text.slice(0, 200)}`);
  if (answer.status < 400) return;
  let code: unknown;
  let message: unknown;
  try {
    ({ code, message } = (JSON.parse(answer.text) as { error: { code: unknown; message: unknown } }).error);
  } catch {
    check(false, `${what} → ${answer.status} without the error envelope: ${answer.text.slice(0, 120)}`);
    return;
  }
  check(
    typeof code === 'string' && code in ERRORS && typeof message === 'string' && !FASTIFY_DEFAULT.test(message),
    `${what} → ${answer.status} ${answer.text.slice(0, 200)}`,
  );
}

/** Runs tasks a few at a time: enough to load the server, not to starve the machine. */
async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  const?: unknown;
};

/** A plausible value for a schema: what the bad-input generator spoils one field of. */
function sample(s: Schema, ctx: { enterpriseId: string }): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.anyOf) return sample(s.anyOf.find((x) => x.type !== 'null') ?? s.anyOf[0]!, ctx);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(s.properties ?? {})
          .filter(([k]) => s.required?.includes(k))
          .map(([k, v]) => [k, sample(v, ctx)]),
      );
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return s.minimum ?? Math.min(1, s.maximum ?? 1);
    case 'boolean':
      return false;
    case 'string':
      if (s.format === 'date') return new Date().toISOString().slice(0, 10);
      if (s.format === 'date-time') return new Date().toISOString();
      if (s.format === 'uuid') return ctx.enterpriseId;
      if (s.pattern === '^[0-9]{6}$') return '431002';
      if (s.pattern?.startsWith('^[0-9]{4}')) return String(new Date().getFullYear());
      return '探针'.padEnd(Math.max(2, s.minLength ?? 2), '值');
    default:
      return null;
  }
}

/** One field spoilt in each way that fits its type: [label, value, must it be refused]. */
function spoil(s: Schema): [string, unknown, boolean][] {
  const types = Array.isArray(s.type)
    ? s.type
    : s.type
      ? [s.type]
      : (s.anyOf ?? []).flatMap((x) => (Array.isArray(x.type) ? x.type : x.type ? [x.type] : []));
  const out: [string, unknown, boolean][] = [
    ['object for a scalar', { $gt: '' }, !types.includes('object')],
    ['null', null, false],
    ['array', [[[]]], !types.includes('array')],
  ];
  if (types.includes('string')) {
    out.push(
      ['NUL and bidi override', 'a\u0000b\u202ec', true],
      ['lone surrogate', 'a\ud800b', true],
      ['over-long text', '长'.repeat(Math.max(100_001, (s.maxLength ?? 0) + 1)), true],
    );
    out.push(['blanks only', ' \u3000 ', false], ['a number', 12345, false]);
  }
  if (types.includes('integer') || types.includes('number')) {
    out.push(
      ['huge number', 1e308, s.maximum !== undefined],
      ['beyond 2^63', 2 ** 70, s.maximum !== undefined],
      ['negative', -1e12, s.minimum !== undefined && s.minimum >= 0],
      ['text', 'abc', true],
      ['fraction', 1.5, types.includes('integer') && !types.includes('number')],
    );
  }
  return out;
}

async function main(): Promise<void> {
  const port = await freePort();
  await startServer(port);
  const admin = await login('admin');

  // An enterprise for the routes under one, and an account for every role.
  const uscc = makeUscc('91', '431002', 'MA4PR0B1');
  const created = await send(
    admin,
    'POST',
    '/api/v1/enterprises',
    JSON.stringify({ uscc, name: '郴州市探针测试有限公司', regionCode: '431002', industryCode: 'other' }),
  );
  if (created.status !== 201) throw new Error(`create enterprise: ${created.text}`);
  const enterpriseId = (JSON.parse(created.text) as { id: string }).id;
  const agents = new Map<Role, Agent>([['admin', admin]]);
  for (const role of ROLES.filter((r) => r !== 'admin')) {
    const scope =
      {
        county_officer: ['--region', '431002'],
        department_reporter: ['--department', 'statistics'],
        enterprise_user: ['--enterprise', enterpriseId],
      }[role as string] ?? [];
    const r = cli('user', 'add', `probe-${role}`, '--role', role, '--password', PASSWORD, ...scope);
    if (r.status !== 0) throw new Error(`user add ${role}: ${r.out}`);
    agents.set(role, await login(`probe-${role}`));
  }

  // 1. Route × role.
  const doc = JSON.parse((await send(null, 'GET', '/api/docs/json')).text) as {
    servers: { url: string }[];
    paths: Record<
      string,
      Record<string, { requestBody?: { content?: Record<string, { schema: Schema }> }; parameters?: { in: string; name: string }[] }>
    >;
  };
  // Paths are listed under the document's one server (/api/v1): put back together, they are the URLs.
  const routes = Object.entries(doc.paths).flatMap(([p, ops]) => {
    const path = `${doc.servers[0]!.url}${p}`;
    return Object.entries(ops).map(([m, op]) => ({ method: m.toUpperCase(), path, key: `${m.toUpperCase()} ${path}`, op }));
  });
  check(routes.length > 150, `the OpenAPI document lists ${routes.length} routes`);
  for (const r of routes) check(r.key in EXPECTED, `${r.key} has no entry in test/helpers/route-access.ts`);
  const matrix = routes.filter((r) => r.key in EXPECTED && r.key !== 'POST /api/v1/auth/logout');
  await pool(matrix, 4, async (r) => {
    const expected = EXPECTED[r.key]!;
    const url = r.path.replace(/\{[^}]+\}/g, ID);
    const body = r.method === 'GET' ? undefined : '{}';
    const anonymous = await send(null, r.method, url, body);
    envelope(anonymous, `anonymous ${r.key}`);
    check(expected === PUBLIC ? anonymous.status !== 401 : anonymous.status === 401, `anonymous ${r.key} → ${anonymous.status}`);
    if (expected === PUBLIC) return;
    for (const role of ROLES) {
      const answer = await send(agents.get(role)!, r.method, url, body);
      envelope(answer, `${role} ${r.key}`);
      const refused = !expected.includes(role);
      check(
        refused ? answer.status === 403 : answer.status !== 401 && answer.status !== 403,
        `${role} ${r.key} → ${answer.status}, expected ${refused ? '403' : 'to pass the guard'}`,
      );
    }
  });
  const afterMatrix = passed + failures.length;
  console.log(`route × role: ${matrix.length} routes, ${afterMatrix} checks`);

  // 2. Bad input, as a role the route lets through (so that the body is read at all).
  const cases: { what: string; method: string; url: string; body: string; agent: Agent; mustRefuse: boolean }[] = [];
  for (const r of matrix) {
    const expected = EXPECTED[r.key]!;
    if (expected === PUBLIC && r.key !== 'POST /api/v1/auth/login') continue;
    const agent = agents.get(expected === PUBLIC ? 'admin' : expected.includes('admin') ? 'admin' : expected[0]!)!;
    const url = r.path
      .replace('{enterpriseId}', enterpriseId)
      .replace('{kind}', 'enterprises')
      .replace(/\{[^}]+\}/g, ID);
    if (r.method !== 'GET') {
      cases.push({ what: `malformed JSON ${r.key}`, method: r.method, url, body: '{"name": "探针', agent, mustRefuse: true });
      cases.push({ what: `a JSON array ${r.key}`, method: r.method, url, body: '[1,2]', agent, mustRefuse: true });
      cases.push({
        what: `deep nesting ${r.key}`,
        method: r.method,
        url,
        body: `${'['.repeat(5000)}${']'.repeat(5000)}`,
        agent,
        mustRefuse: true,
      });
    }
    const schema = r.op.requestBody?.content?.['application/json']?.schema;
    if (schema?.properties) {
      const good = sample(schema, { enterpriseId }) as Record<string, unknown>;
      for (const [field, fieldSchema] of Object.entries(schema.properties)) {
        for (const [label, value, mustRefuse] of spoil(fieldSchema)) {
          cases.push({
            what: `${label} in ${field} of ${r.key}`,
            method: r.method,
            url,
            body: JSON.stringify({ ...good, [field]: value }),
            agent,
            mustRefuse,
          });
        }
      }
      cases.push({
        what: `an unknown field in ${r.key}`,
        method: r.method,
        url,
        body: JSON.stringify({ ...good, constructor: { prototype: { admin: true } }, __proto__x: 1 }),
        agent,
        mustRefuse: false,
      });
    }
    // Query parameters with characters the text rule refuses, or far too long; a bad escape (%ff) in a
    // query is kept as the text "%ff" by the query parser, so it may be answered.
    for (const q of (r.op.parameters ?? []).filter((p) => p.in === 'query')) {
      for (const [bad, mustRefuse] of [
        ['%00', true],
        ['%E2%80%AE', true],
        ['%ff', false],
        ['x'.repeat(3000), false],
      ] as const) {
        cases.push({
          what: `query ${q.name}=${bad.slice(0, 12)} in ${r.key}`,
          method: r.method,
          url: `${url}?${q.name}=${bad}`,
          body: r.method === 'GET' ? '' : '{}',
          agent,
          mustRefuse,
        });
      }
    }
    // Path parameters that are not ids: bad percent-encoding, over-long, traversal.
    if (r.path.includes('{')) {
      for (const bad of ['%ff', 'x'.repeat(5000), '..%2f..%2fetc%2fpasswd', '%00']) {
        cases.push({
          what: `path parameter ${bad.slice(0, 20)} in ${r.key}`,
          method: r.method,
          url: r.path.replace(/\{[^}]+\}/, bad).replace(/\{[^}]+\}/g, ID),
          body: r.method === 'GET' ? '' : '{}',
          agent,
          mustRefuse: true,
        });
      }
    }
  }
  await pool(cases, 6, async (c) => {
    const answer = await send(c.agent, c.method, c.url, c.method === 'GET' ? undefined : c.body);
    envelope(answer, c.what);
    if (c.mustRefuse) check(answer.status >= 400, `${c.what} was accepted (${answer.status})`);
  });
  console.log(`bad input: ${cases.length} requests`);

  // 3. kill -9 during an import, then restart.
  const rows = 20_000;
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const code = (n: number) =>
    makeUscc(
      '91',
      '431002',
      `MB${Array.from({ length: 6 }, (_, i) => alphabet[Math.floor(n / alphabet.length ** (5 - i)) % alphabet.length]).join('')}`,
    );
  const file = (round: number) =>
    Buffer.from(
      `\ufeff统一社会信用代码,企业名称,所属县市区,行业\n${Array.from({ length: rows }, (_, i) => `${code(round * rows + i)},郴州市探针第${round}批${i}号有限公司,北湖区,有色冶金`).join('\n')}\n`,
    );
  const upload = (round: number) => {
    const { body, headers } = multipart('probe.csv', file(round));
    return send(admin, 'POST', '/api/v1/imports/enterprises', body, headers['content-type']);
  };
  const count = async () => JSON.parse((await send(await login('admin'), 'GET', '/api/v1/enterprises?limit=1')).text).meta.total as number;
  const t0 = Date.now();
  const whole = await upload(0);
  const fullMs = Date.now() - t0;
  check(whole.status === 200, `a whole import → ${whole.status} ${whole.text.slice(0, 200)}`);
  let total = await count();
  // Three kills at different points of an import; an import that finishes before its kill is
  // checked whole and tried again sooner (machine load moves the timing), so each kill lands mid-import.
  let round = 0;
  let midImport = 0;
  for (const share of [0.3, 0.6, 0.85]) {
    let delay = Math.round(fullMs * share);
    for (let attempt = 0; attempt < 4; attempt++) {
      round++;
      const answer: { value: Answer | null } = { value: null };
      const pending = upload(round).then(
        (a) => (answer.value = a),
        () => null,
      );
      await new Promise((r) => setTimeout(r, delay));
      if (answer.value) {
        await pending;
        const now = await count();
        check(now === total + rows, `an import answered ${answer.value.status} but ${now - total} of ${rows} rows are in the archive`);
        total = now;
        delay = Math.round(delay / 2);
        continue;
      }
      await stopServer('SIGKILL');
      await pending;
      midImport++;
      if (!databaseUrl) {
        const sqlite = openSqlite(path.join(dataDir, 'platform.db'));
        const integrity = sqlite.pragma('integrity_check');
        const [e, s] = ['enterprises', 'enterprise_search'].map(
          (t) => (sqlite.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n,
        );
        sqlite.close();
        check(integrity === 'ok', `after kill -9 (round ${round}) the SQLite file fails its integrity check: ${integrity}`);
        check(e === s, `after kill -9 (round ${round}) ${e} enterprises but ${s} search documents`);
      }
      await startServer(port);
      const now = await count();
      check(
        now === total || now === total + rows,
        `after kill -9 at ${delay} ms of an import, ${now - total} of ${rows} rows are in the archive (all or none)`,
      );
      console.log(`kill -9 at ${delay} ms of an import taking ~${fullMs} ms: ${now - total} of ${rows} rows kept`);
      total = now;
      break;
    }
  }
  check(midImport === 3, `only ${midImport} of 3 kills landed during an import`);
  await stopServer('SIGTERM');
  const verify = cli('audit', 'verify');
  check(verify.status === 0, `audit verify after the kills: ${verify.out.trim()}`);
}

main()
  .catch((err) => check(false, `probe stopped: ${err instanceof Error ? err.stack : String(err)}`))
  .finally(async () => {
    await stopServer('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (failures.length > 200) console.log(`… and ${failures.length - 200} more`);
    console.log(`probe took ${((Date.now() - started) / 1000).toFixed(0)} s`);
    console.log(`probe: ${passed} passed, ${failures.length} failed`);
    process.exit(failures.length ? 1 : 0);
  });
