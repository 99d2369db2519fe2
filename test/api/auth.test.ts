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
    expect(body.user.permissions).toEqual([
      'reference.read',
      'user.read',
      'enterprise.read',
      'enterprise.write',
      'inspection.read',
      'inspection.write',
      'inspection.import',
      'brand.read',
      'brand.write',
      'target.read',
      'target.write',
    ]);
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('answers 401 invalid_credentials for a wrong password or unknown account, alike', async () => {
    await t.as('city_officer', 'zhang');
    for (const body of [
      { username: 'zhang', password: 'wrong-password-1' },
      { username: 'nobody', password: PASSWORD },
    ]) {
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
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toEqual({ code: 'invalid_json', message: '请求体不是合法的 JSON' });
  });

  it('GET /auth/me: 401 without a session, the user with one', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/auth/me'],
      ['POST', '/api/v1/auth/logout'],
      ['POST', '/api/v1/auth/password'],
    ] as const) {
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

  /** A sign-in from a given source address. */
  const loginFrom = (source: string, username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: source });
  const minutesAhead = (iso: string) => (Date.parse(iso) - Date.now()) / 60_000;

  it('locks one source out of the account after 3 failures, even for the right password; other sources still sign in', async () => {
    await t.as('city_officer', 'wang'); // signs in from 127.0.0.1
    for (let i = 1; i <= 2; i++) {
      expect((await loginFrom('10.0.0.9', 'wang', `wrong-${i}-password`)).json().error.code).toBe('invalid_credentials');
    }
    const third = await loginFrom('10.0.0.9', 'wang', 'wrong-3-password');
    expect([third.statusCode, third.json().error.code, third.json().error.message]).toEqual([
      423,
      'account_locked',
      '登录失败次数过多，请稍后再试',
    ]);
    // QC_LOGIN_LOCK_MINUTES: 15 by default, for a first lock.
    expect(minutesAhead(third.json().error.details[0].lockedUntil)).toBeCloseTo(15, 0);
    expect((await loginFrom('10.0.0.9', 'wang', PASSWORD)).statusCode).toBe(423);
    // The attacker's lock is not the officer's: from elsewhere, the right password works.
    expect((await loginFrom('10.0.0.7', 'wang', PASSWORD)).statusCode).toBe(200);

    const events = await t.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'after'])
      .where('action', 'like', 'session.%')
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'session.login',
      'session.login_failed',
      'session.login_failed',
      'session.lockout',
      'session.login',
    ]);
    expect(JSON.parse(String(events[3]!.after))).toMatchObject({ source: '10.0.0.9', failures: 3 });

    // Once the lock has run out, the right password works from that source too, and its count is forgotten.
    await t.db.kysely.updateTable('login_throttle').set({ locked_until: '2000-01-01T00:00:00.000Z' }).execute();
    expect((await loginFrom('10.0.0.9', 'wang', PASSWORD)).statusCode).toBe(200);
    expect(await t.db.kysely.selectFrom('login_throttle').selectAll().where('source', '=', '10.0.0.9').execute()).toEqual([]);
  });

  it('each further lock of the same source lasts twice as long', async () => {
    await t.as('city_officer', 'wang');
    const fail = () => loginFrom('10.0.0.9', 'wang', 'still-wrong-pass');
    const expire = () => t.db.kysely.updateTable('login_throttle').set({ locked_until: '2000-01-01T00:00:00.000Z' }).execute();
    // Failures 1–3: the third locks for 15 min; 4–6: 30 min; 7–9: 60 min (15 × 2^(n-1)).
    for (const minutes of [15, 30, 60]) {
      await fail();
      await fail();
      const locked = await fail();
      expect(locked.statusCode).toBe(423);
      expect(minutesAhead(locked.json().error.details[0].lockedUntil)).toBeCloseTo(minutes, 0);
      await expire();
    }
  });

  it('an unknown account name gets the same answers, is counted and locked alike, and leaves no audit event', async () => {
    await t.as('city_officer', 'wang');
    const answers = async (username: string) => {
      const out: unknown[] = [];
      for (let i = 1; i <= 4; i++) {
        const res = await loginFrom('10.0.0.9', username, `wrong-${i}-password`);
        out.push([res.statusCode, res.json().error.code, res.json().error.message]);
      }
      return out;
    };
    expect(await answers('nobody')).toEqual(await answers('wang'));
    expect((await answers('nobody'))[0]).toEqual([423, 'account_locked', '登录失败次数过多，请稍后再试']);
    const rows = await t.db.kysely.selectFrom('login_throttle').select(['username', 'failures']).orderBy('username').execute();
    expect(rows).toEqual([
      { username: 'nobody', failures: 3 },
      { username: 'wang', failures: 3 },
    ]);
    const failed = await t.db.kysely
      .selectFrom('audit_events')
      .select('subject_id')
      .where('action', 'in', ['session.login_failed', 'session.lockout'])
      .execute();
    expect(new Set(failed.map((e) => e.subject_id))).toEqual(
      new Set([(await t.db.kysely.selectFrom('users').select('id').where('username', '=', 'wang').executeTakeFirstOrThrow()).id]),
    );
  });

  it('counts restart after a day without failures; such pairs are purged unless still locked', async () => {
    const dayAgo = new Date(Date.now() - 25 * 3_600_000).toISOString();
    await t.db.kysely
      .insertInto('login_throttle')
      .values([
        { username: 'old', source: '10.0.0.1', failures: 2, last_failed_at: dayAgo, locked_until: null },
        { username: 'held', source: '10.0.0.1', failures: 12, last_failed_at: dayAgo, locked_until: '2999-01-01T00:00:00.000Z' },
        { username: 'wang', source: '10.0.0.9', failures: 2, last_failed_at: dayAgo, locked_until: null },
      ])
      .execute();
    // Two failures a day ago and one now: a count of 1, not 3 (no lock).
    expect((await loginFrom('10.0.0.9', 'wang', 'wrong-1-password')).statusCode).toBe(401);
    const rows = await t.db.kysely.selectFrom('login_throttle').select(['username', 'failures']).orderBy('username').execute();
    expect(rows).toEqual([
      { username: 'held', failures: 12 },
      { username: 'wang', failures: 1 },
    ]);
  });

  it('a password reset lifts every source’s lock on the account', async () => {
    const admin = await t.as('admin');
    const officer = await t.as('city_officer', 'wang');
    for (let i = 1; i <= 3; i++) await loginFrom('10.0.0.9', 'wang', `wrong-${i}-password`);
    const user = (await admin.request('GET', `/api/v1/users/${officer.userId}`)).json();
    expect(user.lockedUntil).not.toBeNull(); // shown to the admin: some source is locked out
    const { oneTimePassword } = (
      await admin.request('POST', `/api/v1/users/${officer.userId}/reset-password`, { version: user.version })
    ).json();
    expect((await loginFrom('10.0.0.9', 'wang', oneTimePassword)).statusCode).toBe(200);
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

  it('the first admin’s password (QC_ADMIN_PASSWORD) meets the same rule as any other', async () => {
    for (const weak of ['password12', 'chenzhou2026', 'admin1234567']) {
      await expect(t.services.users.ensureFirstAdmin(systemActor('system'), weak), weak).rejects.toMatchObject({ code: 'weak_password' });
    }
    expect(await t.db.kysely.selectFrom('users').select('id').execute()).toEqual([]);
    expect((await t.services.users.ensureFirstAdmin(systemActor('system'), 'Lantern-tea-river-58'))?.user.username).toBe('admin');
    expect((await t.anonymous('POST', '/api/v1/auth/login', { username: 'admin', password: 'Lantern-tea-river-58' })).statusCode).toBe(200);
  });

  it('forces a one-time password to be changed before anything else', async () => {
    const { oneTimePassword } = await t.services.users.create(systemActor('cli'), {
      username: 'chen',
      displayName: '陈',
      role: 'city_officer',
    });
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
      [{ currentPassword: oneTimePassword, newPassword: 'passwordpassword' }, 'weak_password'],
      [{ currentPassword: oneTimePassword, newPassword: 'password12' }, 'weak_password'],
      [{ currentPassword: oneTimePassword, newPassword: 'chen20262026' }, 'weak_password'], // the username and digits
      [{ currentPassword: oneTimePassword, newPassword: 'woaini5201314' }, 'weak_password'],
      [{ currentPassword: oneTimePassword, newPassword: oneTimePassword }, 'same_password'],
    ];
    for (const [body, code] of cases) {
      const res = await agent.request('POST', '/api/v1/auth/password', body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe(code);
    }
    // The reasons come as details on the field, in the language asked for.
    const weak = await agent.request(
      'POST',
      '/api/v1/auth/password',
      { currentPassword: oneTimePassword, newPassword: 'password12' },
      { 'accept-language': 'en' },
    );
    expect(weak.json().error.message).toMatch(/^The password is too weak/);
    expect(weak.json().error.details).toContainEqual({
      path: 'body/newPassword',
      code: 'guessable',
      message: 'Too easy to guess: make it longer, or combine a few uncommon words',
    });
    const weakZh = await agent.request('POST', '/api/v1/auth/password', { currentPassword: oneTimePassword, newPassword: 'password12' });
    expect(weakZh.json().error.details).toContainEqual({
      path: 'body/newPassword',
      code: 'guessable',
      message: '密码太容易被猜到：请加长，或用几个不常见的词组合',
    });
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
      for (let i = 0; i < 4; i++)
        codes.push((await t.anonymous('POST', '/api/v1/auth/login', { username: 'x', password: 'y' })).statusCode);
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

describe('auth: the answer to a wrong password comes later with each failure in a row', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp({ QC_LOGIN_DELAY_MS: '300', QC_LOGIN_MAX_FAILURES: '5' });
  });
  afterEach(() => t.close());

  it('waits 300, 600, 1200, 2400 ms, for a known account and an unknown one alike', async () => {
    await t.as('city_officer', 'wang');
    for (const username of ['wang', 'nobody']) {
      const waited: number[] = [];
      for (let i = 1; i <= 4; i++) {
        const started = Date.now();
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username, password: `wrong-${i}-password` },
          remoteAddress: '10.0.0.9',
        });
        waited.push(Date.now() - started);
      }
      // QC_LOGIN_DELAY_MS × 2^(n-1) for the n-th failure in a row; checking the password only adds to it.
      [300, 600, 1200, 2400].forEach((ms, i) => expect(waited[i], `${username}, failure ${i + 1}`).toBeGreaterThanOrEqual(ms));
    }
  });
});
