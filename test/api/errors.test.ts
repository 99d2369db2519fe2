import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../../src/contract/errors';
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

  it('a body nested deeper than any form is 400 validation_failed, not a 500 from an exhausted stack (found by the probe)', async () => {
    const deep = `${'['.repeat(2040)}${']'.repeat(2040)}`; // within the 4 KB limit of this app
    const res = await admin.request('POST', '/api/v1/testing-bodies', deep, { 'content-type': 'application/json' });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation_failed', details: [{ message: '嵌套不能超过 32 层' }] });
  });

  it('a NUL or a bidi override in a path parameter or a query is 400 invalid_text, on PostgreSQL too (found by the probe)', async () => {
    for (const url of [
      '/api/v1/import-templates/%00',
      '/api/v1/import-templates/9143%E2%80%AE1002',
      '/api/v1/enterprises/lookup?uscc=%00',
      '/api/v1/enterprises?q=%E9%83%B4%00',
    ]) {
      const res = await admin.request('GET', url);
      expect(res.statusCode, `${url} ${res.body}`).toBe(400);
      expect(res.json().error.code).toBe('invalid_text');
    }
  });

  it('a non-JSON body is 415 unsupported_media_type', async () => {
    const res = await admin.request('POST', '/api/v1/users', 'username=x', { 'content-type': 'text/plain' });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_media_type');
  });

  it('prototype pollution in JSON is refused as invalid JSON', async () => {
    const res = await admin.request('POST', '/api/v1/users', '{"__proto__":{"role":"admin"},"username":"p"}', {
      'content-type': 'application/json',
    });
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
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/api/v1' })]);
    for (const path of ['/auth/login', '/users/{id}', '/reference/regions', '/audit/events']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it('a URL that does not decode is 400 bad_url in the envelope, with the API headers', async () => {
    for (const url of ['/api/v1/enterprises/%ff', '/%ff', '/api/v1/enterprises/%E4%B8']) {
      const res = await admin.request('GET', url);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error: { code: 'bad_url', message: '请求地址的编码不正确' } });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('an over-long path parameter is 414 url_too_long in the envelope', async () => {
    const res = await admin.request('GET', `/api/v1/enterprises/${'a'.repeat(201)}`);
    expect(res.statusCode).toBe(414);
    expect(res.json().error.code).toBe('url_too_long');
  });

  it('a wrong method on a known path is route_not_found in the envelope', async () => {
    const res = await admin.request('DELETE', '/api/v1/health');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'route_not_found', message: '接口不存在' } });
  });

  it('a request Node cannot parse gets the envelope straight from the socket', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = Number(new URL(address).port);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write('NOT A REQUEST\r\n\r\n'));
      let data = '';
      socket.on('data', (d) => (data += d));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toEqual({ error: { code: 'bad_request', message: '请求格式不正确' } });
  });

  describe('messages follow Accept-Language: Chinese by default, English when preferred', () => {
    it('the message of a code', async () => {
      const zh = await admin.request('GET', '/api/v1/no-such-thing', undefined, { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' });
      expect(zh.json().error.message).toBe('接口不存在');
      expect(zh.headers['content-language']).toBe('zh-CN');
      const en = await admin.request('GET', '/api/v1/no-such-thing', undefined, { 'accept-language': 'en-US,en;q=0.9' });
      expect(en.json().error).toEqual({ code: 'route_not_found', message: 'No such API endpoint' });
      expect(en.headers['content-language']).toBe('en');
      const other = await admin.request('GET', '/api/v1/no-such-thing', undefined, { 'accept-language': 'fr' });
      expect(other.json().error.message).toBe('接口不存在');
    });

    it('validation details', async () => {
      const res = await admin.request(
        'POST',
        '/api/v1/users',
        { username: 'ab', role: 'leading_group', extra: 1 },
        { 'accept-language': 'en' },
      );
      expect(res.json().error).toEqual({
        code: 'validation_failed',
        message: 'The request parameters are invalid',
        details: [
          { path: 'body', message: 'Missing required field: displayName' },
          { path: 'body', message: 'Field not allowed: extra' },
          { path: 'body/username', message: 'At least 3 characters' },
        ],
      });
    });

    it('framework errors, malformed JSON and 5xx', async () => {
      const url = await admin.request('GET', '/api/v1/enterprises/%ff', undefined, { 'accept-language': 'en' });
      expect(url.json().error.message).toBe('The request URL is not correctly encoded');
      const json = await admin.request('POST', '/api/v1/users', '{"a":', { 'content-type': 'application/json', 'accept-language': 'en' });
      expect(json.json().error).toEqual({ code: 'invalid_json', message: 'The request body is not valid JSON' });
      const boom = await t.app.inject({ method: 'GET', url: '/api/v1/test-boom', headers: { 'accept-language': 'en' } });
      expect(boom.json().error.message).toBe('Internal server error; try again later or contact an administrator');
    });

    it('every code has both messages', () => {
      for (const [code, e] of Object.entries(ERRORS) as [string, { zh: string; en?: string }][]) {
        expect(e.zh, code).toMatch(/[\u4e00-\u9fff]/);
        expect(e.en, code).toMatch(/^[\x20-\x7e’]+$/);
      }
    });
  });

  it('the server keeps answering after all of the above', async () => {
    expect((await t.anonymous('GET', '/api/v1/health')).json().status).toBe('ok');
  });
});
