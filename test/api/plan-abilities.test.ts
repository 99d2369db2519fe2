import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Agent, type TestApp } from '../helpers/app';

const year = new Date().getUTCFullYear();

/** Plans carry what the signed-in user may do with them, so the console shows only those actions. */
describe('abilities on inspection plans', () => {
  let t: TestApp;
  let city: Agent;
  let county: Agent;
  let category: string;
  const newPlan = async (agent: Agent, title: string, level: string, regionCode: string) => {
    const res = await agent.request('POST', '/api/v1/inspection-plans', {
      year,
      level,
      title,
      departmentCode: 'quality',
      regionCode,
      categories: [{ categoryCode: category, plannedBatches: 1, testItems: ['充装量'] }],
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; abilities: Record<string, boolean> };
  };

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    county = await t.as('county_officer', undefined, { regionCode: '431002' });
    category = (await t.db.kysely.selectFrom('product_categories').select('code').where('name', '=', '灭火器').executeTakeFirstOrThrow())
      .code;
  });
  afterAll(() => t.close());

  it('a county officer may organise their own county plan, not a city plan; the city officer both, and imports', async () => {
    const cityPlan = await newPlan(city, '能力测试市级计划', 'city', '431000');
    const countyPlan = await newPlan(county, '能力测试县级计划', 'county', '431002');
    expect(countyPlan.abilities).toEqual({ draw: true, publish: true, issueNumber: true, importResults: false });

    const seen = (await county.request('GET', `/api/v1/inspection-plans?year=${year}`)).json().items as { id: string; abilities: object }[];
    expect(seen.find((p) => p.id === cityPlan.id)?.abilities).toEqual({
      draw: false,
      publish: false,
      issueNumber: false,
      importResults: false,
    });
    expect(seen.find((p) => p.id === countyPlan.id)?.abilities).toEqual({
      draw: true,
      publish: true,
      issueNumber: true,
      importResults: false,
    });
    // What the abilities say is what the server does.
    expect((await county.request('POST', `/api/v1/inspection-plans/${cityPlan.id}/publish`)).json().error.code).toBe('out_of_scope');
    expect((await county.request('POST', `/api/v1/inspection-plans/${countyPlan.id}/publish`)).statusCode).toBe(200);

    const all = (await city.request('GET', `/api/v1/inspection-plans?year=${year}`)).json().items as { id: string; abilities: object }[];
    for (const id of [cityPlan.id, countyPlan.id])
      expect(all.find((p) => p.id === id)?.abilities).toEqual({ draw: true, publish: true, issueNumber: true, importResults: true });

    const leader = await t.as('leading_group');
    const read = (await leader.request('GET', `/api/v1/inspection-plans?year=${year}`)).json().items as { id: string; abilities: object }[];
    expect(read.find((p) => p.id === cityPlan.id)?.abilities).toEqual({
      draw: false,
      publish: false,
      issueNumber: false,
      importResults: false,
    });

    expect((await county.request('GET', `/api/v1/inspection-plans/${cityPlan.id}/notice`)).json().abilities).toEqual({
      issueNumber: false,
    });
    expect((await county.request('GET', `/api/v1/inspection-plans/${countyPlan.id}/notice`)).json().abilities).toEqual({
      issueNumber: true,
    });
  });
});
