import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/server/lib/uscc';
import { rolesExcept, testApp, type Agent, type TestApp } from '../helpers/app';

const shift = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('publication of spot-check results', () => {
  let t: TestApp;
  let city: Agent;
  let plan: { id: string };
  const cases: Record<string, string> = {};

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    const category = (
      await t.db.kysely.selectFrom('product_categories').select('code').where('name', '=', '灭火器').executeTakeFirstOrThrow()
    ).code;
    const lab = (await city.request('POST', '/api/v1/testing-bodies', { name: '郴州市消防产品检验站', accreditationNo: 'CMA-P-1' })).json();
    const lab2 = (
      await city.request('POST', '/api/v1/testing-bodies', { name: '湖南省消防产品检验站', accreditationNo: 'CMA-P-2' })
    ).json();
    plan = (
      await city.request('POST', '/api/v1/inspection-plans', {
        year: 2026,
        level: 'city',
        title: '2026 年灭火器专项抽查',
        departmentCode: 'quality',
        regionCode: '431000',
        categories: [{ categoryCode: category, plannedBatches: 3, testItems: ['充装量', '喷射性能'] }],
      })
    ).json();
    const step = async (id: string, body: object) =>
      expect((await city.request('POST', `/api/v1/inspections/${id}/actions`, body)).statusCode).toBe(200);
    for (const [n, key] of ['ok', 'held', 'failed', 'reversed'].entries()) {
      const ent = (
        await city.request('POST', '/api/v1/enterprises', {
          uscc: makeUscc('91', '431003', `MA4P000${n}`),
          name: `郴州市${['安盾', '卫士', '消安', '盾安'][n]}消防器材有限公司`,
          regionCode: '431003',
          industryCode: 'chem_machinery',
        })
      ).json();
      const c = (
        await city.request('POST', '/api/v1/inspections', {
          planId: plan.id,
          categoryCode: category,
          sampledEnterpriseId: ent.id,
          productName: '手提式干粉灭火器',
          model: 'MFZ/ABC4',
          batch: `2026-0${n + 1}`,
          place: 'production',
          sampledOn: shift(-60),
          documentNo: `P-${n}`,
          samplers: ['甲', '乙'],
        })
      ).json();
      cases[key] = c.id;
      const passed = key === 'ok';
      await step(c.id, {
        action: 'record_result',
        version: 1,
        on: shift(-50),
        testingBodyId: lab.id,
        reportNo: `R-${n}`,
        items: [
          { item: '充装量', passed },
          { item: '喷射性能', passed: true },
        ],
      });
      if (key === 'held') await step(c.id, { action: 'notify', version: 2, on: shift(-3), receivedOn: shift(-2), method: '送达' });
      if (key === 'reversed') {
        // The re-test at another body finds it qualified: that result, and that body, are published.
        await step(c.id, { action: 'notify', version: 2, on: shift(-45), receivedOn: shift(-44), method: '送达' });
        await step(c.id, { action: 'object', version: 3, on: shift(-40), applicant: '企业', items: ['充装量'] });
        await step(c.id, { action: 'decide_objection', version: 4, on: shift(-39), accept: true, recheckBodyId: lab2.id });
        await step(c.id, {
          action: 'record_recheck',
          version: 5,
          on: shift(-30),
          reportNo: 'F-3',
          items: [{ item: '充装量', passed: true }],
        });
      }
      if (key === 'failed') {
        await step(c.id, { action: 'notify', version: 2, on: shift(-45), receivedOn: shift(-44), method: '送达' });
        await step(c.id, { action: 'finalize', version: 3, on: shift(-28) });
      }
    }
    // A unit that refused the check (拒检): no sample, no test, no verdict — a matter for 产品质量法 art. 56, not a result.
    const refuser = (
      await city.request('POST', '/api/v1/enterprises', {
        uscc: makeUscc('91', '431003', 'MA4P0009'),
        name: '郴州市拒检消防器材有限公司',
        regionCode: '431003',
        industryCode: 'chem_machinery',
      })
    ).json();
    const refused = await city.request('POST', '/api/v1/inspections', {
      planId: plan.id,
      categoryCode: category,
      sampledEnterpriseId: refuser.id,
      productName: '手提式干粉灭火器',
      model: 'MFZ/ABC8',
      place: 'production',
      sampledOn: shift(-20),
      documentNo: 'P-9',
      samplers: ['甲', '乙'],
      refused: true,
    });
    expect(refused.json(), refused.body).toMatchObject({ state: 'refused' });
    cases.refused = refused.json().id;
  });
  afterAll(() => t.close());

  it('401 and 403 on publishing; the public list needs no session', async () => {
    expect((await t.anonymous('POST', `/api/v1/inspection-plans/${plan.id}/publish`, {})).statusCode).toBe(401);
    for (const role of rolesExcept('admin', 'city_officer', 'county_officer')) {
      const agent = await t.as(
        role,
        undefined,
        role === 'enterprise_user'
          ? { enterpriseId: (await t.db.kysely.selectFrom('enterprises').select('id').executeTakeFirstOrThrow()).id }
          : undefined,
      );
      expect((await agent.request('POST', `/api/v1/inspection-plans/${plan.id}/publish`, {})).statusCode, role).toBe(403);
    }
    const county = await t.as('county_officer', undefined, { regionCode: '431003' });
    expect((await county.request('POST', `/api/v1/inspection-plans/${plan.id}/publish`, {})).json().error.code).toBe('out_of_scope');
    const before = await t.anonymous('GET', '/api/v1/public/inspections');
    expect(before.statusCode).toBe(200);
    expect(before.json().meta.total).toBe(0);
  });

  it('publishes final results only: an unqualified finding in its objection window is held; a refused check is neither', async () => {
    const res = await city.request('POST', `/api/v1/inspection-plans/${plan.id}/publish`, {});
    // ok, failed, reversed published; held in its window; the refused case has no result to publish or hold.
    expect(res.json()).toMatchObject({ published: 3, held: 1 });
    expect(
      (await t.db.kysely.selectFrom('inspections').select('published_on').where('id', '=', cases.refused!).executeTakeFirstOrThrow())
        .published_on,
    ).toBeNull();
    const list = (await t.anonymous('GET', '/api/v1/public/inspections')).json();
    expect(list.meta).toMatchObject({ total: 3, totalCapped: false });
    expect(list.meta.disclaimer).toContain('仅对所抽样品负责');
    expect(list.items.map((i: { id: string }) => i.id).sort()).toEqual([cases.ok, cases.failed, cases.reversed].sort());
    expect(list.items.find((i: { id: string }) => i.id === cases.reversed)).toMatchObject({
      result: 'qualified',
      failedItems: [],
      testingBody: '湖南省消防产品检验站',
    });
    const failed = list.items.find((i: { id: string }) => i.id === cases.failed);
    expect(failed).toMatchObject({
      result: 'unqualified',
      failedItems: ['充装量'],
      producer: '郴州市消安消防器材有限公司',
      sampledUnit: '郴州市消安消防器材有限公司',
      model: 'MFZ/ABC4',
      testingBody: '郴州市消防产品检验站',
      checkLevel: 'city',
      year: 2026,
    });
    // Nothing internal: no samplers, document numbers, deadlines or versions.
    expect(Object.keys(failed).sort()).toEqual(
      [
        'batch',
        'brand',
        'category',
        'checkLevel',
        'enterpriseResponse',
        'failedItems',
        'id',
        'model',
        'planTitle',
        'producer',
        'productName',
        'publishedOn',
        'result',
        'sampledOn',
        'sampledUnit',
        'sampledUnitRegion',
        'testingBody',
        'year',
      ].sort(),
    );
    expect(
      (await t.anonymous('GET', '/api/v1/public/inspections?result=unqualified')).json().items.map((i: { id: string }) => i.id),
    ).toEqual([cases.failed]);
    expect(
      (await t.anonymous('GET', `/api/v1/public/inspections?producer=${encodeURIComponent('安盾')}`))
        .json()
        .items.map((i: { id: string }) => i.id),
    ).toEqual([cases.ok]);
  });

  it("downloads a plan's published results in the notice's columns; 401 without a session", async () => {
    expect((await t.anonymous('GET', `/api/v1/inspection-plans/${plan.id}/results`)).statusCode).toBe(401);
    const csv = await city.request('GET', `/api/v1/inspection-plans/${plan.id}/results?format=csv`);
    expect(csv.statusCode).toBe(200);
    const lines = csv.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('序号,产品名称,商标,规格型号,生产日期/批号,受检单位,所在县市区,标称生产企业,检验结论,不合格项目,检验机构');
    expect(lines).toHaveLength(4); // the three published, not the held one
    expect(lines.find((l) => l.includes('消安'))).toContain(',苏仙区,郴州市消安消防器材有限公司,不合格,充装量,郴州市消防产品检验站');
    const xlsx = await city.request('GET', `/api/v1/inspection-plans/${plan.id}/results`);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await city.request('GET', '/api/v1/inspection-plans/0192f0c4-0000-7000-8000-000000000009/results')).statusCode).toBe(404);
  });

  it('the printable notice (通报): planned and published batches, the pass rate from the sums, every unqualified result', async () => {
    const url = `/api/v1/inspection-plans/${plan.id}/notice`;
    expect((await t.anonymous('GET', url)).statusCode).toBe(401);
    for (const role of rolesExcept('admin', 'city_officer', 'county_officer', 'leading_group')) {
      const agent = await t.as(
        role,
        undefined,
        role === 'enterprise_user'
          ? { enterpriseId: (await t.db.kysely.selectFrom('enterprises').select('id').executeTakeFirstOrThrow()).id }
          : undefined,
      );
      expect((await agent.request('GET', url)).statusCode, role).toBe(403);
    }
    expect((await city.request('GET', '/api/v1/inspection-plans/not-an-id/notice')).json().error.code).toBe('validation_failed');
    expect((await city.request('GET', '/api/v1/inspection-plans/0192f0c4-0000-7000-8000-000000000009/notice')).statusCode).toBe(404);
    const notice = (await (await t.as('leading_group')).request('GET', url)).json();
    expect(notice.plan).toMatchObject({ title: '2026 年灭火器专项抽查', year: 2026, level: 'city', department: '市质监局' });
    expect(notice.publishedOn).toBe(new Date().toISOString().slice(0, 10));
    // Published: ok, reversed (qualified on re-test) and failed; the held one and the refused one are not counted (a refusal is no batch tested). 2 of 3 qualified.
    expect(notice.total).toEqual({ tested: 3, qualified: 2, unqualified: 1, passRate: 2 / 3 });
    expect(notice.categories).toEqual([
      expect.objectContaining({ category: '灭火器', plannedBatches: 3, tested: 3, qualified: 2, unqualified: 1, passRate: 2 / 3 }),
    ]);
    expect(notice.unqualified).toEqual([
      expect.objectContaining({ id: cases.failed, failedItems: ['充装量'], producer: '郴州市消安消防器材有限公司' }),
    ]);
    expect(notice.disclaimer).toContain('仅对所抽样品负责');
  });

  it('pages with a cursor; bad queries answer 400 with a code', async () => {
    const first = (await t.anonymous('GET', '/api/v1/public/inspections?limit=1')).json();
    expect(first.items).toHaveLength(1);
    const second = (await t.anonymous('GET', `/api/v1/public/inspections?limit=2&after=${first.meta.nextCursor}`)).json();
    expect(second.items).toHaveLength(2);
    expect(second.items.map((i: { id: string }) => i.id)).not.toContain(first.items[0].id);
    expect(second.meta.nextCursor).toBeNull();
    expect((await t.anonymous('GET', '/api/v1/public/inspections?limit=0')).json().error.code).toBe('validation_failed');
    expect((await t.anonymous('GET', '/api/v1/public/inspections?after=garbage')).json().error.code).toBe('bad_cursor');
  });
});
