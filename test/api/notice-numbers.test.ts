import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rolesExcept, testApp, type Agent, type TestApp } from '../helpers/app';

const year = new Date().getUTCFullYear();

/** 文号: issued by the server in the bureau's format, sequential per year, unique under concurrency, append-only. */
describe('document numbers (文号) of spot-check notices', () => {
  let t: TestApp;
  let city: Agent;
  let category: string;
  const newPlan = async (agent: Agent, title: string, level = 'city', regionCode = '431000') =>
    (
      await agent.request('POST', '/api/v1/inspection-plans', {
        year,
        level,
        title,
        departmentCode: 'quality',
        regionCode,
        categories: [{ categoryCode: category, plannedBatches: 1, testItems: ['充装量'] }],
      })
    ).json().id as string;
  const issue = (agent: Agent, planId: string, body: object = {}) =>
    agent.request('POST', `/api/v1/inspection-plans/${planId}/notice/numbers`, body);

  beforeAll(async () => {
    t = await testApp({ QC_NOTICE_NUMBER_FORMAT: '郴质通〔{year}〕第{n}号', QC_NOTICE_ISSUER: '郴州市市场监督管理局' });
    city = await t.as('city_officer');
    category = (await t.db.kysely.selectFrom('product_categories').select('code').where('name', '=', '灭火器').executeTakeFirstOrThrow())
      .code;
  });
  afterAll(() => t.close());

  it('401 without a session; 403 for roles that do not organise checks; 400 and 404 with a code', async () => {
    const plan = await newPlan(city, '文号测试计划甲');
    expect((await t.anonymous('POST', `/api/v1/inspection-plans/${plan}/notice/numbers`, {})).statusCode).toBe(401);
    for (const role of rolesExcept('admin', 'city_officer', 'county_officer')) {
      const agent = await t.as(role);
      expect((await issue(agent, plan)).statusCode, role).toBe(403);
    }
    const county = await t.as('county_officer', undefined, { regionCode: '431002' });
    expect((await issue(county, plan)).json().error.code).toBe('out_of_scope');
    const short = await issue(city, plan, { reason: '改' });
    expect([short.statusCode, short.json().error.code]).toEqual([400, 'validation_failed']);
    const typed = await issue(city, plan, { number: '郴质通〔2026〕第99号' });
    expect([typed.statusCode, typed.json().error.code]).toEqual([400, 'validation_failed']);
    expect((await issue(city, '0192f0c4-0000-7000-8000-000000000009')).statusCode).toBe(404);
    expect(await t.db.kysely.selectFrom('document_numbers').select('id').execute()).toEqual([]);
  });

  it('the first number of the year in the bureau’s format; a second for the same notice needs a reason and keeps the first', async () => {
    const plan = await newPlan(city, '文号测试计划乙');
    const first = await issue(city, plan);
    expect(first.statusCode).toBe(201);
    expect(first.json().items).toEqual([
      {
        number: `郴质通〔${year}〕第1号`,
        reason: '',
        issuedAt: expect.any(String),
        issuedBy: { id: city.userId, displayName: expect.any(String) },
      },
    ]);
    const again = await issue(city, plan);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'renumber_needs_reason']);
    const second = (await issue(city, plan, { reason: '通报内容更正后重新印发' })).json().items;
    expect(second.map((n: { number: string; reason: string }) => [n.number, n.reason])).toEqual([
      [`郴质通〔${year}〕第1号`, ''],
      [`郴质通〔${year}〕第2号`, '通报内容更正后重新印发'],
    ]);
    const notice = (await city.request('GET', `/api/v1/inspection-plans/${plan}/notice`)).json();
    expect(notice).toMatchObject({ issuer: '郴州市市场监督管理局', numbers: second });
    const audit = await t.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', plan)
      .where('action', '=', 'document_number.issue')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('concurrent issues for six notices get six different numbers, the next six of the year', async () => {
    const plans = await Promise.all(Array.from({ length: 6 }, (_, i) => newPlan(city, `文号并发测试${i}`)));
    const answers = await Promise.all(plans.map((p) => issue(city, p)));
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201, 201]);
    // Numbers 1 and 2 went to the notice above: these are 3 to 8, each once.
    const numbers = answers.map((a) => a.json().items[0].number as string).sort((a, b) => a.length - b.length || a.localeCompare(b));
    expect(numbers).toEqual([3, 4, 5, 6, 7, 8].map((n) => `郴质通〔${year}〕第${n}号`));
  });

  it('two requests at once for a notice without a number: one is its first, the other needs a reason', async () => {
    const plan = await newPlan(city, '文号并发测试同一计划');
    const both = await Promise.all([issue(city, plan), issue(city, plan)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await t.db.kysely.selectFrom('document_numbers').select('number').where('subject_id', '=', plan).execute()).toEqual([
      { number: `郴质通〔${year}〕第9号` },
    ]);
  });

  it('a county officer numbers their own county’s notices; another county does not find the plan', async () => {
    const guiyang = await t.as('county_officer', undefined, { regionCode: '431021' });
    const plan = await newPlan(guiyang, '桂阳县文号测试', 'county', '431021');
    expect((await issue(guiyang, plan)).statusCode).toBe(201);
    const beihu = await t.as('county_officer', undefined, { regionCode: '431002' });
    expect((await issue(beihu, plan)).statusCode).toBe(404);
  });
});
