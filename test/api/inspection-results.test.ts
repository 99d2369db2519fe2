import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/server/lib/uscc';
import { testApp, type Agent, type TestApp } from '../helpers/app';

/** A test result: no item's verdict has a default, and the case's verdict is derived from the items. */
describe('recording a test result', () => {
  let t: TestApp;
  let city: Agent;
  let lab: { id: string };
  let plan: { id: string };
  let enterprise: { id: string };
  let category: string;
  let n = 0;
  const register = async () =>
    (
      await city.request('POST', '/api/v1/inspections', {
        planId: plan.id,
        categoryCode: category,
        sampledEnterpriseId: enterprise.id,
        productName: '防水卷材',
        model: `M-${++n}`,
        place: 'production',
        sampledOn: '2026-09-01',
        documentNo: `JG-${n}`,
        samplers: ['张三', '李四'],
      })
    ).json();
  const record = (id: string, items: object[], action = 'record_result') =>
    city.request('POST', `/api/v1/inspections/${id}/actions`, {
      action,
      version: 1,
      on: '2026-09-10',
      testingBodyId: lab.id,
      reportNo: 'BG-1',
      items,
    });

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    category = (
      await t.db.kysely.selectFrom('product_categories').select('code').where('name', '=', '建筑防水卷材').executeTakeFirstOrThrow()
    ).code;
    enterprise = (
      await city.request('POST', '/api/v1/enterprises', {
        uscc: makeUscc('91', '431002', 'MA4R0001'),
        name: '郴州市结果测试防水材料有限公司',
        regionCode: '431002',
        industryCode: 'chem_machinery',
      })
    ).json();
    lab = (await city.request('POST', '/api/v1/testing-bodies', { name: '郴州市结果测试检验所', accreditationNo: 'CMA-R-1' })).json();
    plan = (
      await city.request('POST', '/api/v1/inspection-plans', {
        year: 2026,
        level: 'city',
        title: '防水卷材专项抽查',
        departmentCode: 'quality',
        regionCode: '431000',
        categories: [{ categoryCode: category, plannedBatches: 5, testItems: ['不透水性', '拉力'] }],
      })
    ).json();
  });
  afterAll(() => t.close());

  it('an item without a verdict is refused with its own code, naming the item; nothing is written', async () => {
    const c = await register();
    // "透水" typed and the verdict left unchosen: before, a form default made this a pass.
    const res = await record(c.id, [
      { item: '拉力', passed: true },
      { item: '不透水性', measured: '透水' },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'item_verdict_required', details: [{ path: 'body/items/1/passed' }] });
    const after = (await city.request('GET', `/api/v1/inspections/${c.id}`)).json();
    expect(after.inspection).toMatchObject({ state: 'sampled', verdict: null, version: 1 });
    expect(after.items).toEqual([]);
  });

  it('the same for a re-test', async () => {
    const c = await register();
    const step = (body: object) => city.request('POST', `/api/v1/inspections/${c.id}/actions`, body);
    expect((await record(c.id, [{ item: '不透水性', passed: false }])).statusCode).toBe(200);
    expect((await step({ action: 'notify', version: 2, on: '2026-09-11', receivedOn: '2026-09-12', method: '送达' })).statusCode).toBe(200);
    expect((await step({ action: 'object', version: 3, on: '2026-09-13', applicant: '企业', items: ['不透水性'] })).statusCode).toBe(200);
    const other = (
      await city.request('POST', '/api/v1/testing-bodies', { name: '湖南省结果测试检验院', accreditationNo: 'CMA-R-2' })
    ).json();
    expect(
      (await step({ action: 'decide_objection', version: 4, on: '2026-09-14', accept: true, recheckBodyId: other.id })).statusCode,
    ).toBe(200);
    const res = await step({ action: 'record_recheck', version: 5, on: '2026-09-20', reportNo: 'FJ-1', items: [{ item: '不透水性' }] });
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'item_verdict_required']);
  });

  it('the verdict is derived: any failed item makes the batch unqualified, all passed makes it qualified', async () => {
    const failing = await record((await register()).id, [
      { item: '拉力', passed: true },
      { item: '不透水性', measured: '透水', passed: false },
    ]);
    expect(failing.json().inspection).toMatchObject({ state: 'unqualified', verdict: 'unqualified', finalVerdict: null });
    const passing = await record((await register()).id, [
      { item: '拉力', passed: true },
      { item: '不透水性', passed: true },
    ]);
    expect(passing.json().inspection).toMatchObject({ state: 'qualified', verdict: 'qualified', finalVerdict: 'qualified' });
  });
});
