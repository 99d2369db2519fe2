import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { ROLES, type Role } from '../../src/contract/permissions';
import { buildApp, buildServices, type Services } from '../../src/server/app';
import { systemActor } from '../../src/server/authz/actor';
import { loadConfig, type Config } from '../../src/server/config';
import { openAuditKeyring } from '../../src/server/modules/audit/audit.service';
import { makeUscc } from '../../src/server/lib/uscc';
import { migratedDb, type TestDb } from './db';

export const PASSWORD = 'Correct-horse-42';

/** Scope each role needs when a test creates one. */
export const SCOPE_FOR: Record<Role, { regionCode?: string; departmentCode?: string; enterpriseId?: string }> = {
  admin: {},
  city_officer: {},
  county_officer: { regionCode: '431002' },
  department_reporter: { departmentCode: 'statistics' },
  leading_group: {},
  enterprise_user: {}, // filled in with an enterprise the helper creates
};

export interface Agent {
  cookie: string;
  csrf: string;
  userId: string;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export interface TestApp {
  app: FastifyInstance;
  db: TestDb;
  services: Services;
  config: Config;
  /** A signed-in agent for a new account with this role (password already set). */
  as(role: Role, username?: string, scope?: (typeof SCOPE_FOR)[Role]): Promise<Agent>;
  login(username: string, password: string): Promise<Agent>;
  /** A request with no session at all. */
  anonymous(method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

let counter = 0;

function cookieOf(res: LightMyRequestResponse): string {
  const raw = res.headers['set-cookie'];
  const first = Array.isArray(raw) ? raw[0]! : String(raw);
  return first.split(';')[0]!;
}

export async function testApp(env: Record<string, string> = {}, hook?: (app: FastifyInstance) => void): Promise<TestApp> {
  const db = await migratedDb();
  // Uploads, exports and documents go to a directory of this app's own, removed on close.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qc-test-'));
  // No delay after a wrong password unless a test asks for one (QC_LOGIN_DELAY_MS).
  const config = loadConfig({
    QC_LOG_LEVEL: 'silent',
    QC_LOGIN_RATE_LIMIT: '10000',
    QC_LOGIN_DELAY_MS: '0',
    QC_WEB_DIST: '/nonexistent',
    QC_DATA_DIR: dataDir,
    ...env,
  });
  await openAuditKeyring(db.kysely, config.auditKeyFile);
  const deps = { db, config, logger: pino({ level: 'silent' }) };
  const services = buildServices(deps);
  const app = await buildApp(deps, services);
  hook?.(app);
  await app.ready();

  const inject = (method: string, url: string, body: unknown, headers: Record<string, string>) =>
    app.inject({ method: method as 'GET', url, headers, ...(body === undefined ? {} : { payload: body as object }) });

  // The enterprise that enterprise users of a test belong to unless it names one.
  let enterpriseId: string | null = null;
  async function ownEnterprise(): Promise<string> {
    enterpriseId ??= (
      await services.enterprises.create(systemActor('cli'), {
        uscc: makeUscc('91', '431002', 'MA4T0001'),
        name: '郴州市测试企业用户所属有限公司',
        regionCode: '431002',
        industryCode: 'other',
      })
    ).id;
    return enterpriseId;
  }

  async function login(username: string, password: string): Promise<Agent> {
    const res = await inject('POST', '/api/v1/auth/login', { username, password }, {});
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.body}`);
    const cookie = cookieOf(res);
    const { csrfToken, user } = res.json();
    return {
      cookie,
      csrf: csrfToken,
      userId: user.id,
      request: (method, url, body, headers = {}) => inject(method, url, body, { cookie, 'x-csrf-token': csrfToken, ...headers }),
    };
  }

  return {
    app,
    db,
    services,
    config,
    login,
    async as(role, username, scope) {
      const name = username ?? `${role.replace(/_/g, '')}${++counter}`;
      let given = scope ?? SCOPE_FOR[role];
      if (role === 'enterprise_user' && !given.enterpriseId) given = { enterpriseId: await ownEnterprise() };
      await services.users.create(systemActor('cli'), { username: name, displayName: `测试${name}`, role, ...given }, PASSWORD);
      return login(name, PASSWORD);
    },
    anonymous: (method, url, body) => inject(method, url, body, {}),
    async close() {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      await db.drop();
    },
  };
}

/** Every role but those listed: the ones a route must refuse. */
export function rolesExcept(...allowed: Role[]): Role[] {
  return ROLES.filter((r) => !allowed.includes(r));
}
