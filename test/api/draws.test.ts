import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/server/lib/uscc';
import { rolesExcept, testApp, type Agent, type TestApp } from '../helpers/app';

const shift = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('the random draw (双随机) of a plan', () => {
  let t: TestApp;
  let city: Agent;
  let plan: { id: string };
  let category: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    await t.as('city_officer'); // the inspector pool: city officers
    await t.as('city_officer');
    category = (await t.db.kysely.selectFrom('product_categories').select('code').where('name', '=', '电动自行车').executeTakeFirstOrThrow()).code;
    const lab = (await city.request('POST', '/api/v1/testing-bodies', { name: '郴州市检验所', accreditationNo: 'CMA-D-1' })).json();
    plan = (await city.request('POST', '/api/v1/inspection-plans', { year: 2026, level: 'city', title: '电动自行车专项抽查', departmentCode: 'quality', regionCode: '431000', categories: [{ categoryCode: category, plannedBatches: 2, testItems: ['车速限值'] }] })).json();
    // A: a product with a standard, no risk (1). B: no standard on record (1+2). C: expired certificate (1+1).
    // D: unqualified 250 days ago (1+3). E: sampled 30 days ago by this department (excluded).
    for (const [n, key] of ['A', 'B', 'C', 'D', 'E'].entries()) {
      const e = (await city.request('POST', '/api/v1/enterprises', { uscc: makeUscc('91', '431002', `MA4D000${n}`), name: `郴州市${key}电动车有限公司`, regionCode: '431002', industryCode: 'chem_machinery' })).json();
      ids[key] = e.id;
      const product = (await city.request('POST', `/api/v1/enterprises/${e.id}/products`, { name: '电动自行车', categoryCode: category })).json();
      if (key !== 'B') expect((await city.request('POST', `/api/v1/enterprises/${e.id}/products/${product.id}/standards`, { standardNo: 'GB 17761-2018', kind: 'national' })).statusCode).toBe(201);
    }
    expect((await city.request('POST', `/api/v1/enterprises/${ids.C}/certifications`, { kind: 'CCC', certificateNo: 'CCC-1', issuedOn: shift(-1000), expiresOn: shift(-10) })).statusCode).toBe(201);
    const sample = (key: string, on: number, doc: string) =>
      city.request('POST', '/api/v1/inspections', { planId: plan.id, categoryCode: category, sampledEnterpriseId: ids[key], productName: '电动自行车', standardNo: 'GB 17761-2018', place: 'production', sampledOn: shift(on), documentNo: doc, samplers: ['甲', '乙'] });
    const d = (await sample('D', -250, 'D-1')).json();
    const step = async (body: object) => expect((await city.request('POST', `/api/v1/inspections/${d.id}/actions`, body)).statusCode).toBe(200);
    await step({ action: 'record_result', version: 1, on: shift(-245), testingBodyId: lab.id, reportNo: 'R-1', items: [{ item: '车速限值', passed: false }] });
    await step({ action: 'notify', version: 2, on: shift(-244), receivedOn: shift(-243), method: '送达' });
    await step({ action: 'finalize', version: 3, on: shift(-227) });
    expect((await sample('E', -30, 'E-1')).statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it('401 without a session; 403 for roles that do not organise checks', async () => {
    const id = '0192f0c4-0000-7000-8000-000000000009';
    expect((await t.anonymous('POST', `/api/v1/inspection-plans/${plan.id}/draws`, {})).statusCode).toBe(401);
    expect((await t.anonymous('GET', `/api/v1/inspection-draws/${id}`)).statusCode).toBe(401);
    expect((await t.anonymous('GET', `/api/v1/inspection-draws/${id}/verify`)).statusCode).toBe(401);
    for (const role of rolesExcept('admin', 'city_officer', 'county_officer')) {
      const agent = await t.as(role, undefined, role === 'enterprise_user' ? { enterpriseId: ids.A } : undefined);
      expect((await agent.request('POST', `/api/v1/inspection-plans/${plan.id}/draws`, { categoryCode: category, count: 1 })).statusCode, role).toBe(403);
    }
  });

  it('400 with a code for a bad count or a category outside the plan; a county officer may not draw for the city', async () => {
    const zero = await city.request('POST', `/api/v1/inspection-plans/${plan.id}/draws`, { categoryCode: category, count: 0 });
    expect([zero.statusCode, zero.json().error.code]).toEqual([400, 'validation_failed']);
    expect((await city.request('POST', `/api/v1/inspection-plans/${plan.id}/draws`, { categoryCode: 'NOPE', count: 1 })).json().error.code).toBe('category_not_in_plan');
    const county = await t.as('county_officer', undefined, { regionCode: '431002' });
    expect((await county.request('POST', `/api/v1/inspection-plans/${plan.id}/draws`, { categoryCode: category, count: 1 })).json().error.code).toBe('out_of_scope');
  });

  it('weights by risk, excludes what was checked in 6 months, records the seed, and re-runs to the same list', async () => {
    const res = await city.request('POST', `/api/v1/inspection-plans/${plan.id}/draws`, { categoryCode: category, count: 2, seed: 20261125 });
    expect(res.statusCode).toBe(201);
    const draw = res.json();
    const weights = Object.fromEntries(draw.candidates.map((c: { enterpriseId: string; weight: number }) => [c.enterpriseId, c.weight]));
    expect(weights).toEqual({ [ids.A!]: 1, [ids.B!]: 3, [ids.C!]: 2, [ids.D!]: 4 });
    expect(draw.excluded.map((e: { enterpriseId: string }) => e.enterpriseId)).toEqual([ids.E]);
    expect(draw.enterprises).toHaveLength(2);
    expect(draw.inspectors).toHaveLength(2);
    expect(draw.inspectors[0].id).not.toBe(draw.inspectors[1].id);
    expect(draw.seed).toBe(20261125);
    const again = (await city.request('POST', `/api/v1/inspection-plans/${plan.id}/draws`, { categoryCode: category, count: 2, seed: 20261125 })).json();
    expect(again.enterprises).toEqual(draw.enterprises);
    expect((await city.request('GET', `/api/v1/inspection-draws/${draw.id}/verify`)).json()).toMatchObject({ matches: true });
    // An altered record no longer re-runs to what it claims.
    const stored = JSON.parse((await t.db.kysely.selectFrom('inspection_draws').select('result').where('id', '=', draw.id).executeTakeFirstOrThrow()).result);
    stored.enterprises.reverse();
    await t.db.kysely.updateTable('inspection_draws').set({ result: JSON.stringify(stored) }).where('id', '=', draw.id).execute();
    expect((await city.request('GET', `/api/v1/inspection-draws/${draw.id}/verify`)).json().matches).toBe(false);
    const events = await t.db.kysely.selectFrom('audit_events').select('action').where('subject_id', '=', draw.id).execute();
    expect(events.map((e) => e.action)).toEqual(['inspection_draw.create']);
  });

  it('a county plan draws from that county’s officers: fewer than two is refused', async () => {
    const county = await t.as('county_officer', undefined, { regionCode: '431021' });
    const res = await county.request('POST', '/api/v1/inspection-plans', { year: 2026, level: 'county', title: '桂阳县抽查', departmentCode: 'quality', regionCode: '431021', categories: [{ categoryCode: category, plannedBatches: 1, testItems: ['车速限值'] }] });
    expect(res.statusCode).toBe(201);
    const draw = await county.request('POST', `/api/v1/inspection-plans/${res.json().id}/draws`, { categoryCode: category, count: 1 });
    expect([draw.statusCode, draw.json().error.code]).toEqual([409, 'not_enough_inspectors']);
  });
});
