import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/server/lib/uscc';
import { rebuildVerdictCounts } from '../../src/server/modules/inspections/stats.repository';
import { rolesExcept, testApp, type Agent, type TestApp } from '../helpers/app';

const shift = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('spot-check statistics', () => {
  let t: TestApp;
  let city: Agent;
  let metal: string;
  let extinguisher: string;

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    const code = async (name: string) =>
      (await t.db.kysely.selectFrom('product_categories').select('code').where('name', '=', name).executeTakeFirstOrThrow()).code;
    metal = await code('有色金属及合金制品');
    extinguisher = await code('灭火器');
    const lab1 = (await city.request('POST', '/api/v1/testing-bodies', { name: '检验所一', accreditationNo: 'CMA-S-1' })).json();
    const lab2 = (await city.request('POST', '/api/v1/testing-bodies', { name: '检验所二', accreditationNo: 'CMA-S-2' })).json();
    const plan = (
      await city.request('POST', '/api/v1/inspection-plans', {
        year: 2026,
        level: 'city',
        title: '统计测试计划',
        departmentCode: 'quality',
        regionCode: '431000',
        categories: [
          { categoryCode: metal, plannedBatches: 5, testItems: ['X'] },
          { categoryCode: extinguisher, plannedBatches: 5, testItems: ['Y'] },
        ],
      })
    ).json();
    const enterprise = async (n: number, region: string) =>
      (
        await city.request('POST', '/api/v1/enterprises', {
          uscc: makeUscc('91', region, `MA4Q${String(n).padStart(4, '0')}`),
          name: `郴州市统计测试${n}有限公司`,
          regionCode: region,
          industryCode: 'nonferrous',
        })
      ).json().id as string;
    let n = 0;
    const batch = async (
      category: string,
      region: string,
      outcome: 'qualified' | 'unqualified' | 'recheck' | 'pending' | 'refused',
      product?: { keyProduct: boolean },
    ) => {
      n++;
      const sampled = await enterprise(n, region);
      // On the archive with the sample's name and model: the case links to it.
      if (product)
        expect(
          (await city.request('POST', `/api/v1/enterprises/${sampled}/products`, { name: '产品', model: `M${n}`, ...product })).statusCode,
        ).toBe(201);
      const c = (
        await city.request('POST', '/api/v1/inspections', {
          planId: plan.id,
          categoryCode: category,
          sampledEnterpriseId: sampled,
          productName: '产品',
          model: `M${n}`,
          place: 'production',
          sampledOn: shift(-80),
          documentNo: `S-${n}`,
          samplers: ['甲', '乙'],
          refused: outcome === 'refused',
        })
      ).json();
      const step = async (body: object) =>
        expect((await city.request('POST', `/api/v1/inspections/${c.id}/actions`, body)).statusCode).toBe(200);
      if (outcome === 'pending' || outcome === 'refused') return;
      const failedItem = category === metal ? 'X' : 'Y';
      await step({
        action: 'record_result',
        version: 1,
        on: shift(-70),
        testingBodyId: lab1.id,
        reportNo: `R${n}`,
        items: [{ item: failedItem, passed: outcome === 'qualified' }],
      });
      if (outcome === 'qualified') return;
      await step({ action: 'notify', version: 2, on: shift(-69), receivedOn: shift(-68), method: '送达' });
      if (outcome === 'unqualified') return step({ action: 'finalize', version: 3, on: shift(-50) });
      await step({ action: 'object', version: 3, on: shift(-60), applicant: '企业', items: ['Y'] });
      await step({ action: 'decide_objection', version: 4, on: shift(-59), accept: true, recheckBodyId: lab2.id });
      await step({ action: 'record_recheck', version: 5, on: shift(-40), reportNo: `F${n}`, items: [{ item: 'Z', passed: false }] });
    };
    // 北湖区, metal: 2 qualified + 1 unqualified (X). 苏仙区, extinguishers: 1 qualified + 1 upheld on re-test (Z; the first test's Y does not count).
    // Of these, a key product (qualified) and an ordinary one (unqualified) are on the archive; the rest are not linked.
    await batch(metal, '431002', 'qualified', { keyProduct: true });
    await batch(metal, '431002', 'qualified');
    await batch(metal, '431002', 'unqualified', { keyProduct: false });
    await batch(extinguisher, '431003', 'qualified');
    await batch(extinguisher, '431003', 'recheck');
    // Not batches tested: one awaiting its result, one refused.
    await batch(metal, '431002', 'pending');
    await batch(metal, '431002', 'refused');
  });
  afterAll(() => t.close());

  it('401 without a session; 403 for roles without inspection.read; 400 with a code', async () => {
    expect((await t.anonymous('GET', '/api/v1/inspections/stats/pass-rates?by=category')).statusCode).toBe(401);
    expect((await t.anonymous('GET', '/api/v1/inspections/stats/failed-items')).statusCode).toBe(401);
    for (const role of rolesExcept('admin', 'city_officer', 'county_officer', 'leading_group')) {
      const agent = await t.as(
        role,
        undefined,
        role === 'enterprise_user'
          ? { enterpriseId: (await t.db.kysely.selectFrom('enterprises').select('id').executeTakeFirstOrThrow()).id }
          : undefined,
      );
      expect((await agent.request('GET', '/api/v1/inspections/stats/pass-rates?by=category')).statusCode, role).toBe(403);
    }
    expect((await city.request('GET', '/api/v1/inspections/stats/pass-rates?by=colour')).json().error.code).toBe('validation_failed');
    expect((await city.request('GET', '/api/v1/inspections/stats/pass-rates?by=level&levels=city,planet')).json().error.code).toBe(
      'validation_failed',
    );
  });

  it('pass rates from sums: per category, per county, and the whole (3/5, not the mean of 2/3 and 1/2)', async () => {
    const byCategory = (await city.request('GET', '/api/v1/inspections/stats/pass-rates?by=category&year=2026')).json();
    expect(byCategory.rows).toEqual(
      expect.arrayContaining([
        { key: metal, tested: 3, qualified: 2, unqualified: 1, passRate: 2 / 3 },
        { key: extinguisher, tested: 2, qualified: 1, unqualified: 1, passRate: 1 / 2 },
      ]),
    );
    expect(byCategory.total).toEqual({ tested: 5, qualified: 3, unqualified: 2, passRate: 3 / 5 });
    const byCounty = (await city.request('GET', '/api/v1/inspections/stats/pass-rates?by=county')).json().rows;
    expect(byCounty).toEqual([
      { key: '431002', tested: 3, qualified: 2, unqualified: 1, passRate: 2 / 3 },
      { key: '431003', tested: 2, qualified: 1, unqualified: 1, passRate: 1 / 2 },
    ]);
    expect((await city.request('GET', '/api/v1/inspections/stats/pass-rates?by=level&levels=national,provincial')).json().total).toEqual({
      tested: 0,
      qualified: 0,
      unqualified: 0,
      passRate: null,
    });
    // Two dimensions: county × category.
    const matrix = (await city.request('GET', '/api/v1/inspections/stats/pass-rates?by=county&then=category&year=2026')).json().rows;
    expect(matrix).toEqual([
      { key: '431002', key2: metal, tested: 3, qualified: 2, unqualified: 1, passRate: 2 / 3 },
      { key: '431003', key2: extinguisher, tested: 2, qualified: 1, unqualified: 1, passRate: 1 / 2 },
    ]);
    const beihu = await t.as('county_officer', undefined, { regionCode: '431002' });
    expect((await beihu.request('GET', '/api/v1/inspections/stats/pass-rates?by=category')).json().total).toEqual({
      tested: 3,
      qualified: 2,
      unqualified: 1,
      passRate: 2 / 3,
    });
  });

  it('key products: the pass rate of cases linked to an archive product, by its flag', async () => {
    const rows = (await city.request('GET', '/api/v1/inspections/stats/pass-rates?by=key_product&year=2026')).json().rows;
    expect(rows).toEqual([
      { key: 'no', tested: 1, qualified: 0, unqualified: 1, passRate: 0 },
      { key: 'unlinked', tested: 3, qualified: 2, unqualified: 1, passRate: 2 / 3 },
      { key: 'yes', tested: 1, qualified: 1, unqualified: 0, passRate: 1 },
    ]);
    const byCounty = (await city.request('GET', '/api/v1/inspections/stats/pass-rates?by=county&then=brand_product')).json().rows;
    expect(byCounty).toEqual([
      { key: '431002', key2: 'no', tested: 2, qualified: 1, unqualified: 1, passRate: 1 / 2 },
      { key: '431002', key2: 'unlinked', tested: 1, qualified: 1, unqualified: 0, passRate: 1 },
      { key: '431003', key2: 'unlinked', tested: 2, qualified: 1, unqualified: 1, passRate: 1 / 2 },
    ]);
  });

  it('the running counts the statistics read equal a recount from the cases', async () => {
    const counts = () =>
      t.db.kysely
        .selectFrom('inspection_verdict_counts')
        .selectAll()
        .orderBy(['year', 'level', 'region_code', 'category_code', 'place'])
        .execute();
    const kept = (await counts()).map((r) => ({ ...r, tested: Number(r.tested), qualified: Number(r.qualified) }));
    expect(kept.reduce((s, r) => s + r.tested, 0)).toBe(5);
    expect(await rebuildVerdictCounts(t.db.kysely)).toBe(5);
    expect((await counts()).map((r) => ({ ...r, tested: Number(r.tested), qualified: Number(r.qualified) }))).toEqual(kept);
  });

  it('lists the batches behind a figure', async () => {
    const behind = async (q: string) => (await city.request('GET', `/api/v1/inspections?${q}`)).json().items.length;
    expect(await behind(`year=2026&categoryCode=${metal}&finalVerdict=qualified`)).toBe(2);
    expect(await behind(`year=2026&categoryCode=${metal}&finalVerdict=unqualified`)).toBe(1);
    expect(await behind(`year=2025&categoryCode=${metal}&finalVerdict=qualified`)).toBe(0);
    expect(await behind('keyProduct=yes&finalVerdict=qualified')).toBe(1);
    expect(await behind('keyProduct=no')).toBe(1);
    // Unlinked: the other five, the pending and the refused one among them.
    expect(await behind('brandProduct=unlinked')).toBe(5);
    expect(await behind('level=city&place=production&finalVerdict=unqualified')).toBe(2);
    expect(await behind('level=national')).toBe(0);
    expect((await city.request('GET', '/api/v1/inspections?finalVerdict=maybe')).json().error.code).toBe('validation_failed');
  });

  it('ranks failed items by the result that stands', async () => {
    const items = (await city.request('GET', '/api/v1/inspections/stats/failed-items?year=2026')).json().items;
    expect(items).toEqual([
      { item: 'X', batches: 1 },
      { item: 'Z', batches: 1 },
    ]);
  });
});
