import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/server/lib/uscc';
import { testApp, type Agent, type TestApp } from '../helpers/app';

const INVALID_TEXT = '文本含有不允许的字符（控制字符、双向文字控制符或无效的 Unicode 字符）';
const count = async (t: TestApp) => (await t.db.kysely.selectFrom('enterprises').select('id').execute()).length;

/** The text rule (lib/text.ts) at the contract: every string of every body, before validation. */
describe('text in request bodies', () => {
  let t: TestApp;
  let admin: Agent;
  let city: Agent;
  let n = 0;
  const uscc = () => makeUscc('91', '431002', `MA4X${String(++n).padStart(4, '0')}`);
  const enterprise = (body: Record<string, unknown>) =>
    city.request('POST', '/api/v1/enterprises', { uscc: uscc(), regionCode: '431002', industryCode: 'other', ...body });
  // Raw JSON, for what JSON.stringify would not write: a lone surrogate.
  const raw = (agent: Agent, url: string, json: string) => agent.request('POST', url, json, { 'content-type': 'application/json' });

  beforeAll(async () => {
    t = await testApp();
    admin = await t.as('admin');
    city = await t.as('city_officer');
  });
  afterAll(() => t.close());

  it.each([
    ['NUL', '郴州市\u0000有限公司', 'body/name', '含有控制字符 U+0000'],
    ['a right-to-left override', '郴州市\u202e司公限有', 'body/name', '含有双向文字控制符 U+202E，会使文字显示顺序与实际不同'],
    ['an isolate', '郴州市\u2066有限公司', 'body/name', '含有双向文字控制符 U+2066，会使文字显示顺序与实际不同'],
    ['a line break in a name', '郴州市\n有限公司', 'body/name', '单行文本不能包含换行或制表符（U+000A）'],
    ['an escape in the address', { address: '郴州\u001b[31m' }, 'body/address', '含有控制字符 U+001B'],
  ])('refuses %s: 400 invalid_text naming the field, nothing written', async (_name, value, path, message) => {
    const before = await count(t);
    const res = await enterprise(typeof value === 'string' ? { name: value } : { name: '郴州市文本测试有限公司', ...value });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({ code: 'invalid_text', message: INVALID_TEXT, details: [{ path, message }] });
    expect(await count(t)).toBe(before);
  });

  it('refuses a lone surrogate', async () => {
    const res = await raw(admin, '/api/v1/users', '{"username":"lone","displayName":"张\\ud800三","role":"leading_group"}');
    expect([res.statusCode, res.json().error.code, res.json().error.details]).toEqual([
      400,
      'invalid_text',
      [{ path: 'body/displayName', message: '含有无效的 Unicode 字符（孤立的代理项 U+D800）' }],
    ]);
  });

  it('finds refused text deep in a body (an array inside an array element)', async () => {
    const category = (
      await t.db.kysely.selectFrom('product_categories').select('code').where('name', '=', '灭火器').executeTakeFirstOrThrow()
    ).code;
    const res = await city.request('POST', '/api/v1/inspection-plans', {
      year: 2026,
      level: 'city',
      title: '文本测试计划',
      departmentCode: 'quality',
      regionCode: '431000',
      categories: [{ categoryCode: category, plannedBatches: 1, testItems: ['充装量', '喷射\u202e性能'] }],
    });
    expect([res.statusCode, res.json().error.code, res.json().error.details[0].path]).toEqual([
      400,
      'invalid_text',
      'body/categories/0/testItems/1',
    ]);
  });

  it('a name of blanks is an empty name: 400 validation_failed', async () => {
    for (const blank of ['   ', '\u3000\u3000', ' \u00a0 ']) {
      const res = await admin.request('POST', '/api/v1/users', { username: 'blank', displayName: blank, role: 'leading_group' });
      expect([res.statusCode, res.json().error.code, res.json().error.details], JSON.stringify(blank)).toEqual([
        400,
        'validation_failed',
        [{ path: 'body/displayName', message: '不能为空' }],
      ]);
    }
    expect((await enterprise({ name: ' \u3000 ' })).json().error.details).toEqual([
      { path: 'body/name', message: '长度不能少于 2 个字符' },
    ]);
  });

  it('stores text trimmed and in NFC, and checks the length after trimming', async () => {
    // 50 characters between blanks: 52 as sent, 50 (the limit) as kept.
    const name = '张'.repeat(49) + 'e\u0301';
    const res = await admin.request('POST', '/api/v1/users', {
      username: ' spaced ',
      displayName: `\u3000${name} `,
      role: 'leading_group',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().user).toMatchObject({ username: 'spaced', displayName: '张'.repeat(49) + '\u00e9' });
    const firm = (await enterprise({ name: '  郴州市Cafe\u0301有限公司\u3000' })).json();
    expect(firm.name).toBe('郴州市Caf\u00e9有限公司');
    const stored = await t.db.kysely.selectFrom('enterprises').select('name').where('id', '=', firm.id).executeTakeFirstOrThrow();
    expect(stored.name).toBe('郴州市Caf\u00e9有限公司');
  });

  it('free text (a reason, a note) may span lines; the line breaks are kept as \\n', async () => {
    const firm = (await enterprise({ name: '郴州市多行文本有限公司' })).json();
    const res = await city.request('DELETE', `/api/v1/enterprises/${firm.id}`, {
      version: firm.version,
      reason: '重复录入：\r\n\t与另一条记录相同',
    });
    expect(res.statusCode).toBe(204);
    const event = await t.db.kysely
      .selectFrom('audit_events')
      .select('after')
      .where('subject_id', '=', firm.id)
      .where('action', '=', 'enterprise.delete')
      .executeTakeFirstOrThrow();
    expect(String(event.after)).toContain(JSON.stringify('重复录入：\n\t与另一条记录相同').slice(1, -1));
  });

  it('speaks English when asked', async () => {
    const res = await city.request(
      'POST',
      '/api/v1/enterprises',
      { uscc: uscc(), name: '郴州\u202e', regionCode: '431002', industryCode: 'other' },
      { 'accept-language': 'en' },
    );
    expect(res.json().error).toEqual({
      code: 'invalid_text',
      message: 'The text contains characters that are not allowed (control characters, bidirectional controls or invalid Unicode)',
      details: [{ path: 'body/name', message: 'Contains a bidirectional control character (U+202E) that changes how the text displays' }],
    });
  });
});
