import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBool } from '../../src/server/db/portable';
import { addYears } from '../../src/server/lib/dates';
import { makeUscc } from '../../src/server/lib/uscc';
import { syncBrandFlags } from '../../src/server/modules/brands/honours.service';
import { rolesExcept, testApp, type Agent, type TestApp } from '../helpers/app';

const today = new Date().toISOString().slice(0, 10);

describe('the honours register (名牌、奖项、认定)', () => {
  let t: TestApp;
  let city: Agent;
  let firm: string;
  let cable: string;
  let wire: string;
  let otherProduct: string;
  const grant = (agent: Agent, body: object) => agent.request('POST', '/api/v1/honours', body);
  const flag = async (id: string) =>
    toBool((await t.db.kysely.selectFrom('products').select('brand_product').where('id', '=', id).executeTakeFirstOrThrow()).brand_product);

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    const enterprise = async (n: number) =>
      (
        await city.request('POST', '/api/v1/enterprises', {
          uscc: makeUscc('91', '431002', `MA4H000${n}`),
          name: `郴州市名牌测试${n}有限公司`,
          regionCode: '431002',
          industryCode: 'nonferrous',
        })
      ).json().id as string;
    firm = await enterprise(1);
    const product = async (owner: string, name: string) =>
      (await city.request('POST', `/api/v1/enterprises/${owner}/products`, { name })).json().id as string;
    cable = await product(firm, '电力电缆');
    wire = await product(firm, '电线');
    otherProduct = await product(await enterprise(2), '铝锭');
  });
  afterAll(() => t.close());

  it('401 without a session; the public list needs none', async () => {
    const id = '0192f0c4-0000-7000-8000-000000000009';
    for (const [method, url] of [
      ['GET', '/api/v1/honours'],
      ['POST', '/api/v1/honours'],
      ['GET', `/api/v1/honours/${id}`],
      ['POST', `/api/v1/honours/${id}/revoke`],
    ] as const) {
      expect((await t.anonymous(method, url, method === 'GET' ? undefined : {})).statusCode, url).toBe(401);
    }
    expect((await t.anonymous('GET', '/api/v1/public/honours')).statusCode).toBe(200);
  });

  it('403 for roles that may not read or grant', async () => {
    for (const role of rolesExcept('admin', 'city_officer', 'county_officer', 'leading_group')) {
      const agent = await t.as(role, `r-${role}`, role === 'enterprise_user' ? { enterpriseId: firm } : undefined);
      expect((await agent.request('GET', '/api/v1/honours')).statusCode, role).toBe(403);
    }
    for (const role of rolesExcept('admin', 'city_officer', 'county_officer')) {
      const agent = await t.as(role, `w-${role}`, role === 'enterprise_user' ? { enterpriseId: firm } : undefined);
      expect((await grant(agent, { programmeCode: 'hunan_top_brand', enterpriseId: firm, grantedOn: today })).statusCode, role).toBe(403);
    }
  });

  it('400 with a code: unknown programme, a 中国名牌 after 2007, a recognition without its case, a product of another firm, a future date', async () => {
    const code = async (body: object) => (await grant(city, { enterpriseId: firm, grantedOn: '2024-09-01', ...body })).json().error.code;
    expect(await code({ programmeCode: 'nobel_prize' })).toBe('unknown_programme');
    expect(await code({ programmeCode: 'china_top_brand', grantedOn: '2010-09-01' })).toBe('programme_closed');
    expect(await code({ programmeCode: 'well_known_trademark', mark: '郴缆' })).toBe('validation_failed');
    expect(await code({ programmeCode: 'hunan_top_brand', productIds: [otherProduct] })).toBe('validation_failed');
    expect(await code({ programmeCode: 'hunan_top_brand', grantedOn: '2099-01-01' })).toBe('validation_failed');
    const elsewhere = await t.as('county_officer', 'suxian', { regionCode: '431003' });
    expect((await grant(elsewhere, { programmeCode: 'hunan_top_brand', enterpriseId: firm, grantedOn: '2024-09-01' })).statusCode).toBe(
      404,
    );
    expect(await t.db.kysely.selectFrom('honours').select('id').execute()).toEqual([]);
  });

  it('a provincial brand: valid 3 years to the day before, reviewed on the anniversary, the product flagged while in force; revoked with a reason', async () => {
    const granted = (
      await grant(city, {
        programmeCode: 'hunan_top_brand',
        enterpriseId: firm,
        productIds: [cable],
        title: '电力电缆',
        certificateNo: 'HNMP-2024-118',
        grantedOn: '2024-09-01',
      })
    ).json();
    expect(granted).toMatchObject({
      programme: '湖南省名牌产品',
      validUntil: '2027-08-31',
      nextReviewOn: '2027-09-01',
      status: today <= '2027-08-31' ? 'active' : 'expired',
      abilities: { revoke: true },
    });
    expect([await flag(cable), await flag(wire)]).toEqual([true, false]);
    expect((await t.anonymous('GET', '/api/v1/public/honours')).json().items).toEqual([
      expect.objectContaining({ programme: '湖南省名牌产品', enterpriseName: '郴州市名牌测试1有限公司', title: '电力电缆' }),
    ]);
    // After its validity, the daily check takes the flag off.
    await t.db.kysely.transaction().execute((trx) => syncBrandFlags(trx, '2027-09-01'));
    expect(await flag(cable)).toBe(false);
    await t.db.kysely.transaction().execute((trx) => syncBrandFlags(trx, today));
    expect(await flag(cable)).toBe(true);

    const stale = await city.request('POST', `/api/v1/honours/${granted.id}/revoke`, { on: today, reason: '抽查不合格', version: 9 });
    expect(stale.json().error.code).toBe('stale_version');
    const revoked = (
      await city.request('POST', `/api/v1/honours/${granted.id}/revoke`, { on: today, reason: '监督抽查不合格，撤销名牌称号', version: 1 })
    ).json();
    expect(revoked).toMatchObject({
      status: 'revoked',
      revokedOn: today,
      revokeReason: '监督抽查不合格，撤销名牌称号',
      abilities: { revoke: false },
    });
    expect(await flag(cable)).toBe(false);
    expect(
      (await city.request('POST', `/api/v1/honours/${granted.id}/revoke`, { on: today, reason: '再次撤销', version: 2 })).json().error.code,
    ).toBe('honour_revoked');
    const actions = await t.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'in', ['honour.grant', 'honour.revoke', 'product.brand_flag'])
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'honour.grant',
      'product.brand_flag',
      'product.brand_flag',
      'product.brand_flag',
      'honour.revoke',
      'product.brand_flag',
    ]);
  });

  it('status by date: expired, historical (the programme has ended), and a recognition that never expires and is never public', async () => {
    const fourYearsAgo = addYears(today, -4);
    const expired = (
      await grant(city, { programmeCode: 'hunan_top_brand', enterpriseId: firm, productIds: [wire], grantedOn: fourYearsAgo })
    ).json();
    expect(expired).toMatchObject({ status: 'expired', title: '电线' });
    expect(await flag(wire)).toBe(false);
    const historical = (
      await grant(city, { programmeCode: 'china_top_brand', enterpriseId: firm, productIds: [wire], grantedOn: '2007-09-01' })
    ).json();
    expect(historical).toMatchObject({ validUntil: '2012-08-31', status: 'historical' });
    const recognition = (
      await grant(city, {
        programmeCode: 'well_known_trademark',
        enterpriseId: firm,
        authority: '国家知识产权局商标局',
        caseNo: '商标驰字〔2015〕第 12 号',
        mark: '郴缆',
        goodsClass: '9',
        grantedOn: '2015-03-10',
      })
    ).json();
    expect(recognition).toMatchObject({ validUntil: null, status: 'active', mark: '郴缆' });
    const ids = async (q: string) => (await city.request('GET', `/api/v1/honours?${q}`)).json().items.map((h: { id: string }) => h.id);
    expect(await ids('status=expired')).toEqual([expired.id]);
    expect(await ids('status=historical')).toEqual([historical.id]);
    expect(await ids('status=active')).toEqual([recognition.id]);
    expect(await ids(`enterpriseId=${firm}&programmeCode=china_top_brand`)).toEqual([historical.id]);
    expect((await t.anonymous('GET', '/api/v1/public/honours')).json().items).toEqual([]);
    expect((await city.request('GET', '/api/v1/honours?status=lost')).json().error.code).toBe('validation_failed');
    // A county officer reads only their county's register.
    expect(await ids('limit=500')).toHaveLength(4);
    const suxian = await t.as('county_officer', 'suxian2', { regionCode: '431003' });
    expect((await suxian.request('GET', '/api/v1/honours')).json().items).toEqual([]);
    expect((await suxian.request('GET', `/api/v1/honours/${recognition.id}`)).statusCode).toBe(404);
  });
});
