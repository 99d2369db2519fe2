import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/server/lib/uscc';
import { rolesExcept, testApp, type Agent, type TestApp } from '../helpers/app';

const shift = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const today = shift(0);
const YEAR = Number(today.slice(0, 4)) - 1;
const ID = '0192f0c4-0000-7000-8000-000000000009';

describe('credit listings, honour reviews, key projects and the flagship list', () => {
  let t: TestApp;
  let city: Agent;
  let beihu: Agent;
  const firms: [string, string, string, string] = ['', '', '', ''];

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    beihu = await t.as('county_officer', 'beihu', { regionCode: '431002' });
    // Three firms in 北湖区 with last year's sales revenue: 52亿, 30亿 exactly, 29.99亿; one in 苏仙区 with 41亿.
    const revenue = [5_200_000_000, 3_000_000_000, 2_999_999_999, 4_100_000_000];
    for (const [i, sales] of revenue.entries()) {
      const region = i === 3 ? '431003' : '431002';
      const e = (
        await city.request('POST', '/api/v1/enterprises', {
          uscc: makeUscc('91', region, `MA4R000${i + 1}`),
          name: `郴州市登记测试${'甲乙丙丁'[i]}有限公司`,
          regionCode: region,
          industryCode: 'nonferrous',
        })
      ).json();
      firms[i] = e.id;
      expect(
        (await city.request('POST', `/api/v1/enterprises/${e.id}/yearly-figures`, { year: YEAR, outputValue: sales, salesRevenue: sales }))
          .statusCode,
      ).toBe(201);
    }
  });
  afterAll(() => t.close());

  it('401 without a session on every route', async () => {
    const routes = [
      ['GET', `/api/v1/enterprises/${ID}/credit-listings`],
      ['POST', `/api/v1/enterprises/${ID}/credit-listings`],
      ['POST', `/api/v1/credit-listings/${ID}/removal`],
      ['POST', `/api/v1/honours/${ID}/review`],
      ['GET', '/api/v1/key-projects'],
      ['GET', '/api/v1/key-projects/export'],
      ['POST', '/api/v1/key-projects'],
      ['PATCH', `/api/v1/key-projects/${ID}`],
      ['POST', `/api/v1/key-projects/${ID}/selection`],
      ['DELETE', `/api/v1/key-projects/${ID}`],
      ['GET', `/api/v1/flagships?year=${YEAR}`],
      ['POST', '/api/v1/flagships'],
      ['DELETE', `/api/v1/flagships/${ID}`],
    ] as const;
    for (const [method, url] of routes)
      expect((await t.anonymous(method, url, method === 'GET' ? undefined : {})).statusCode, `${method} ${url}`).toBe(401);
  });

  it('403 for each role that may not read or write', async () => {
    for (const role of rolesExcept('admin', 'city_officer', 'county_officer', 'leading_group')) {
      const agent = await t.as(role, `r-${role}`, role === 'enterprise_user' ? { enterpriseId: firms[0] } : undefined);
      expect((await agent.request('GET', '/api/v1/key-projects')).statusCode, role).toBe(403);
      expect((await agent.request('GET', `/api/v1/flagships?year=${YEAR}`)).statusCode, role).toBe(403);
    }
    for (const role of rolesExcept('admin', 'city_officer', 'county_officer')) {
      const agent = await t.as(role, `w-${role}`, role === 'enterprise_user' ? { enterpriseId: firms[0] } : undefined);
      expect(
        (
          await agent.request('POST', `/api/v1/enterprises/${firms[0]}/credit-listings`, {
            list: 'abnormal_operation',
            authority: '某局',
            reason: '未报年报',
            listedOn: today,
          })
        ).statusCode,
        role,
      ).toBe(403);
      expect(
        (await agent.request('POST', '/api/v1/key-projects', { enterpriseId: firms[0], year: YEAR, name: '技改', investment: 1 }))
          .statusCode,
        role,
      ).toBe(403);
      expect(
        (await agent.request('POST', '/api/v1/flagships', { enterpriseId: firms[0], year: YEAR, designatedOn: today })).statusCode,
        role,
      ).toBe(403);
    }
    // The selection and the flagship list are the city's: a county officer is refused too.
    expect(
      (await beihu.request('POST', '/api/v1/flagships', { enterpriseId: firms[0], year: YEAR, designatedOn: today })).json().error.code,
    ).toBe('forbidden');
  });

  it('credit listings: 400 codes, the entry and its removal, kept on record', async () => {
    const url = `/api/v1/enterprises/${firms[2]}/credit-listings`;
    expect(
      (await city.request('POST', url, { list: 'blacklist', authority: '某局', reason: '未报年报', listedOn: today })).json().error.code,
    ).toBe('validation_failed');
    expect(
      (await city.request('POST', url, { list: 'abnormal_operation', authority: '某局', reason: '未报年报', listedOn: shift(1) })).json()
        .error.details[0].path,
    ).toBe('body/listedOn');
    const entry = (
      await city.request('POST', url, {
        list: 'abnormal_operation',
        authority: '郴州市北湖区市场监督管理局',
        decisionNo: '北市监异〔2026〕1号',
        reason: '未按期公示年度报告',
        listedOn: shift(-5),
      })
    ).json();
    expect(entry).toMatchObject({ list: 'abnormal_operation', inForce: true, removedOn: null, abilities: { remove: true } });
    expect(
      (await city.request('POST', `/api/v1/credit-listings/${entry.id}/removal`, { on: shift(-6), reason: 'fulfilled', version: 1 })).json()
        .error.details[0].message,
    ).toBe('移出日期不能早于列入日期');
    expect(
      (await city.request('POST', `/api/v1/credit-listings/${entry.id}/removal`, { on: today, reason: 'fulfilled', version: 9 })).json()
        .error.code,
    ).toBe('stale_version');
    const removed = (
      await city.request('POST', `/api/v1/credit-listings/${entry.id}/removal`, {
        on: today,
        reason: 'fulfilled',
        note: '已补报',
        version: 1,
      })
    ).json();
    expect(removed).toMatchObject({
      removedOn: today,
      removalReason: 'fulfilled',
      removalNote: '已补报',
      inForce: false,
      version: 2,
      abilities: { remove: false },
    });
    expect(
      (await city.request('POST', `/api/v1/credit-listings/${entry.id}/removal`, { on: today, reason: 'fulfilled', version: 2 })).json()
        .error.code,
    ).toBe('listing_removed');
    expect((await city.request('GET', url)).json().items).toHaveLength(1);
    // Another county's officer does not see the enterprise, nor its entries; the enterprise itself does.
    const suxian = await t.as('county_officer', 'suxian-l', { regionCode: '431003' });
    expect((await suxian.request('GET', url)).statusCode).toBe(404);
    expect(
      (await suxian.request('POST', `/api/v1/credit-listings/${entry.id}/removal`, { on: today, reason: 'fulfilled', version: 2 }))
        .statusCode,
    ).toBe(404);
    const own = await t.as('enterprise_user', 'own-l', { enterpriseId: firms[2] });
    expect((await own.request('GET', url)).json().items[0]).toMatchObject({ id: entry.id, abilities: { remove: false } });
    const audit = await t.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', firms[2])
      .where('action', 'like', 'credit_listing.%')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['credit_listing.create', 'credit_listing.remove']);
  });

  it('a review due passes and renews the honour a full cycle from the due date, or fails and revokes it', async () => {
    // 湖南省名牌产品 (3-year review) granted 3 years and 10 days ago: lapsed yesterday's week, review overdue.
    const y = Number(today.slice(0, 4));
    const granted = `${y - 3}-01-05`;
    const grant = async (firm: string) =>
      (
        await city.request('POST', '/api/v1/honours', {
          programmeCode: 'hunan_top_brand',
          enterpriseId: firm,
          grantedOn: granted,
          title: '铝锭',
        })
      ).json();
    const a = await grant(firms[0]);
    const b = await grant(firms[1]);
    expect(a).toMatchObject({ nextReviewOn: `${y}-01-05`, validUntil: `${y}-01-04`, abilities: { review: true } });
    const due = (await city.request('GET', '/api/v1/honours?reviewDueWithinDays=30')).json().items.map((h: { id: string }) => h.id);
    expect(due).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(
      (await city.request('POST', `/api/v1/honours/${a.id}/review`, { on: shift(1), passed: true, version: 1 })).json().error.code,
    ).toBe('validation_failed');
    const passed = (await city.request('POST', `/api/v1/honours/${a.id}/review`, { on: today, passed: true, version: 1 })).json();
    expect(passed).toMatchObject({ nextReviewOn: `${y + 3}-01-05`, validUntil: `${y + 3}-01-04`, status: 'active', version: 2 });
    const failed = (
      await city.request('POST', `/api/v1/honours/${b.id}/review`, { on: today, passed: false, note: '市场占有率下降', version: 1 })
    ).json();
    expect(failed).toMatchObject({ status: 'revoked', revokedOn: today, revokeReason: '复评未通过：市场占有率下降' });
    expect((await city.request('POST', `/api/v1/honours/${b.id}/review`, { on: today, passed: true, version: 2 })).json().error.code).toBe(
      'honour_revoked',
    );
    const due2 = (await city.request('GET', '/api/v1/honours?reviewDueWithinDays=30')).json().items.map((h: { id: string }) => h.id);
    expect(due2).not.toContain(a.id);
    expect(due2).not.toContain(b.id);
    // A programme without a review cycle has nothing due.
    const award = (
      await city.request('POST', '/api/v1/honours', {
        programmeCode: 'hunan_qm_award',
        enterpriseId: firms[0],
        grantedOn: granted,
        title: '质量管理奖',
      })
    ).json();
    expect(
      (await city.request('POST', `/api/v1/honours/${award.id}/review`, { on: today, passed: true, version: 1 })).json().error.code,
    ).toBe('no_review_due');
    const reviews = await t.db.kysely
      .selectFrom('honour_reviews')
      .select(['honour_id', 'due_on', 'passed'])
      .where('honour_id', 'in', [a.id, b.id])
      .orderBy('at')
      .execute();
    expect(reviews.map((r) => [r.honour_id, r.due_on, Boolean(r.passed)])).toEqual([
      [a.id, `${y}-01-05`, true],
      [b.id, `${y}-01-05`, false],
    ]);
  });

  it('key projects: counties record them, the city selects the year’s list; totals leave out cancelled ones', async () => {
    expect(
      (await beihu.request('POST', '/api/v1/key-projects', { enterpriseId: firms[0], year: YEAR, name: '技', investment: 1 })).json().error
        .code,
    ).toBe('validation_failed');
    expect(
      (await beihu.request('POST', '/api/v1/key-projects', { enterpriseId: firms[0], year: YEAR, name: '技改项目', investment: -5 })).json()
        .error.code,
    ).toBe('validation_failed');
    expect(
      (await beihu.request('POST', '/api/v1/key-projects', { enterpriseId: firms[3], year: YEAR, name: '苏仙的项目', investment: 1 }))
        .statusCode,
    ).toBe(404);
    const add = async (agent: Agent, firm: string, name: string, investment: number) =>
      (await agent.request('POST', '/api/v1/key-projects', { enterpriseId: firm, year: YEAR, name, investment })).json();
    const p1 = await add(beihu, firms[0], '年产 10 万吨铝型材生产线技术改造', 180_000_000);
    const p2 = await add(beihu, firms[1], '熔炼炉节能改造', 25_500_000);
    const p3 = await add(city, firms[3], '智能化仓储改造', 60_000_000);
    expect(p1).toMatchObject({ status: 'planned', selected: false, abilities: { update: true, select: false } });
    expect(
      (await beihu.request('POST', `/api/v1/key-projects/${p1.id}/selection`, { selected: true, on: today, version: 1 })).json().error.code,
    ).toBe('forbidden');
    const s1 = (await city.request('POST', `/api/v1/key-projects/${p1.id}/selection`, { selected: true, on: today, version: 1 })).json();
    expect(s1).toMatchObject({ selected: true, selectedOn: today, version: 2 });
    await city.request('POST', `/api/v1/key-projects/${p3.id}/selection`, { selected: true, on: today, version: 1 });
    expect((await beihu.request('PATCH', `/api/v1/key-projects/${p2.id}`, { status: 'cancelled', version: 1 })).json().status).toBe(
      'cancelled',
    );
    expect(
      (await city.request('POST', `/api/v1/key-projects/${p2.id}/selection`, { selected: true, on: today, version: 2 })).json().error
        .details[0].message,
    ).toBe('已取消的项目不能列为重点项目');
    expect((await beihu.request('PATCH', `/api/v1/key-projects/${p1.id}`, { investment: 1, version: 1 })).json().error.code).toBe(
      'stale_version',
    );
    expect((await beihu.request('PATCH', `/api/v1/key-projects/${p1.id}`, { version: 2 })).json().error.code).toBe('empty_update');
    // City: 180,000,000 + 60,000,000 selected and in all; 25,500,000 cancelled counts nowhere.
    const all = (await city.request('GET', `/api/v1/key-projects?year=${YEAR}`)).json();
    expect(all.items).toHaveLength(3);
    expect(all.totals).toEqual({ all: { projects: 2, investment: 240_000_000 }, selected: { projects: 2, investment: 240_000_000 } });
    // 北湖区 sees its own two; of them one selected, 180,000,000.
    const mine = (await beihu.request('GET', `/api/v1/key-projects?year=${YEAR}`)).json();
    expect(mine.items.map((p: { name: string }) => p.name).sort()).toEqual(['年产 10 万吨铝型材生产线技术改造', '熔炼炉节能改造']);
    expect(mine.totals).toEqual({ all: { projects: 1, investment: 180_000_000 }, selected: { projects: 1, investment: 180_000_000 } });
    const selected = (await city.request('GET', `/api/v1/key-projects?year=${YEAR}&selected=true`))
      .json()
      .items.map((p: { id: string }) => p.id);
    expect(selected.sort()).toEqual([p1.id, p3.id].sort());
    const csv = await city.request('GET', `/api/v1/key-projects/export?year=${YEAR}&selected=true&format=csv`);
    expect(csv.statusCode).toBe(200);
    const lines = csv.body
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('序号,年度,县市区,企业,项目名称,计划总投资（元）,状态,重点项目,列入日期,备注');
    expect(lines[1]).toBe(`1,${YEAR},北湖区,郴州市登记测试甲有限公司,年产 10 万吨铝型材生产线技术改造,180000000,计划,是,${today},`);
    expect(lines).toHaveLength(3);
    expect((await beihu.request('DELETE', `/api/v1/key-projects/${p2.id}`, { reason: '重复登记', version: 2 })).statusCode).toBe(204);
    expect((await city.request('GET', `/api/v1/key-projects?year=${YEAR}`)).json().items).toHaveLength(2);
  });

  it('the flagship list: the revenue floor, the override, duplicates, progress, candidates and the archive flag', async () => {
    const add = (body: object) => city.request('POST', '/api/v1/flagships', { year: YEAR, designatedOn: today, ...body });
    expect((await add({ enterpriseId: firms[0], year: 1990 })).json().error.code).toBe('validation_failed');
    expect((await add({ enterpriseId: firms[0] })).statusCode).toBe(201);
    // 3,000,000,000 exactly meets the floor; 2,999,999,999 does not.
    expect((await add({ enterpriseId: firms[1] })).statusCode).toBe(201);
    const below = await add({ enterpriseId: firms[2] });
    expect([below.statusCode, below.json().error.code, below.json().error.details[0].message]).toEqual([
      409,
      'below_revenue_floor',
      `${YEAR} 年销售收入 2999999999 元，低于 3000000000 元`,
    ]);
    const noFigures = await add({ enterpriseId: firms[2], year: YEAR - 1 });
    expect(noFigures.json().error.details[0].message).toBe(`${YEAR - 1} 年销售收入未填报`);
    const overridden = (await add({ enterpriseId: firms[2], overrideReason: '新能源材料龙头，市政府常务会议研究列入' })).json();
    expect(overridden).toMatchObject({
      salesRevenue: 2_999_999_999,
      meetsFloor: false,
      overrideReason: '新能源材料龙头，市政府常务会议研究列入',
    });
    expect((await add({ enterpriseId: firms[0] })).json().error.code).toBe('duplicate_record');

    const list = (await city.request('GET', `/api/v1/flagships?year=${YEAR}`)).json();
    expect(list.items.map((f: { enterpriseId: string; meetsFloor: boolean }) => [f.enterpriseId, f.meetsFloor])).toEqual([
      [firms[0], true],
      [firms[1], true],
      [firms[2], false],
    ]);
    expect(list.progress).toEqual({ year: YEAR, count: 3, goalMin: 30, goalMax: 50, revenueFloor: 3_000_000_000 });
    // 丁 (41亿, 苏仙区) qualifies and is not on the list.
    expect(list.candidates).toEqual([
      { enterpriseId: firms[3], enterpriseName: '郴州市登记测试丁有限公司', regionCode: '431003', salesRevenue: 4_100_000_000 },
    ]);
    // A county officer reads their county's part: 北湖区 has the three listed firms and no candidate (丁 is in 苏仙区);
    // 苏仙区 has no listed firm and 丁 as its candidate. The progress is the city's goal: 3 listed, whoever asks.
    const suxian = await t.as('county_officer', 'suxian', { regionCode: '431003' });
    const ofBeihu = (await beihu.request('GET', `/api/v1/flagships?year=${YEAR}`)).json();
    expect([ofBeihu.items.length, ofBeihu.candidates, ofBeihu.progress.count]).toEqual([3, [], 3]);
    const ofSuxian = (await suxian.request('GET', `/api/v1/flagships?year=${YEAR}`)).json();
    expect([ofSuxian.items, ofSuxian.candidates.map((c: { enterpriseId: string }) => c.enterpriseId), ofSuxian.progress.count]).toEqual([
      [],
      [firms[3]],
      3,
    ]);

    const flag = async (id: string) =>
      Boolean((await t.db.kysely.selectFrom('enterprises').select('flagship').where('id', '=', id).executeTakeFirstOrThrow()).flagship);
    expect([await flag(firms[0]), await flag(firms[1]), await flag(firms[2]), await flag(firms[3])]).toEqual([true, true, true, false]);
    // A later year's list takes over the flag: 乙 alone on it.
    expect(
      (
        await city.request('POST', '/api/v1/flagships', {
          enterpriseId: firms[1],
          year: YEAR + 1,
          designatedOn: today,
          overrideReason: '当年数据尚未填报',
        })
      ).statusCode,
    ).toBe(201);
    expect([await flag(firms[0]), await flag(firms[1]), await flag(firms[2])]).toEqual([false, true, false]);
    const later = (await city.request('GET', `/api/v1/flagships?year=${YEAR + 1}`)).json().items[0];
    expect((await city.request('DELETE', `/api/v1/flagships/${later.id}`, { reason: '名单调整', version: 9 })).json().error.code).toBe(
      'stale_version',
    );
    expect((await city.request('DELETE', `/api/v1/flagships/${later.id}`, { reason: '名单调整', version: 1 })).statusCode).toBe(204);
    expect([await flag(firms[0]), await flag(firms[1]), await flag(firms[2])]).toEqual([true, true, true]);
    const actions = await t.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', firms[1])
      .where('action', 'like', 'flagship.%')
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['flagship.add', 'flagship.add', 'flagship.remove']);
  });
});
