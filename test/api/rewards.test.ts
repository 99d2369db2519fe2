import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/server/lib/uscc';
import { rolesExcept, testApp, type Agent, type TestApp } from '../helpers/app';

const today = new Date().toISOString().slice(0, 10);

describe('rewards for honours (奖励) and the yearly ledger', () => {
  let t: TestApp;
  let city: Agent;
  let firm: string;
  const honour = async (programmeCode: string, grantedOn: string, extra: object = {}) =>
    (await city.request('POST', '/api/v1/honours', { programmeCode, enterpriseId: firm, grantedOn, ...extra })).json().id as string;
  const propose = (agent: Agent, id: string) => agent.request('POST', `/api/v1/honours/${id}/reward`, {});
  const status = (id: string, body: object) => city.request('POST', `/api/v1/rewards/${id}/status`, { on: today, ...body });

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    firm = (
      await city.request('POST', '/api/v1/enterprises', {
        uscc: makeUscc('91', '431002', 'MA4W0001'),
        name: '郴州市奖励测试有限公司',
        regionCode: '431002',
        industryCode: 'nonferrous',
      })
    ).json().id;
  });
  afterAll(() => t.close());

  it('401 without a session; 403 for roles that may not read or decide rewards', async () => {
    const id = '0192f0c4-0000-7000-8000-000000000009';
    for (const [method, url] of [
      ['GET', '/api/v1/reward-rules'],
      ['POST', '/api/v1/reward-rules'],
      ['POST', `/api/v1/honours/${id}/reward`],
      ['POST', `/api/v1/rewards/${id}/status`],
      ['GET', '/api/v1/rewards'],
      ['GET', '/api/v1/rewards/export'],
    ] as const) {
      expect((await t.anonymous(method, url, method === 'GET' ? undefined : {})).statusCode, url).toBe(401);
    }
    for (const role of rolesExcept('admin', 'city_officer', 'county_officer', 'leading_group')) {
      const agent = await t.as(role, `r-${role}`, role === 'enterprise_user' ? { enterpriseId: firm } : undefined);
      expect((await agent.request('GET', '/api/v1/rewards')).statusCode, role).toBe(403);
    }
    for (const role of rolesExcept('admin', 'city_officer', 'county_officer')) {
      const agent = await t.as(role, `w-${role}`, role === 'enterprise_user' ? { enterpriseId: firm } : undefined);
      expect(
        (
          await agent.request('POST', '/api/v1/reward-rules', {
            programmeCode: 'hunan_top_brand',
            year: 2024,
            amount: 1,
            citySharePercent: 50,
          })
        ).statusCode,
        role,
      ).toBe(403);
    }
    // Rules are the city's.
    const county = await t.as('county_officer', 'beihu', { regionCode: '431002' });
    expect(
      (
        await county.request('POST', '/api/v1/reward-rules', {
          programmeCode: 'hunan_top_brand',
          year: 2024,
          amount: 1,
          citySharePercent: 50,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('the 2010 rule is there: CNY 500,000 for a 中国名牌产品 or 驰名商标; rules refuse bad input and a second rule for the same year', async () => {
    expect((await city.request('GET', '/api/v1/reward-rules')).json().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ programmeCode: 'well_known_trademark', year: 2010, amount: 500_000, citySharePercent: 50 }),
      ]),
    );
    expect(
      (
        await city.request('POST', '/api/v1/reward-rules', {
          programmeCode: 'hunan_top_brand',
          year: 2024,
          amount: 100_003,
          citySharePercent: 101,
        })
      ).json().error.code,
    ).toBe('validation_failed');
    expect(
      (
        await city.request('POST', '/api/v1/reward-rules', { programmeCode: 'nobel_prize', year: 2024, amount: 1, citySharePercent: 50 })
      ).json().error.code,
    ).toBe('unknown_programme');
    expect(
      (
        await city.request('POST', '/api/v1/reward-rules', {
          programmeCode: 'hunan_top_brand',
          year: 2024,
          amount: 100_003,
          citySharePercent: 50,
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await city.request('POST', '/api/v1/reward-rules', {
          programmeCode: 'hunan_top_brand',
          year: 2024,
          amount: 9,
          citySharePercent: 50,
        })
      ).json().error.code,
    ).toBe('duplicate_record');
  });

  it('a reward follows the rule of its programme and year, splits city and county, is approved and paid; the ledger adds up by county', async () => {
    const recognition = await honour('well_known_trademark', '2010-05-01', {
      authority: '国家工商行政管理总局商标局',
      caseNo: '商标驰字〔2010〕第 3 号',
      mark: '郴奖',
    });
    const brand = await honour('hunan_top_brand', '2024-09-01');
    const noRule = await honour('hunan_top_brand', '2023-09-01');
    expect((await propose(city, noRule)).json().error.code).toBe('no_reward_rule');
    // The register offers 拟奖励 only where a rule applies and no reward exists yet.
    const mayReward = async (id: string) => (await city.request('GET', `/api/v1/honours/${id}`)).json().abilities.reward;
    expect([await mayReward(noRule), await mayReward(brand), await mayReward(recognition)]).toEqual([false, true, true]);
    const listed = (await city.request('GET', `/api/v1/honours?enterpriseId=${firm}`)).json().items as {
      id: string;
      abilities: { reward: boolean };
    }[];
    expect(listed.find((h) => h.id === noRule)!.abilities.reward).toBe(false);
    expect(listed.find((h) => h.id === brand)!.abilities.reward).toBe(true);

    const big = (await propose(city, recognition)).json();
    expect(big).toMatchObject({
      year: 2010,
      amount: 500_000,
      cityAmount: 250_000,
      countyAmount: 250_000,
      status: 'proposed',
      nextStatuses: ['approved', 'cancelled'],
    });
    // 100,003 × 50 % = 50,001.5: 50,002 for the city, 50,001 for the county.
    const small = (await propose(city, brand)).json();
    expect(await mayReward(brand)).toBe(false);
    expect(small).toMatchObject({ amount: 100_003, cityAmount: 50_002, countyAmount: 50_001 });
    expect((await propose(city, brand)).json().error.code).toBe('duplicate_record');

    expect((await status(small.id, { to: 'paid', version: 1 })).json().error.code).toBe('invalid_transition');
    expect((await status(small.id, { to: 'approved', version: 1 })).json()).toMatchObject({ status: 'approved', approvedOn: today });
    expect((await status(small.id, { to: 'paid', version: 1 })).json().error.code).toBe('stale_version');
    expect((await status(small.id, { to: 'paid', version: 2 })).json()).toMatchObject({ status: 'paid', paidOn: today, nextStatuses: [] });

    const { ledger } = (await city.request('GET', '/api/v1/rewards')).json();
    // 500,000 + 100,003 = 600,003; city 250,000 + 50,002 = 300,002; county 250,000 + 50,001 = 300,001; paid 100,003.
    expect(ledger.byCounty).toEqual([
      { regionCode: '431002', rewards: 2, amount: 600_003, cityAmount: 300_002, countyAmount: 300_001, paid: 100_003 },
    ]);
    expect((await city.request('GET', '/api/v1/rewards?year=2010')).json().ledger.total).toMatchObject({
      rewards: 1,
      amount: 500_000,
      paid: 0,
    });
    // Cancelled rewards leave the ledger.
    await status(big.id, { to: 'cancelled', version: 1 });
    expect((await city.request('GET', '/api/v1/rewards')).json().ledger.total).toMatchObject({ rewards: 1, amount: 100_003 });

    const csv = await city.request('GET', '/api/v1/rewards/export?format=csv&year=2024');
    const lines = csv.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\n');
    expect(lines).toEqual([
      '年度,县市区,企业,项目,奖励金额（元）,市级承担（元）,县级承担（元）,状态,批准日期,兑现日期',
      `2024,北湖区,郴州市奖励测试有限公司,湖南省名牌产品,100003,50002,50001,已兑现,${today},${today}`,
    ]);
    const audit = await t.db.kysely.selectFrom('audit_events').select('action').where('action', 'like', 'reward%').orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual([
      'reward_rule.create',
      'reward.propose',
      'reward.propose',
      'reward.approved',
      'reward.paid',
      'reward.cancelled',
    ]);
  });

  it('a rule applies from its year until a later rule replaces it, not for its one year only', async () => {
    // The 2010 rule for 驰名商标 still applies in 2013 (no rule since): 500,000.
    const later = await honour('well_known_trademark', '2013-04-01', {
      authority: '国家工商行政管理总局商标局',
      caseNo: '商标驰字〔2013〕第 9 号',
      mark: '郴奖二',
    });
    expect((await propose(city, later)).json()).toMatchObject({ year: 2013, amount: 500_000, cityAmount: 250_000 });
    // 湖南省名牌产品: the 2024 rule (100,003) applies to a 2025 grant; a rule from 2025 (200,000, city 60 %) replaces it for grants from 2025 on.
    const before = await honour('hunan_top_brand', '2025-03-01', { title: '替换前' });
    expect((await propose(city, before)).json()).toMatchObject({ year: 2025, amount: 100_003 });
    expect(
      (
        await city.request('POST', '/api/v1/reward-rules', {
          programmeCode: 'hunan_top_brand',
          year: 2025,
          amount: 200_000,
          citySharePercent: 60,
        })
      ).statusCode,
    ).toBe(201);
    const after = await honour('hunan_top_brand', '2025-06-01', { title: '替换后' });
    expect((await propose(city, after)).json()).toMatchObject({ year: 2025, amount: 200_000, cityAmount: 120_000, countyAmount: 80_000 });
    // A grant before any rule of its programme: still none.
    const early = await honour('hunan_top_brand', '2009-06-01', { title: '规则以前' });
    expect((await propose(city, early)).json().error.code).toBe('no_reward_rule');
  });
});
