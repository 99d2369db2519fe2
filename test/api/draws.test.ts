import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/server/lib/uscc';
import { runDraw } from '../../src/server/modules/inspections/draw';
import { rolesExcept, testApp, type Agent, type TestApp } from '../helpers/app';

const shift = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('the random draw (双随机) of a plan', () => {
  let t: TestApp;
  let city: Agent;
  let plan: { id: string };
  let category: string;
  /** A second category of the plan, for the concurrent draws. */
  let spare: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    await t.as('city_officer'); // the inspector pool: city officers
    await t.as('city_officer');
    category = (
      await t.db.kysely.selectFrom('product_categories').select('code').where('name', '=', '电动自行车').executeTakeFirstOrThrow()
    ).code;
    spare = (await t.db.kysely.selectFrom('product_categories').select('code').where('name', '=', '锁具').executeTakeFirstOrThrow()).code;
    const lab = (await city.request('POST', '/api/v1/testing-bodies', { name: '郴州市检验所', accreditationNo: 'CMA-D-1' })).json();
    plan = (
      await city.request('POST', '/api/v1/inspection-plans', {
        year: 2026,
        level: 'city',
        title: '电动自行车专项抽查',
        departmentCode: 'quality',
        regionCode: '431000',
        categories: [
          { categoryCode: category, plannedBatches: 2, testItems: ['车速限值'] },
          { categoryCode: spare, plannedBatches: 1, testItems: ['互开率'] },
        ],
      })
    ).json();
    // A: a product with a standard, no risk (1). B: no standard on record (1+2). C: expired certificate (1+1).
    // D: unqualified 250 days ago (1+3). E: sampled 30 days ago by this department (excluded).
    for (const [n, key] of ['A', 'B', 'C', 'D', 'E'].entries()) {
      const e = (
        await city.request('POST', '/api/v1/enterprises', {
          uscc: makeUscc('91', '431002', `MA4D000${n}`),
          name: `郴州市${key}电动车有限公司`,
          regionCode: '431002',
          industryCode: 'chem_machinery',
        })
      ).json();
      ids[key] = e.id;
      const product = (
        await city.request('POST', `/api/v1/enterprises/${e.id}/products`, { name: '电动自行车', categoryCode: category })
      ).json();
      if (key !== 'B')
        expect(
          (
            await city.request('POST', `/api/v1/enterprises/${e.id}/products/${product.id}/standards`, {
              standardNo: 'GB 17761-2018',
              kind: 'national',
            })
          ).statusCode,
        ).toBe(201);
    }
    expect((await city.request('POST', `/api/v1/enterprises/${ids.A}/products`, { name: '防盗锁', categoryCode: spare })).statusCode).toBe(
      201,
    );
    expect(
      (
        await city.request('POST', `/api/v1/enterprises/${ids.C}/certifications`, {
          kind: 'CCC',
          certificateNo: 'CCC-1',
          issuedOn: shift(-1000),
          expiresOn: shift(-10),
        })
      ).statusCode,
    ).toBe(201);
    const sample = (key: string, on: number, doc: string) =>
      city.request('POST', '/api/v1/inspections', {
        planId: plan.id,
        categoryCode: category,
        sampledEnterpriseId: ids[key],
        productName: '电动自行车',
        standardNo: 'GB 17761-2018',
        place: 'production',
        sampledOn: shift(on),
        documentNo: doc,
        samplers: ['甲', '乙'],
      });
    const d = (await sample('D', -250, 'D-1')).json();
    const step = async (body: object) =>
      expect((await city.request('POST', `/api/v1/inspections/${d.id}/actions`, body)).statusCode).toBe(200);
    await step({
      action: 'record_result',
      version: 1,
      on: shift(-245),
      testingBodyId: lab.id,
      reportNo: 'R-1',
      items: [{ item: '车速限值', passed: false }],
    });
    await step({ action: 'notify', version: 2, on: shift(-244), receivedOn: shift(-243), method: '送达' });
    await step({ action: 'finalize', version: 3, on: shift(-227) });
    expect((await sample('E', -30, 'E-1')).statusCode).toBe(201);
  });
  afterAll(() => t.close());

  const commit = (agent: Agent, body: object, planId = plan.id) => agent.request('POST', `/api/v1/inspection-plans/${planId}/draws`, body);

  it('401 without a session on every draw route; 403 for roles that do not organise or read checks', async () => {
    const id = '0192f0c4-0000-7000-8000-000000000009';
    expect((await t.anonymous('POST', `/api/v1/inspection-plans/${plan.id}/draws`, {})).statusCode).toBe(401);
    expect((await t.anonymous('GET', `/api/v1/inspection-plans/${plan.id}/draws`)).statusCode).toBe(401);
    expect((await t.anonymous('POST', `/api/v1/inspection-draws/${id}/reveal`)).statusCode).toBe(401);
    expect((await t.anonymous('GET', `/api/v1/inspection-draws/${id}`)).statusCode).toBe(401);
    expect((await t.anonymous('GET', `/api/v1/inspection-draws/${id}/verify`)).statusCode).toBe(401);
    for (const role of rolesExcept('admin', 'city_officer', 'county_officer')) {
      const agent = await t.as(role, undefined, role === 'enterprise_user' ? { enterpriseId: ids.A } : undefined);
      expect((await commit(agent, { categoryCode: category, count: 1 })).statusCode, role).toBe(403);
      expect((await agent.request('POST', `/api/v1/inspection-draws/${id}/reveal`)).statusCode, role).toBe(403);
      expect((await agent.request('GET', `/api/v1/inspection-plans/${plan.id}/draws`)).statusCode, role).toBe(
        role === 'leading_group' ? 200 : 403,
      );
    }
  });

  it('400 with a code for a bad count, a seed chosen by the user, a category outside the plan; a county officer may not draw for the city', async () => {
    const zero = await commit(city, { categoryCode: category, count: 0 });
    expect([zero.statusCode, zero.json().error.code]).toEqual([400, 'validation_failed']);
    // Nobody chooses the seed: the server draws it.
    const chosen = await commit(city, { categoryCode: category, count: 1, seed: 20261125 });
    expect([chosen.statusCode, chosen.json().error.code]).toEqual([400, 'validation_failed']);
    expect((await commit(city, { categoryCode: 'NOPE', count: 1 })).json().error.code).toBe('category_not_in_plan');
    const county = await t.as('county_officer', undefined, { regionCode: '431002' });
    expect((await commit(county, { categoryCode: category, count: 1 })).json().error.code).toBe('out_of_scope');
    expect((await city.request('GET', '/api/v1/inspection-plans/0192f0c4-0000-7000-8000-000000000009/draws')).statusCode).toBe(404);
    expect(await t.db.kysely.selectFrom('inspection_draws').select('id').execute()).toEqual([]);
  });

  it('commits first (the hash of a server seed, the inputs frozen), reveals once, and re-runs to the same list and hash', async () => {
    const res = await commit(city, { categoryCode: category, count: 2 });
    expect(res.statusCode).toBe(201);
    const committed = res.json();
    expect(committed).toMatchObject({
      status: 'committed',
      round: 1,
      reason: '',
      seed: null,
      nonce: null,
      enterprises: [],
      inspectors: [],
      drawnAt: null,
      createdBy: { id: city.userId },
    });
    expect(committed.commitment).toMatch(/^[0-9a-f]{64}$/);
    const weights = Object.fromEntries(
      committed.candidates.map((c: { enterpriseId: string; weight: number }) => [c.enterpriseId, c.weight]),
    );
    expect(weights).toEqual({ [ids.A!]: 1, [ids.B!]: 3, [ids.C!]: 2, [ids.D!]: 4 });
    expect(committed.excluded.map((e: { enterpriseId: string }) => e.enterpriseId)).toEqual([ids.E]);
    const early = await city.request('GET', `/api/v1/inspection-draws/${committed.id}/verify`);
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'draw_not_revealed']);

    const drawn = (await city.request('POST', `/api/v1/inspection-draws/${committed.id}/reveal`)).json();
    expect(drawn).toMatchObject({ status: 'drawn', commitment: committed.commitment, drawnBy: { id: city.userId } });
    expect(createHash('sha256').update(`${drawn.seed}:${drawn.nonce}`).digest('hex')).toBe(committed.commitment);
    expect(drawn.enterprises).toHaveLength(2);
    expect(drawn.inspectors).toHaveLength(2);
    expect(drawn.inspectors[0].id).not.toBe(drawn.inspectors[1].id);
    // Anyone can re-run it from the published record.
    const again = runDraw(
      drawn.candidates,
      drawn.count,
      drawn.inspectorPool.map((p: { id: string }) => p.id),
      drawn.seed,
    );
    expect(again.enterprises).toEqual(drawn.enterprises.map((e: { enterpriseId: string }) => e.enterpriseId));
    const twice = await city.request('POST', `/api/v1/inspection-draws/${committed.id}/reveal`);
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'draw_already_revealed']);
    expect((await city.request('GET', `/api/v1/inspection-draws/${drawn.id}/verify`)).json()).toMatchObject({
      matches: true,
      commitmentMatches: true,
    });

    // An altered record no longer re-runs to what it claims, nor hashes to what was published.
    const stored = JSON.parse(
      (await t.db.kysely.selectFrom('inspection_draws').select('result').where('id', '=', drawn.id).executeTakeFirstOrThrow()).result,
    );
    stored.enterprises.reverse();
    await t.db.kysely
      .updateTable('inspection_draws')
      .set({ result: JSON.stringify(stored), seed: drawn.seed + 1 })
      .where('id', '=', drawn.id)
      .execute();
    expect((await city.request('GET', `/api/v1/inspection-draws/${drawn.id}/verify`)).json()).toMatchObject({
      matches: false,
      commitmentMatches: false,
    });
    await t.db.kysely
      .updateTable('inspection_draws')
      .set({ result: JSON.stringify({ ...stored, enterprises: stored.enterprises.reverse() }), seed: drawn.seed })
      .where('id', '=', drawn.id)
      .execute();
    const events = await t.db.kysely.selectFrom('audit_events').select('action').where('subject_id', '=', drawn.id).orderBy('at').execute();
    expect(events.map((e) => e.action)).toEqual(['inspection_draw.commit', 'inspection_draw.reveal']);
  });

  it('a second draw for the category needs a reason and keeps the first; the plan lists both with seed, who and when', async () => {
    const first = (await city.request('GET', `/api/v1/inspection-plans/${plan.id}/draws`)).json().items;
    expect(first).toHaveLength(1);
    const bare = await commit(city, { categoryCode: category, count: 2 });
    expect([bare.statusCode, bare.json().error.code]).toEqual([409, 'redraw_needs_reason']);
    const other = await t.as('city_officer');
    const second = await commit(other, { categoryCode: category, count: 1, reason: '第一次抽中的企业已停产' });
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({ round: 2, reason: '第一次抽中的企业已停产', status: 'committed' });
    const list = (await city.request('GET', `/api/v1/inspection-plans/${plan.id}/draws`)).json().items;
    expect(list.map((d: { round: number; status: string }) => [d.round, d.status])).toEqual([
      [1, 'drawn'],
      [2, 'committed'],
    ]);
    // The first is unchanged: its seed, result and maker as they were.
    expect(list[0]).toEqual(first[0]);
    expect(list[0]).toMatchObject({
      seed: expect.any(Number),
      createdBy: { id: city.userId, displayName: expect.stringMatching(/^测试/) },
      candidateCount: 4,
      excludedCount: 1,
    });
    expect(list[1]).toMatchObject({ seed: null, createdBy: { id: other.userId }, drawnAt: null });
    expect(Object.keys(list[1])).not.toContain('candidates');
  });

  it('two first draws of a category at once: one is made, the other needs a reason', async () => {
    const both = await Promise.all([commit(city, { categoryCode: spare, count: 1 }), commit(city, { categoryCode: spare, count: 1 })]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const rounds = await t.db.kysely.selectFrom('inspection_draws').select('round').where('category_code', '=', spare).execute();
    expect(rounds.map((r) => r.round)).toEqual([1]);
  });

  it('a county plan draws from that county’s officers; its draws are hidden from other counties', async () => {
    const county = await t.as('county_officer', undefined, { regionCode: '431021' });
    const res = await county.request('POST', '/api/v1/inspection-plans', {
      year: 2026,
      level: 'county',
      title: '桂阳县抽查',
      departmentCode: 'quality',
      regionCode: '431021',
      categories: [{ categoryCode: category, plannedBatches: 1, testItems: ['车速限值'] }],
    });
    expect(res.statusCode).toBe(201);
    const countyPlan = res.json().id;
    const few = await commit(county, { categoryCode: category, count: 1 }, countyPlan);
    expect([few.statusCode, few.json().error.code]).toEqual([409, 'not_enough_inspectors']);
    await t.as('county_officer', undefined, { regionCode: '431021' });
    const e = (
      await county.request('POST', '/api/v1/enterprises', {
        uscc: makeUscc('91', '431021', 'MA4D0009'),
        name: '桂阳县某电动车有限公司',
        regionCode: '431021',
        industryCode: 'chem_machinery',
      })
    ).json();
    expect(
      (await county.request('POST', `/api/v1/enterprises/${e.id}/products`, { name: '电动自行车', categoryCode: category })).statusCode,
    ).toBe(201);
    const draw = (await commit(county, { categoryCode: category, count: 1 }, countyPlan)).json();
    expect(draw.candidates.map((c: { enterpriseId: string }) => c.enterpriseId)).toEqual([e.id]);
    const beihu = await t.as('county_officer', undefined, { regionCode: '431002' });
    expect((await beihu.request('GET', `/api/v1/inspection-plans/${countyPlan}/draws`)).statusCode).toBe(404);
    expect((await beihu.request('GET', `/api/v1/inspection-draws/${draw.id}`)).statusCode).toBe(404);
    expect((await beihu.request('POST', `/api/v1/inspection-draws/${draw.id}/reveal`)).statusCode).toBe(404);
    expect((await beihu.request('GET', `/api/v1/inspection-plans/${plan.id}/draws`)).json().items.length).toBeGreaterThan(0);
    expect(
      (await city.request('GET', `/api/v1/inspection-plans/${countyPlan}/draws`)).json().items.map((d: { id: string }) => d.id),
    ).toEqual([draw.id]);
  });
});
