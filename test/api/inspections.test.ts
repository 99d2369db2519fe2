import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/server/lib/uscc';
import { rolesExcept, testApp, type Agent, type TestApp } from '../helpers/app';

const today = new Date().toISOString().slice(0, 10);

describe('supervision spot checks: plans, samples and the case workflow', () => {
  let t: TestApp;
  let city: Agent;
  let lab1: { id: string };
  let lab2: { id: string };
  let plan: { id: string };
  let beihuEnt: { id: string };
  let category: string;
  const sample = (extra: Record<string, unknown> = {}) => ({
    planId: plan.id,
    categoryCode: category,
    sampledEnterpriseId: beihuEnt.id,
    productName: '电力电缆',
    brand: '郴缆',
    model: 'YJV-3×95',
    standardNo: 'GB/T 12706.1-2020',
    batch: '20260815',
    place: 'production',
    sampledOn: '2026-09-01',
    documentNo: 'CZ-2026-001',
    samplers: ['张三', '李四'],
    ...extra,
  });
  const act = (agent: Agent, id: string, body: Record<string, unknown>) => agent.request('POST', `/api/v1/inspections/${id}/actions`, body);

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    category = (
      await t.db.kysely.selectFrom('product_categories').select('code').where('name', '=', '有色金属及合金制品').executeTakeFirstOrThrow()
    ).code;
    beihuEnt = (
      await city.request('POST', '/api/v1/enterprises', {
        uscc: makeUscc('91', '431002', 'MA4C0001'),
        name: '郴州市抽查测试电缆有限公司',
        regionCode: '431002',
        industryCode: 'electronics',
      })
    ).json();
    lab1 = (
      await city.request('POST', '/api/v1/testing-bodies', { name: '郴州市产商品质量监督检验所', accreditationNo: 'CMA-2021-001' })
    ).json();
    lab2 = (
      await city.request('POST', '/api/v1/testing-bodies', { name: '湖南省产商品质量检验研究院', accreditationNo: 'CMA-2020-009' })
    ).json();
    const res = await city.request('POST', '/api/v1/inspection-plans', {
      year: 2026,
      level: 'city',
      title: '2026 年郴州市产品质量监督抽查计划',
      departmentCode: 'quality',
      regionCode: '431000',
      categories: [
        {
          categoryCode: category,
          plannedBatches: 20,
          testItems: ['导体电阻', '绝缘厚度'],
          judgingStandard: 'GB/T 12706.1-2020',
          testingBodyId: lab1.id,
        },
      ],
    });
    expect(res.statusCode).toBe(201);
    plan = res.json();
  });
  afterAll(() => t.close());

  it('401 without a session on every route', async () => {
    const id = '0192f0c4-0000-7000-8000-000000000009';
    for (const [method, url] of [
      ['GET', '/api/v1/testing-bodies'],
      ['POST', '/api/v1/testing-bodies'],
      ['GET', '/api/v1/inspection-plans'],
      ['POST', '/api/v1/inspection-plans'],
      ['GET', '/api/v1/inspections'],
      ['POST', '/api/v1/inspections'],
      ['GET', '/api/v1/inspections/board'],
      ['GET', `/api/v1/inspections/${id}`],
      ['POST', `/api/v1/inspections/${id}/actions`],
    ] as const) {
      expect((await t.anonymous(method, url, method === 'GET' ? undefined : {})).statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it.each(rolesExcept('admin', 'city_officer', 'county_officer', 'leading_group'))('403 on reading cases for %s', async (role) => {
    const agent = await t.as(role, undefined, role === 'enterprise_user' ? { enterpriseId: beihuEnt.id } : undefined);
    expect((await agent.request('GET', '/api/v1/inspections')).statusCode).toBe(403);
  });

  it.each(rolesExcept('admin', 'city_officer', 'county_officer'))('403 on registering a sample for %s', async (role) => {
    const agent = await t.as(role, undefined, role === 'enterprise_user' ? { enterpriseId: beihuEnt.id } : undefined);
    expect((await agent.request('POST', '/api/v1/inspections', sample())).statusCode).toBe(403);
  });

  it('400 with a code: one sampler, a category outside the plan, a future date, a bad action body', async () => {
    const one = await city.request('POST', '/api/v1/inspections', sample({ samplers: ['张三'] }));
    expect([one.statusCode, one.json().error.code]).toEqual([400, 'validation_failed']);
    const other = (await t.db.kysely.selectFrom('product_categories').select('code').where('name', '=', '纸杯').executeTakeFirstOrThrow())
      .code;
    expect((await city.request('POST', '/api/v1/inspections', sample({ categoryCode: other }))).json().error.code).toBe(
      'category_not_in_plan',
    );
    expect((await city.request('POST', '/api/v1/inspections', sample({ sampledOn: '2099-01-01' }))).json().error.code).toBe(
      'validation_failed',
    );
    const county = await t.as('county_officer', undefined, { regionCode: '431002' });
    expect((await county.request('POST', '/api/v1/testing-bodies', { name: '某检验站', accreditationNo: 'CMA-X' })).statusCode).toBe(403);
  });

  it('a full case: unqualified, objection upheld by a re-test elsewhere, rectification, failed review, announcement, second-review window', async () => {
    const created = await city.request('POST', '/api/v1/inspections', sample());
    expect(created.statusCode).toBe(201);
    const c = created.json();
    expect(c).toMatchObject({
      state: 'sampled',
      regionCode: '431002',
      producerName: '郴州市抽查测试电缆有限公司',
      producerEnterpriseId: beihuEnt.id,
      allowedActions: ['record_result', 'refuse'],
    });

    let r = await act(city, c.id, {
      action: 'record_result',
      version: 1,
      on: '2026-09-10',
      testingBodyId: lab1.id,
      reportNo: 'BG-001',
      items: [
        { item: '导体电阻', requirement: '≤0.193 Ω/km', measured: '0.201', passed: false, severity: 'serious' },
        { item: '绝缘厚度', passed: true },
      ],
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().inspection).toMatchObject({ state: 'unqualified', verdict: 'unqualified', reportNo: 'BG-001', version: 2 });
    expect(r.json().items.map((i: { item: string; passed: boolean }) => [i.item, i.passed])).toEqual([
      ['导体电阻', false],
      ['绝缘厚度', true],
    ]);

    // The 15-day window runs from receipt: 12 Sep + 15 = 27 Sep.
    r = await act(city, c.id, { action: 'notify', version: 2, on: '2026-09-11', receivedOn: '2026-09-12', method: '邮寄' });
    expect(r.json().inspection).toMatchObject({ state: 'notified', objectionUntil: '2026-09-27' });
    const late = await act(city, c.id, {
      action: 'object',
      version: 3,
      on: '2026-09-28',
      applicant: '郴州市抽查测试电缆有限公司',
      items: ['导体电阻'],
    });
    expect([late.statusCode, late.json().error.code]).toEqual([400, 'workflow_rule']);
    r = await act(city, c.id, {
      action: 'object',
      version: 3,
      on: '2026-09-20',
      applicant: '郴州市抽查测试电缆有限公司',
      items: ['导体电阻'],
    });
    expect(r.json().inspection.state).toBe('objected');
    const sameLab = await act(city, c.id, {
      action: 'decide_objection',
      version: 4,
      on: '2026-09-22',
      accept: true,
      recheckBodyId: lab1.id,
    });
    expect(sameLab.json().error.code).toBe('workflow_rule');
    // No decision is presumed, neither way: a decision that says neither accept nor refuse is refused and the case waits.
    const undecided = await act(city, c.id, { action: 'decide_objection', version: 4, on: '2026-09-22', recheckBodyId: lab2.id });
    expect([undecided.statusCode, undecided.json().error.code]).toEqual([400, 'validation_failed']);
    expect((await city.request('GET', `/api/v1/inspections/${c.id}`)).json().inspection).toMatchObject({ state: 'objected', version: 4 });
    r = await act(city, c.id, { action: 'decide_objection', version: 4, on: '2026-09-22', accept: true, recheckBodyId: lab2.id });
    expect(r.json().inspection).toMatchObject({ state: 'rechecking', recheckBodyId: lab2.id });
    r = await act(city, c.id, {
      action: 'record_recheck',
      version: 5,
      on: '2026-10-08',
      reportNo: 'FJ-001',
      items: [{ item: '导体电阻', measured: '0.199', passed: false }],
    });
    expect(r.json().inspection).toMatchObject({ state: 'final_unqualified', finalVerdict: 'unqualified', recheckPayer: 'applicant' });

    // Correction within 60 days and first review within 75 of 10 Oct: 9 Dec and 24 Dec.
    r = await act(city, c.id, { action: 'order_rectification', version: 6, on: '2026-10-10', documentNo: '郴质监改〔2026〕1号' });
    expect(r.json().inspection).toMatchObject({ state: 'rectifying', rectificationDue: '2026-12-09', firstReviewDue: '2026-12-24' });
    expect(r.json().due).toEqual([
      { kind: 'rectification', by: '2026-12-09' },
      { kind: 'first_review', by: '2026-12-24' },
    ]);
    const wrong = await act(city, c.id, { action: 'close', version: 7, on: '2026-10-11' });
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([409, 'invalid_transition']);
    const stale = await act(city, c.id, { action: 'review', version: 6, on: '2026-11-20', passed: false });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'stale_version']);
    r = await act(city, c.id, { action: 'review', version: 7, on: '2026-11-20', passed: false });
    expect(r.json().inspection.state).toBe('review_failed');
    // Second review from day 60 to before day 90 after 24 Nov: 23 Jan – 22 Feb 2027.
    r = await act(city, c.id, { action: 'announce', version: 8, on: '2026-11-24', announcementNo: '湘市监公告〔2026〕9号' });
    expect(r.json().inspection).toMatchObject({ state: 'announced', secondReviewFrom: '2027-01-23', secondReviewUntil: '2027-02-22' });
    expect(r.json().events.map((e: { action: string }) => e.action)).toEqual([
      'register',
      'record_result',
      'notify',
      'object',
      'decide_objection',
      'record_recheck',
      'order_rectification',
      'review',
      'announce',
    ]);

    const board = (await city.request('GET', '/api/v1/inspections/board')).json().items;
    expect(board).toContainEqual(
      expect.objectContaining({
        inspectionId: c.id,
        kind: 'second_review',
        from: '2027-01-23',
        by: '2027-02-21',
        overdue: '2027-02-21' < today,
      }),
    );
    const audit = await t.db.kysely.selectFrom('audit_events').select('action').where('subject_id', '=', c.id).execute();
    expect(audit.map((a) => a.action)).toContain('inspection.announce');
  });

  it('the no-repeat rule: the same product again within 6 months is refused, a tracking check is not; an overdue notice shows on the board', async () => {
    const again = await city.request('POST', '/api/v1/inspections', sample({ sampledOn: '2026-10-15', documentNo: 'CZ-2026-002' }));
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'repeat_check']);
    const tracking = await city.request(
      'POST',
      '/api/v1/inspections',
      sample({ sampledOn: '2026-10-15', documentNo: 'CZ-2026-003', checkType: 'tracking' }),
    );
    expect(tracking.statusCode).toBe(201);
    const otherModel = await city.request(
      'POST',
      '/api/v1/inspections',
      sample({ sampledOn: '2026-10-15', documentNo: 'CZ-2026-004', model: 'YJV-3×120' }),
    );
    expect(otherModel.statusCode).toBe(201);
    const id = otherModel.json().id;
    await act(city, id, {
      action: 'record_result',
      version: 1,
      on: '2026-10-20',
      testingBodyId: lab1.id,
      reportNo: 'BG-009',
      items: [{ item: '绝缘厚度', passed: false }],
    });
    // Notify within 5 days of the report (setting): by 25 Oct, long past.
    const board = (await city.request('GET', '/api/v1/inspections/board')).json().items;
    expect(board).toContainEqual(expect.objectContaining({ inspectionId: id, kind: 'notify', by: '2026-10-25', overdue: true }));
  });

  it('the board tallies what is due per county and officer, and filters by them', async () => {
    const all = (await city.request('GET', '/api/v1/inspections/board')).json();
    expect(all.meta).toEqual({ truncated: false });
    const beihu = all.summary.byCounty.find((c: { key: string }) => c.key === '431002');
    expect(beihu).toMatchObject({ name: '北湖区' });
    const inBeihu = (await city.request('GET', '/api/v1/inspections/board?regionCode=431002')).json().items;
    expect(inBeihu.length).toBe(beihu.due);
    expect(inBeihu.filter((e: { overdue: boolean }) => e.overdue).length).toBe(beihu.overdue);
    const me = all.summary.byOfficer.find((o: { key: string }) => o.key === city.userId);
    expect(me.overdue).toBeGreaterThan(0);
    const mine = (await city.request('GET', `/api/v1/inspections/board?officerId=${city.userId}&overdue=true`)).json().items;
    expect(mine.length).toBe(me.overdue);
    expect(
      mine.every(
        (e: { officerId: string; overdue: boolean; officerName: string }) =>
          e.officerId === city.userId && e.overdue && e.officerName === me.name,
      ),
    ).toBe(true);
    expect((await city.request('GET', '/api/v1/inspections/board?regionCode=beihu')).json().error.code).toBe('validation_failed');
  });

  it('the case list pages newest sampling first with a cursor; a bad cursor is 400', async () => {
    const all = (await city.request('GET', '/api/v1/inspections?limit=500'))
      .json()
      .items.map((c: { id: string; sampledOn: string }) => `${c.sampledOn}|${c.id}`);
    expect(all).toEqual([...all].sort().reverse());
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string; sampledOn: string }[]; meta: { nextCursor: string | null } } = (
        await city.request('GET', `/api/v1/inspections?limit=2${cursor ? `&after=${cursor}` : ''}`)
      ).json();
      seen.push(...page.items.map((c) => `${c.sampledOn}|${c.id}`));
      cursor = page.meta.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect((await city.request('GET', '/api/v1/inspections?after=garbage')).json().error.code).toBe('bad_cursor');
  });

  it('a refusal (拒检) takes the art. 56 path: on the board, warned, suspended, then revoked when the review fails', async () => {
    const refused = (
      await city.request(
        'POST',
        '/api/v1/inspections',
        sample({ refused: true, model: 'YJV-REF', documentNo: 'CZ-2026-REF', sampledOn: '2026-09-03' }),
      )
    ).json();
    expect(refused).toMatchObject({ state: 'refused', closedOn: null, allowedActions: ['warn_refusal'] });
    // Dealt with within 15 days (setting) of the refusal on 3 Sep: by 18 Sep.
    const board = (await city.request('GET', '/api/v1/inspections/board')).json().items;
    expect(board).toContainEqual(expect.objectContaining({ inspectionId: refused.id, kind: 'refusal', by: '2026-09-18', overdue: true }));
    const noDocument = await act(city, refused.id, { action: 'warn_refusal', version: 1, on: '2026-09-10' });
    expect([noDocument.statusCode, noDocument.json().error.code]).toEqual([400, 'validation_failed']);
    const warned = (
      await act(city, refused.id, { action: 'warn_refusal', version: 1, on: '2026-09-10', documentNo: '郴市监警〔2026〕3号' })
    ).json();
    expect(warned.inspection).toMatchObject({ state: 'refusal_warned', allowedActions: ['close', 'suspend', 'revoke_licence'] });
    const suspended = (
      await act(city, refused.id, { action: 'suspend', version: 2, on: '2026-10-10', documentNo: '郴市监停〔2026〕1号' })
    ).json();
    expect(suspended.inspection).toMatchObject({ state: 'suspended', allowedActions: ['review'] });
    const revoked = (await act(city, refused.id, { action: 'review', version: 3, on: '2026-11-10', passed: false })).json();
    expect(revoked.inspection).toMatchObject({ state: 'licence_revoked', closedOn: '2026-11-10', allowedActions: [] });
    // Each sanction is also recorded on the archive (test/api/inspection-sanctions.test.ts).
    expect(revoked.events.map((e: { action: string }) => e.action)).toEqual([
      'refuse',
      'warn_refusal',
      'suspend',
      'archive_suspend',
      'review',
      'archive_revoke',
    ]);
  });

  it('a producer outside the city is notified through its own department (Order No. 18 art. 44)', async () => {
    const c = (
      await city.request(
        'POST',
        '/api/v1/inspections',
        sample({
          place: 'circulation',
          producerName: '深圳市某电缆有限公司',
          producerRegionCode: '440300',
          model: 'YJV-SZ',
          documentNo: 'CZ-2026-SZ',
        }),
      )
    ).json();
    expect(c).toMatchObject({
      producerName: '深圳市某电缆有限公司',
      producerEnterpriseId: null,
      producerRegionCode: '440300',
      sampledUnitName: '郴州市抽查测试电缆有限公司',
    });
    await act(city, c.id, {
      action: 'record_result',
      version: 1,
      on: '2026-10-20',
      testingBodyId: lab1.id,
      reportNo: 'BG-SZ',
      items: [{ item: '导体电阻', passed: false }],
    });
    const notified = (
      await act(city, c.id, { action: 'notify', version: 2, on: '2026-10-21', receivedOn: '2026-10-22', method: '函告' })
    ).json();
    expect(notified.events.at(-1)).toMatchObject({
      action: 'notify',
      details: { method: '函告', receivedOn: '2026-10-22', crossRegion: true },
    });
  });

  it('scope: a county officer works on their county’s cases only; the leading group reads without actions', async () => {
    const beihu = await t.as('county_officer', undefined, { regionCode: '431002' });
    const yongxing = await t.as('county_officer', undefined, { regionCode: '431023' });
    const cases = (await beihu.request('GET', '/api/v1/inspections')).json().items;
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.every((c: { regionCode: string }) => c.regionCode === '431002')).toBe(true);
    expect((await yongxing.request('GET', '/api/v1/inspections')).json().items).toEqual([]);
    expect((await yongxing.request('GET', `/api/v1/inspections/${cases[0].id}`)).statusCode).toBe(404);
    const outside = await yongxing.request('POST', '/api/v1/inspections', sample({ model: 'YJV-1', documentNo: 'YX-1' }));
    expect([outside.statusCode, outside.json().error.code]).toEqual([403, 'out_of_scope']);
    const leading = await t.as('leading_group');
    const seen = (await leading.request('GET', `/api/v1/inspections/${cases[0].id}`)).json();
    expect(seen.inspection.allowedActions).toEqual([]);
    expect((await act(leading, cases[0].id, { action: 'close', version: 1, on: today })).statusCode).toBe(403);
  });
});
