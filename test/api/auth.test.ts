import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/server/authz/actor';
import { PASSWORD, testApp, type TestApp } from '../helpers/app';

describe('auth: login, sessions, CSRF, lock-out', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp({ QC_LOGIN_MAX_FAILURES: '3' });
  });
  afterEach(() => t.close());

  it('logs in with a HttpOnly, SameSite=Lax session cookie and returns the CSRF token', async () => {
    await t.as('city_officer', 'zhang');
    const res = await t.anonymous('POST', '/api/v1/auth/login', { username: 'ZHANG', password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^qc_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');
    const body = res.json();
    expect(body.user).toMatchObject({ username: 'zhang', role: 'city_officer', mustChangePassword: false });
    expect(body.user.permissions).toEqual(['reference.read', 'user.read', 'enterprise.read', 'enterprise.write', 'inspection.read', 'inspection.write', 'brand.read', 'brand.write', 'target.read', 'target.write']);
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('answers 401 invalid_credentials for a wrong password or unknown account, alike', async () => {
    await t.as('city_officer', 'zhang');
    for (const body of [{ username: 'zhang', password: 'wrong-password-1' }, { username: 'nobody', password: PASSWORD }]) {
      const res = await t.anonymous('POST', '/api/v1/auth/login', body);
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toEqual({ code: 'invalid_credentials', message: '账号或密码错误' });
    }
  });

  it('rejects bad login input with 400 and a code', async () => {
    const cases: [unknown, string][] = [
      [{ username: 'a' }, 'validation_failed'],
      [{ username: 'a', password: 'b', admin: true }, 'validation_failed'],
      [{ username: 1, password: 'b' }, 'validation_failed'],
      [{ username: 'x'.repeat(33), password: 'b' }, 'validation_failed'],
    ];
    for (const [body, code] of cases) {
      const res = await t.anonymous('POST', '/api/v1/auth/login', body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe(code);
    }
    const malformed = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toEqual({ code: 'invalid_json', message: '请求体不是合法的 JSON' });
  });

  it('GET /auth/me: 401 without a session, the user with one', async () => {
    for (const [method, url] of [['GET', '/api/v1/auth/me'], ['POST', '/api/v1/auth/logout'], ['POST', '/api/v1/auth/password']] as const) {
      const res = await t.anonymous(method, url, method === 'GET' ? undefined : {});
      expect(res.statusCode, url).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
    const forged = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: 'qc_session=forged-token' } });
    expect(forged.statusCode).toBe(401);
    const agent = await t.as('leading_group', 'li');
    const me = await agent.request('GET', '/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.username).toBe('li');
    expect(me.json().csrfToken).toBe(agent.csrf);
  });

  it('logout revokes the session server-side: the old cookie no longer works', async () => {
    const agent = await t.as('city_officer');
    expect((await agent.request('GET', '/api/v1/reference/regions')).statusCode).toBe(200);
    const out = await agent.request('POST', '/api/v1/auth/logout');
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/qc_session=;/);
    const after = await agent.request('GET', '/api/v1/reference/regions');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
  });

  it('refuses cookie-authenticated writes without the right CSRF token', async () => {
    const agent = await t.as('admin');
    const body = { username: 'newbie', displayName: '新人', role: 'city_officer' };
    const none = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: { cookie: agent.cookie }, payload: body });
    expect(none.statusCode).toBe(403);
    expect(none.json().error.code).toBe('csrf_failed');
    const wrong = await agent.request('POST', '/api/v1/users', body, { 'x-csrf-token': 'forged' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('csrf_failed');
    const right = await agent.request('POST', '/api/v1/users', body);
    expect(right.statusCode).toBe(201);
  });

  it('locks the account after 3 failures, even for the right password, and records it', async () => {
    await t.as('city_officer', 'wang');
    for (let i = 1; i <= 2; i++) {
      const res = await t.anonymous('POST', '/api/v1/auth/login', { username: 'wang', password: `wrong-${i}-password` });
      expect(res.json().error.code).toBe('invalid_credentials');
    }
    const third = await t.anonymous('POST', '/api/v1/auth/login', { username: 'wang', password: 'wrong-3-password' });
    expect(third.statusCode).toBe(423);
    expect(third.json().error.code).toBe('account_locked');
    const right = await t.anonymous('POST', '/api/v1/auth/login', { username: 'wang', password: PASSWORD });
    expect(right.statusCode).toBe(423);

    const events = await t.db.kysely.selectFrom('audit_events').select('action').where('action', 'like', 'session.%').orderBy('seq').execute();
    expect(events.map((e) => e.action)).toEqual(['session.login', 'session.login_failed', 'session.login_failed', 'session.lockout']);

    // Once the lock has run out, the right password works again.
    await t.db.kysely.updateTable('users').set({ locked_until: '2000-01-01T00:00:00.000Z' }).where('username', '=', 'wang').execute();
    expect((await t.anonymous('POST', '/api/v1/auth/login', { username: 'wang', password: PASSWORD })).statusCode).toBe(200);
  });

  it('a disabled account cannot sign in, and its open sessions end', async () => {
    const admin = await t.as('admin');
    const officer = await t.as('city_officer', 'zhao');
    const user = (await admin.request('GET', `/api/v1/users/${officer.userId}`)).json();
    const res = await admin.request('PATCH', `/api/v1/users/${officer.userId}`, { version: user.version, disabled: true });
    expect(res.statusCode).toBe(200);
    expect((await officer.request('GET', '/api/v1/reference/regions')).statusCode).toBe(401);
    const again = await t.anonymous('POST', '/api/v1/auth/login', { username: 'zhao', password: PASSWORD });
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('account_disabled');
  });

  it('forces a one-time password to be changed before anything else', async () => {
    const { oneTimePassword } = await t.services.users.create(systemActor('cli'), { username: 'chen', displayName: '陈', role: 'city_officer' });
    const agent = await t.login('chen', oneTimePassword);
    const blocked = await agent.request('GET', '/api/v1/reference/regions');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('password_change_required');
    expect((await agent.request('GET', '/api/v1/auth/me')).json().user.mustChangePassword).toBe(true);

    const invalid = await agent.request('POST', '/api/v1/auth/password', { currentPassword: oneTimePassword });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.code).toBe('validation_failed');
    const cases: [Record<string, string>, string][] = [
      [{ currentPassword: 'not-it-at-all', newPassword: 'Brand-new-pass-9' }, 'wrong_password'],
      [{ currentPassword: oneTimePassword, newPassword: 'short1' }, 'weak_password'],
      [{ currentPassword: oneTimePassword, newPassword: 'onlyletterspassword' }, 'weak_password'],
      [{ currentPassword: oneTimePassword, newPassword: oneTimePassword }, 'same_password'],
    ];
    for (const [body, code] of cases) {
      const res = await agent.request('POST', '/api/v1/auth/password', body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe(code);
    }
    const ok = await agent.request('POST', '/api/v1/auth/password', { currentPassword: oneTimePassword, newPassword: 'Brand-new-pass-9' });
    expect(ok.statusCode).toBe(204);
    expect((await agent.request('GET', '/api/v1/reference/regions')).statusCode).toBe(200);
    expect((await t.anonymous('POST', '/api/v1/auth/login', { username: 'chen', password: oneTimePassword })).statusCode).toBe(401);
  });

  it('changing the password signs out the account’s other sessions', async () => {
    const first = await t.as('city_officer', 'sun');
    const second = await t.login('sun', PASSWORD);
    const res = await first.request('POST', '/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'Another-pass-77' });
    expect(res.statusCode).toBe(204);
    expect((await first.request('GET', '/api/v1/reference/regions')).statusCode).toBe(200);
    expect((await second.request('GET', '/api/v1/reference/regions')).statusCode).toBe(401);
  });

  it('expires an idle session', async () => {
    const agent = await t.as('city_officer');
    const stale = new Date(Date.now() - 121 * 60_000).toISOString();
    await t.db.kysely.updateTable('sessions').set({ last_seen_at: stale }).execute();
    // The cache (10 s) may still hold it; a fresh process would not.
    const fresh = await testAppSharingDb(t);
    const res = await fresh.inject({ method: 'GET', url: '/api/v1/reference/regions', headers: { cookie: agent.cookie } });
    expect(res.statusCode).toBe(401);
    await fresh.close();
  });
});

describe('auth: login rate limit', () => {
  it('answers 429 rate_limited past the per-minute limit', async () => {
    const t = await testApp({ QC_LOGIN_RATE_LIMIT: '3' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await t.anonymous('POST', '/api/v1/auth/login', { username: 'x', password: 'y' })).statusCode);
      expect(codes).toEqual([401, 401, 401, 429]);
      const res = await t.anonymous('POST', '/api/v1/auth/login', { username: 'x', password: 'y' });
      expect(res.json().error).toEqual({ code: 'rate_limited', message: '请求过于频繁，请稍后再试' });
    } finally {
      await t.close();
    }
  });
});

/** A second app on the same database: what another process would see. */
async function testAppSharingDb(t: TestApp) {
  const { buildApp } = await import('../../src/server/app');
  const pino = (await import('pino')).default;
  const app = await buildApp({ db: t.db, config: t.config, logger: pino({ level: 'silent' }) });
  await app.ready();
  return app;
}

