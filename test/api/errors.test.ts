import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Agent, type TestApp } from '../helpers/app';

describe('errors and bad input', () => {
  let t: TestApp;
  let admin: Agent;
  beforeAll(async () => {
    t = await testApp({ QC_BODY_LIMIT_KB: '4' }, (app) => {
      app.get('/api/v1/test-boom', async () => {
        throw new Error('secret connection string postgres://u:p@host');
      });
    });
    admin = await t.as('admin');
  });
  afterAll(() => t.close());

  it('an over-size body is 413 body_too_large and writes nothing', async () => {
    const res = await admin.request('POST', '/api/v1/users', { username: 'big', displayName: 'x'.repeat(8000), role: 'leading_group' });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('body_too_large');
    expect(await t.db.kysely.selectFrom('users').select('id').where('username', '=', 'big').execute()).toEqual([]);
  });

  it('a non-JSON body is 415 unsupported_media_type', async () => {
    const res = await admin.request('POST', '/api/v1/users', 'username=x', { 'content-type': 'text/plain' });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_media_type');
  });

  it('prototype pollution in JSON is refused as invalid JSON', async () => {
    const res = await admin.request('POST', '/api/v1/users', '{"__proto__":{"role":"admin"},"username":"p"}', { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_json');
  });

  it('an unknown API path is 404 route_not_found', async () => {
    const res = await admin.request('GET', '/api/v1/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({ code: 'route_not_found', message: '接口不存在' });
  });

  it('a 500 says nothing of the cause but gives a request id', async () => {
    const res = await t.anonymous('GET', '/api/v1/test-boom');
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(body.error.code).toBe('internal_error');
    expect(body.error.requestId).toMatch(/^req-/);
    expect(res.body).not.toContain('secret');
    expect(res.body).not.toContain('postgres');
  });

  it('validation details are Chinese, per field', async () => {
    const res = await admin.request('POST', '/api/v1/users', { username: 'ab', role: 'leading_group', extra: 1 });
    expect(res.json().error.details).toEqual([
      { path: 'body', message: '缺少必填字段：displayName' },
      { path: 'body', message: '不允许的字段：extra' },
      { path: 'body/username', message: '长度不能少于 3 个字符' },
    ]);
  });

  it('API answers carry nosniff and no-store, errors too', async () => {
    for (const res of [await admin.request('GET', '/api/v1/reference/regions'), await t.anonymous('GET', '/api/v1/users')]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('serves OpenAPI 3.1 with every module’s routes', async () => {
    const res = await t.anonymous('GET', '/api/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/api/v1/auth/login', '/api/v1/users/{id}', '/api/v1/reference/regions', '/api/v1/audit/events']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it('the server keeps answering after all of the above', async () => {
    expect((await t.anonymous('GET', '/api/v1/health')).json().status).toBe('ok');
  });
});
