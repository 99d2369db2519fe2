import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/server/lib/uscc';
import { rolesExcept, testApp, type Agent, type TestApp } from '../helpers/app';

let serial = 0;
/** A valid USCC registered in `region`, unique per call. */
const uscc = (region = '431002') => makeUscc('91', region, `MA4L${String(++serial).padStart(4, '0')}`);

describe('enterprise archive API', () => {
  let t: TestApp;
  let city: Agent;
  let beihu: Agent; // county officer of 北湖区 431002
  const ids: Record<string, string> = {};

  const body = (name: string, extra: Record<string, unknown> = {}) => ({
    uscc: uscc((extra.regionCode as string) ?? '431002'),
    name,
    regionCode: '431002',
    industryCode: 'nonferrous',
    ...extra,
  });

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    beihu = await t.as('county_officer', 'beihu-officer', { regionCode: '431002' });
    const seed: [string, Record<string, unknown>][] = [
      ['郴州市永兴银业有限公司', { regionCode: '431023', aboveScale: true, keyEnterprise: true, industryCode: 'nonferrous' }],
      ['郴州市北湖电子科技有限公司', { regionCode: '431002', aboveScale: true, industryCode: 'electronics' }],
      ['湖南苏仙食品有限责任公司', { regionCode: '431003', industryCode: 'pharma_food', status: 'suspended' }],
      ['资兴东江湖茶业股份有限公司', { regionCode: '431081', industryCode: 'pharma_food', foreignInvested: true }],
    ];
    for (const [name, extra] of seed) {
      const res = await city.request('POST', '/api/v1/enterprises', body(name, extra));
      expect(res.statusCode, res.body).toBe(201);
      ids[name] = res.json().id;
    }
  });
  afterAll(() => t.close());

  describe('401 without a session', () => {
    it.each([
      ['GET', '/api/v1/enterprises'],
      ['GET', '/api/v1/enterprises/uscc-check?code=x'],
      ['POST', '/api/v1/enterprises'],
      ['GET', '/api/v1/enterprises/0192f0c4-0000-7000-8000-000000000001'],
      ['PATCH', '/api/v1/enterprises/0192f0c4-0000-7000-8000-000000000001'],
      ['DELETE', '/api/v1/enterprises/0192f0c4-0000-7000-8000-000000000001'],
    ])('%s %s', async (method, url) => {
      const res = await t.anonymous(method, url, method === 'GET' ? undefined : {});
      expect(res.statusCode).toBe(401);
    });
  });

  it.each(rolesExcept('admin', 'city_officer', 'county_officer'))('403 on writing the archive for %s', async (role) => {
    const agent = await t.as(role);
    const id = ids['郴州市北湖电子科技有限公司'];
    for (const [method, url, payload] of [
      ['POST', '/api/v1/enterprises', body('某某有限公司')],
      ['PATCH', `/api/v1/enterprises/${id}`, { version: 1, name: '改名有限公司' }],
      ['DELETE', `/api/v1/enterprises/${id}`, { version: 1, reason: '测试删除' }],
    ] as const) {
      const res = await agent.request(method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
  });

  it('creates an enterprise with defaults and an audit event', async () => {
    const res = await city.request('POST', '/api/v1/enterprises', body('郴州市新建材料有限公司', { uscc: ' 91431021ma4l9001xx ' }));
    // a hand-typed code with spaces and lower case: normalised before the checks
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('uscc_checksum');
    const good = uscc('431021');
    const ok = await city.request('POST', '/api/v1/enterprises', body('郴州市新建材料有限公司', { uscc: ` ${good.toLowerCase()} ` }));
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      uscc: good,
      usccOverrideReason: null,
      status: 'operating',
      aboveScale: false,
      agriLeaderLevel: 'none',
      foundedOn: null,
      version: 1,
      abilities: { update: true, delete: true },
    });
    const events = (
      await (await t.as('admin')).request('GET', `/api/v1/audit/events?subjectType=enterprise&subjectId=${ok.json().id}`)
    ).json();
    expect(events.items.map((e: { action: string }) => e.action)).toEqual(['enterprise.create']);
  });

  it('rejects bad enterprise input with a code, and accepts a failing check only with a reason', async () => {
    const badCheck = '914310004652594269'; // last character should be 8
    const cases: [Record<string, unknown>, number, string][] = [
      [body('甲有限公司', { uscc: '91431000465259426' }), 400, 'uscc_shape'],
      [body('甲有限公司', { uscc: '91431000465259426I' }), 400, 'uscc_shape'],
      [body('甲有限公司', { uscc: badCheck }), 400, 'uscc_checksum'],
      [body('甲有限公司', { regionCode: '431099' }), 400, 'unknown_region'],
      [body('甲有限公司', { regionCode: '430000' }), 400, 'unknown_region'],
      [body('甲有限公司', { industryCode: 'mining' }), 400, 'unknown_industry'],
      [body('甲'), 400, 'validation_failed'],
      [body('甲'.repeat(101)), 400, 'validation_failed'],
      [body('甲有限公司', { foundedOn: '2024-02-30' }), 400, 'validation_failed'],
      [body('甲有限公司', { foundedOn: '2999-01-01' }), 400, 'validation_failed'],
      [body('甲有限公司', { status: 'closed' }), 400, 'validation_failed'],
      [body('甲有限公司', { aboveScale: 'yes' }), 400, 'validation_failed'],
      [body('甲有限公司', { usccOverrideReason: 'x' }), 400, 'validation_failed'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await city.request('POST', '/api/v1/enterprises', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().error.code, JSON.stringify(payload)).toBe(code);
    }
    const override = await city.request(
      'POST',
      '/api/v1/enterprises',
      body('试点地区旧码有限公司', { uscc: badCheck, usccOverrideReason: '2014 年试点地区发放的代码，校验位不符' }),
    );
    expect(override.statusCode).toBe(201);
    expect(override.json().usccOverrideReason).toBe('2014 年试点地区发放的代码，校验位不符');
    const dup = await city.request(
      'POST',
      '/api/v1/enterprises',
      body('重复有限公司', { uscc: badCheck, usccOverrideReason: '重复录入测试' }),
    );
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('uscc_taken');
  });

  it('searches names by 2- and 3-character Chinese substrings and by USCC', async () => {
    const names = async (q: string) =>
      (await city.request('GET', `/api/v1/enterprises?q=${encodeURIComponent(q)}`))
        .json()
        .items.map((e: { name: string }) => e.name)
        .sort();
    expect(await names('银业')).toEqual(['郴州市永兴银业有限公司']);
    expect(await names('东江湖')).toEqual(['资兴东江湖茶业股份有限公司']);
    expect(await names('苏仙食品')).toEqual(['湖南苏仙食品有限责任公司']);
    expect(await names('北湖电子')).toEqual(['郴州市北湖电子科技有限公司']);
    expect(await names('永兴北湖')).toEqual([]); // grams of two names must not join up
    expect(await names('股份 有限')).toEqual(['资兴东江湖茶业股份有限公司']); // punctuation and spaces are ignored
    const code = (await city.request('GET', `/api/v1/enterprises/${ids['湖南苏仙食品有限责任公司']}`)).json().uscc as string;
    expect(await names(code.slice(4, 12).toLowerCase())).toEqual(['湖南苏仙食品有限责任公司']);
    const short = await city.request('GET', `/api/v1/enterprises?q=${encodeURIComponent('银')}`);
    expect(short.statusCode).toBe(400);
    expect(short.json().error.code).toBe('search_too_short');
  });

  it('renaming updates the search index', async () => {
    const id = ids['湖南苏仙食品有限责任公司'];
    const before = (await city.request('GET', `/api/v1/enterprises/${id}`)).json();
    const res = await city.request('PATCH', `/api/v1/enterprises/${id}`, { version: before.version, name: '湖南苏仙绿色食品有限责任公司' });
    expect(res.statusCode).toBe(200);
    const found = (await city.request('GET', `/api/v1/enterprises?q=${encodeURIComponent('绿色食品')}`)).json();
    expect(found.items.map((e: { id: string }) => e.id)).toEqual([id]);
    expect((await city.request('GET', `/api/v1/enterprises?q=${encodeURIComponent('仙食品')}`)).json().meta.total).toBe(0);
  });

  it('filters by region, industry, status and flags; sorts; pages with a cursor', async () => {
    const list = async (query: string) => (await city.request('GET', `/api/v1/enterprises?${query}`)).json();
    expect((await list('regionCode=431023')).items.map((e: { name: string }) => e.name)).toEqual(['郴州市永兴银业有限公司']);
    expect((await list('aboveScale=true')).meta.total).toBe(2);
    expect((await list('aboveScale=true&keyEnterprise=true')).meta.total).toBe(1);
    expect((await list('industryCode=pharma_food&status=suspended')).meta.total).toBe(1);
    expect((await list('foreignInvested=true')).items[0].name).toBe('资兴东江湖茶业股份有限公司');

    const all = await list('limit=500&sort=uscc');
    const codes = all.items.map((e: { uscc: string }) => e.uscc);
    expect(codes).toEqual([...codes].sort());
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`limit=2&sort=-uscc${cursor ? `&after=${cursor}` : ''}`);
      expect(page.meta.total).toBe(all.meta.total);
      pages.push(...page.items.map((e: { uscc: string }) => e.uscc));
      cursor = page.meta.nextCursor;
    } while (cursor);
    expect(pages).toEqual([...codes].reverse());
    for (const q of ['after=garbage', `after=${Buffer.from('[1]').toString('base64url')}`]) {
      expect((await city.request('GET', `/api/v1/enterprises?${q}`)).json().error.code).toBe('bad_cursor');
    }
    expect((await city.request('GET', '/api/v1/enterprises?sort=size')).json().error.code).toBe('validation_failed');
    expect((await city.request('GET', '/api/v1/enterprises?aboveScale=maybe')).json().error.code).toBe('validation_failed');
  });

  it('a county officer sees and edits only their county; elsewhere is 404 or out_of_scope', async () => {
    const mine = (await beihu.request('GET', '/api/v1/enterprises?limit=500')).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((e: { regionCode: string }) => e.regionCode === '431002')).toBe(true);
    const yongxing = ids['郴州市永兴银业有限公司'];
    for (const [method, payload] of [
      ['GET', undefined],
      ['PATCH', { version: 1, name: '别县的企业' }],
      ['DELETE', { version: 1, reason: '不是我的' }],
    ] as const) {
      const res = await beihu.request(method, `/api/v1/enterprises/${yongxing}`, payload);
      expect(res.statusCode, method).toBe(404);
    }
    const elsewhere = await beihu.request('POST', '/api/v1/enterprises', body('外县企业有限公司', { regionCode: '431023' }));
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().error.code).toBe('out_of_scope');
    const own = ids['郴州市北湖电子科技有限公司'];
    const moved = await beihu.request('PATCH', `/api/v1/enterprises/${own}`, { version: 1, regionCode: '431003' });
    expect(moved.json().error.code).toBe('out_of_scope');
    const edit = await beihu.request('PATCH', `/api/v1/enterprises/${own}`, { version: 1, contactPhone: '0735-2222222' });
    expect(edit.statusCode).toBe(200);
    expect(edit.json().version).toBe(2);
    const stale = await beihu.request('PATCH', `/api/v1/enterprises/${own}`, { version: 1, contactPhone: '0735-3333333' });
    expect(stale.statusCode).toBe(409);
  });

  it('an enterprise user reads only their own enterprise, read-only', async () => {
    const own = ids['资兴东江湖茶业股份有限公司'];
    const user = await t.as('enterprise_user', 'dongjiang', { enterpriseId: own });
    const list = (await user.request('GET', '/api/v1/enterprises')).json();
    expect(list.items.map((e: { id: string }) => e.id)).toEqual([own]);
    expect(list.items[0].abilities).toEqual({ update: false, delete: false });
    expect((await user.request('GET', `/api/v1/enterprises/${ids['郴州市永兴银业有限公司']}`)).statusCode).toBe(404);
  });

  it('soft-deletes with a reason: gone from lists and reads, kept in the audit log', async () => {
    const created = (await city.request('POST', '/api/v1/enterprises', body('待删除企业有限公司'))).json();
    const noReason = await city.request('DELETE', `/api/v1/enterprises/${created.id}`, { version: 1 });
    expect(noReason.json().error.code).toBe('validation_failed');
    const res = await city.request('DELETE', `/api/v1/enterprises/${created.id}`, { version: 1, reason: '重复录入' });
    expect(res.statusCode).toBe(204);
    expect((await city.request('GET', `/api/v1/enterprises/${created.id}`)).statusCode).toBe(404);
    expect((await city.request('GET', `/api/v1/enterprises?q=${encodeURIComponent('待删除')}`)).json().meta.total).toBe(0);
    const again = await city.request('POST', '/api/v1/enterprises', { ...body('待删除企业有限公司'), uscc: created.uscc });
    expect(again.statusCode).toBe(409);
    const admin = await t.as('admin');
    const events = (await admin.request('GET', `/api/v1/audit/events?subjectType=enterprise&subjectId=${created.id}`)).json();
    expect(events.items[0]).toMatchObject({ action: 'enterprise.delete', after: { deleteReason: '重复录入' } });
  });

  it('checks a USCC for a form: checks, region suggestion and an existing record', async () => {
    const fresh = uscc('431024');
    const res = (await city.request('GET', `/api/v1/enterprises/uscc-check?code=${fresh}`)).json();
    expect(res).toMatchObject({
      shapeOk: true,
      orgCheckOk: true,
      usccCheckOk: true,
      regionCode: '431024',
      suggestedRegionCode: '431024',
      existingEnterpriseId: null,
      categoryName: '企业',
    });
    const existing = (await city.request('GET', `/api/v1/enterprises/${ids['郴州市永兴银业有限公司']}`)).json();
    const known = (await city.request('GET', `/api/v1/enterprises/uscc-check?code=${existing.uscc}`)).json();
    expect(known.existingEnterpriseId).toBe(existing.id);
    const provincial = (await city.request('GET', `/api/v1/enterprises/uscc-check?code=${makeUscc('91', '430000', 'MA4L7777')}`)).json();
    expect(provincial.suggestedRegionCode).toBeNull();
  });

  it('looks an enterprise up by USCC, within scope', async () => {
    const yongxing = (await city.request('GET', `/api/v1/enterprises/${ids['郴州市永兴银业有限公司']}`)).json();
    expect((await t.anonymous('GET', `/api/v1/enterprises/lookup?uscc=${yongxing.uscc}`)).statusCode).toBe(401);
    const found = await city.request('GET', `/api/v1/enterprises/lookup?uscc=${yongxing.uscc.toLowerCase()}`);
    expect(found.statusCode).toBe(200);
    expect(found.json().id).toBe(yongxing.id);
    expect((await beihu.request('GET', `/api/v1/enterprises/lookup?uscc=${yongxing.uscc}`)).statusCode).toBe(404);
    expect((await city.request('GET', `/api/v1/enterprises/lookup?uscc=${uscc('431026')}`)).statusCode).toBe(404);
    expect((await city.request('GET', `/api/v1/enterprises/lookup?uscc=${'9'.repeat(31)}`)).json().error.code).toBe('validation_failed');
    expect((await city.request('GET', '/api/v1/enterprises/lookup')).json().error.code).toBe('validation_failed');
  });
});
