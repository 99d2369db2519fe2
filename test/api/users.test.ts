import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, rolesExcept, testApp, type Agent, type TestApp } from '../helpers/app';

describe('users API', () => {
  let t: TestApp;
  let admin: Agent;
  beforeAll(async () => {
    t = await testApp();
    admin = await t.as('admin', 'root');
  });
  afterAll(() => t.close());

  const newUser = (username: string, extra: Record<string, unknown> = {}) => ({
    username,
    displayName: '测试用户',
    role: 'county_officer',
    regionCode: '431021',
    ...extra,
  });

  describe('401 without a session', () => {
    it.each([
      ['GET', '/api/v1/users'],
      ['POST', '/api/v1/users'],
      ['GET', '/api/v1/users/0192f0c4-0000-7000-8000-000000000001'],
      ['PATCH', '/api/v1/users/0192f0c4-0000-7000-8000-000000000001'],
      ['POST', '/api/v1/users/0192f0c4-0000-7000-8000-000000000001/reset-password'],
    ])('%s %s', async (method, url) => {
      const res = await t.anonymous(method, url, method === 'GET' ? undefined : {});
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    });
  });

  it.each(rolesExcept('admin', 'city_officer', 'county_officer'))('403 on reading users for %s', async (role) => {
    const agent = await t.as(role);
    const res = await agent.request('GET', '/api/v1/users');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
  });

  it.each(rolesExcept('admin'))('403 on creating, editing and resetting users for %s', async (role) => {
    const agent = await t.as(role);
    const target = (await admin.request('POST', '/api/v1/users', newUser(`target-${role}`))).json().user;
    for (const [method, url, body] of [
      ['POST', '/api/v1/users', newUser(`x-${role}`)],
      ['PATCH', `/api/v1/users/${target.id}`, { version: 1, displayName: '改名' }],
      ['POST', `/api/v1/users/${target.id}/reset-password`, { version: 1 }],
    ] as const) {
      const res = await agent.request(method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
  });

  it('creates a user with a one-time password that must be changed', async () => {
    const res = await admin.request('POST', '/api/v1/users', newUser('Guiyang.Officer'));
    expect(res.statusCode).toBe(201);
    const { user, oneTimePassword } = res.json();
    expect(user).toMatchObject({
      username: 'guiyang.officer',
      role: 'county_officer',
      regionCode: '431021',
      departmentCode: null,
      disabled: false,
      mustChangePassword: true,
      version: 1,
      abilities: { update: true, resetPassword: true },
    });
    expect(oneTimePassword).toMatch(/^[A-Za-z2-9]{14}$/);
    const agent = await t.login('guiyang.officer', oneTimePassword);
    expect((await agent.request('GET', '/api/v1/auth/me')).json().user.mustChangePassword).toBe(true);
  });

  it('rejects bad user input with 400 and a stable code', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [newUser('ab'), 400, 'validation_failed'],
      [newUser('有中文'), 400, 'validation_failed'],
      [newUser('ok-name', { displayName: 'x'.repeat(51) }), 400, 'validation_failed'],
      [newUser('ok-name', { role: 'superuser' }), 400, 'validation_failed'],
      [newUser('ok-name', { passwordHash: 'x' }), 400, 'validation_failed'],
      [newUser('ok-name', { regionCode: '431099' }), 400, 'unknown_region'],
      [newUser('ok-name', { regionCode: '431000' }), 400, 'invalid_scope'],
      [newUser('ok-name', { regionCode: undefined }), 400, 'invalid_scope'],
      [newUser('ok-name', { role: 'city_officer' }), 400, 'invalid_scope'],
      [newUser('ok-name', { role: 'department_reporter', regionCode: undefined, departmentCode: 'nope' }), 400, 'unknown_department'],
      [
        newUser('ok-name', { role: 'enterprise_user', regionCode: undefined, enterpriseId: '0192f0c4-0000-7000-8000-00000000dead' }),
        400,
        'unknown_enterprise',
      ],
      [newUser('root'), 409, 'username_taken'],
      [newUser('ROOT'), 409, 'username_taken'],
    ];
    for (const [body, status, code] of cases) {
      const res = await admin.request('POST', '/api/v1/users', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().error.code, JSON.stringify(body)).toBe(code);
    }
    expect((await admin.request('GET', '/api/v1/users/not-a-uuid')).json().error.code).toBe('validation_failed');
    expect((await admin.request('GET', '/api/v1/users?limit=0')).json().error.code).toBe('validation_failed');
    expect((await admin.request('GET', '/api/v1/users?role=king')).json().error.code).toBe('validation_failed');
  });

  it('lists users with search and cursor paging', async () => {
    for (const name of ['page-a', 'page-b', 'page-c']) await admin.request('POST', '/api/v1/users', newUser(name));
    const first = (await admin.request('GET', '/api/v1/users?q=PAGE-&limit=2')).json();
    expect(first.meta.total).toBe(3);
    expect(first.items.map((u: { username: string }) => u.username)).toEqual(['page-a', 'page-b']);
    expect(first.meta.nextCursor).toBe('page-b');
    const second = (await admin.request('GET', `/api/v1/users?q=page-&limit=2&after=${first.meta.nextCursor}`)).json();
    expect(second.items.map((u: { username: string }) => u.username)).toEqual(['page-c']);
    expect(second.meta.nextCursor).toBeNull();
    const pct = (await admin.request('GET', '/api/v1/users?q=%25')).json();
    expect(pct.meta.total).toBe(0);
  });

  it('a county officer sees only their county’s accounts; another county’s is 404', async () => {
    const beihu = await t.as('county_officer', 'beihu-1', { regionCode: '431002' });
    const suxian = await t.as('county_officer', 'suxian-1', { regionCode: '431003' });
    const list = (await beihu.request('GET', '/api/v1/users?limit=500')).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((u: { regionCode: string }) => u.regionCode === '431002')).toBe(true);
    expect(list.items[0].abilities).toEqual({ update: false, resetPassword: false });
    const other = await beihu.request('GET', `/api/v1/users/${suxian.userId}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('not_found');
    expect((await beihu.request('GET', `/api/v1/users/${beihu.userId}`)).statusCode).toBe(200);
    const city = await t.as('city_officer');
    expect((await city.request('GET', `/api/v1/users/${suxian.userId}`)).statusCode).toBe(200);
  });

  it('updates role and scope with optimistic concurrency: a stale version is 409', async () => {
    const { user } = (await admin.request('POST', '/api/v1/users', newUser('mover'))).json();
    const moved = await admin.request('PATCH', `/api/v1/users/${user.id}`, {
      version: 1,
      role: 'department_reporter',
      regionCode: null,
      departmentCode: 'housing',
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ role: 'department_reporter', regionCode: null, departmentCode: 'housing', version: 2 });
    const stale = await admin.request('PATCH', `/api/v1/users/${user.id}`, { version: 1, displayName: '旧版本' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toEqual({ code: 'stale_version', message: '该记录已被他人修改，请刷新后重试' });
    expect((await admin.request('GET', `/api/v1/users/${user.id}`)).json().displayName).toBe('测试用户');
    const empty = await admin.request('PATCH', `/api/v1/users/${user.id}`, { version: 2 });
    expect(empty.json().error.code).toBe('empty_update');
    const missing = await admin.request('PATCH', '/api/v1/users/0192f0c4-0000-7000-8000-00000000ffff', { version: 1, displayName: 'x' });
    expect(missing.statusCode).toBe(404);
  });

  it('an admin cannot disable or demote themselves', async () => {
    const me = (await admin.request('GET', `/api/v1/users/${admin.userId}`)).json();
    for (const change of [{ disabled: true }, { role: 'city_officer' }]) {
      const res = await admin.request('PATCH', `/api/v1/users/${admin.userId}`, { version: me.version, ...change });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('self_lockout');
    }
  });

  it('resets a password: new one-time password, old one refused, sessions ended, lock lifted', async () => {
    const officer = await t.as('city_officer', 'forgetful');
    await t.db.kysely.updateTable('users').set({ locked_until: '2999-01-01T00:00:00.000Z' }).where('id', '=', officer.userId).execute();
    const version = (await admin.request('GET', `/api/v1/users/${officer.userId}`)).json().version;
    const res = await admin.request('POST', `/api/v1/users/${officer.userId}/reset-password`, { version });
    expect(res.statusCode).toBe(200);
    const { oneTimePassword, user } = res.json();
    expect(user).toMatchObject({ mustChangePassword: true, lockedUntil: null, version: version + 1 });
    expect((await officer.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await t.anonymous('POST', '/api/v1/auth/login', { username: 'forgetful', password: PASSWORD })).statusCode).toBe(401);
    expect((await t.anonymous('POST', '/api/v1/auth/login', { username: 'forgetful', password: oneTimePassword })).statusCode).toBe(200);
    const stale = await admin.request('POST', `/api/v1/users/${officer.userId}/reset-password`, { version });
    expect(stale.statusCode).toBe(409);
  });
});
