import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/server/lib/uscc';
import { multipart } from '../helpers/multipart';
import { rolesExcept, testApp, type Agent, type TestApp } from '../helpers/app';

describe('importing a published result table into a plan', () => {
  let t: TestApp;
  let city: Agent;
  let plan: { id: string };
  const ids: Record<string, string> = {};
  const uscc = (n: number) => makeUscc('91', '431002', `MA4J000${n}`);
  const upload = (agent: Agent, csv: string) => {
    const { body, headers } = multipart('results.csv', csv);
    return agent.request('POST', `/api/v1/inspection-plans/${plan.id}/result-imports`, body, headers);
  };
  const CSV = [
    '产品名称,商标,规格型号,生产日期/批号,受检单位,标称生产企业,统一社会信用代码,检验结论,不合格项目,检验机构,抽样日期',
    `手提式干粉灭火器,安盾,MFZ/ABC4,2026-06,某商场,郴州市安盾消防器材有限公司,${uscc(1)},合格,,省检验院,2026-09-01`,
    '手提式干粉灭火器,卫士,MFZ/ABC2,2026-05,某超市,郴州市老卫士消防厂,,不合格,充装量、喷射性能,省检验院,2026/9/2',
    '推车式灭火器,,MFTZ/ABC20,2026-04,某五金店,郴州盾安消防器材有限公司,,合格,,省检验院,2026年9月3日',
    '手提式灭火器,,MFZ/ABC1,2026-03,某商店,广东某某电器有限公司,,不合格,充装量,省检验院,2026-09-04',
    '手提式灭火器,,MFZ/ABC8,2026-03,某商店,某厂,,待定,,省检验院,2026-09-05',
  ].join('\n');

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    const make = async (n: number, name: string) => (ids[name] = (await city.request('POST', '/api/v1/enterprises', { uscc: uscc(n), name, regionCode: '431002', industryCode: 'chem_machinery' })).json().id);
    await make(1, '郴州市安盾消防器材有限公司');
    await make(2, '郴州市卫士消防器材有限公司');
    await make(3, '湖南盾安消防科技有限公司');
    expect((await city.request('POST', `/api/v1/enterprises/${ids['郴州市卫士消防器材有限公司']}/former-names`, { name: '郴州市老卫士消防厂' })).statusCode).toBe(201);
    const category = (await t.db.kysely.selectFrom('product_categories').select('code').where('name', '=', '灭火器').executeTakeFirstOrThrow()).code;
    plan = (await city.request('POST', '/api/v1/inspection-plans', { year: 2026, level: 'provincial', title: '2026 年湖南省灭火器监督抽查（导入）', departmentCode: 'quality', regionCode: '431000', categories: [{ categoryCode: category, plannedBatches: 5, testItems: ['充装量'] }] })).json();
  });
  afterAll(() => t.close());

  it('401 without a session; 403 for roles that do not run checks, and for a county officer', async () => {
    expect((await t.anonymous('POST', `/api/v1/inspection-plans/${plan.id}/result-imports`, {})).statusCode).toBe(401);
    expect((await t.anonymous('POST', '/api/v1/result-imports/0192f0c4-0000-7000-8000-000000000009/confirm', { choices: [] })).statusCode).toBe(401);
    for (const role of rolesExcept('admin', 'city_officer')) {
      const agent = await t.as(role, undefined, role === 'enterprise_user' ? { enterpriseId: ids['郴州市安盾消防器材有限公司'] } : undefined);
      expect((await upload(agent, CSV)).statusCode, role).toBe(403);
    }
  });

  it('400 with a code for a file missing required columns', async () => {
    const res = await upload(city, '产品名称,检验结论\n灭火器,合格\n');
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'validation_failed']);
    expect(res.json().error.details[0].message).toBe('缺少必填列：受检单位、标称生产企业、抽样日期');
  });

  it('matches by USCC, by a former name, offers look-alikes, lists the unmatched and the bad rows; confirming links only what was matched or chosen', async () => {
    const res = await upload(city, CSV);
    expect(res.statusCode).toBe(200);
    const preview = res.json();
    expect(preview.counts).toEqual({ matched: 2, candidates: 1, unmatched: 1, error: 1 });
    const row = (line: number) => preview.rows.find((r: { line: number }) => r.line === line);
    expect(row(2)).toMatchObject({ status: 'matched', match: { id: ids['郴州市安盾消防器材有限公司'] } });
    expect(row(3)).toMatchObject({ status: 'matched', match: { id: ids['郴州市卫士消防器材有限公司'] } });
    // Dice over 2-character grams: 16/23 ≈ 0.70 for the two 器材 firms, 12/22 ≈ 0.55 for 湖南盾安.
    expect(row(4).status).toBe('candidates');
    expect(row(4).candidates.map((c: { name: string; score: number }) => [c.name, c.score]).sort()).toEqual([
      ['湖南盾安消防科技有限公司', 0.55],
      ['郴州市卫士消防器材有限公司', 0.7],
      ['郴州市安盾消防器材有限公司', 0.7],
    ].sort());
    expect(row(5)).toMatchObject({ status: 'unmatched', candidates: [] });
    expect(row(6)).toMatchObject({ status: 'error', errors: ['检验结论：应为“合格”或“不合格”'] });

    const wrong = await city.request('POST', `/api/v1/result-imports/${preview.id}/confirm`, { choices: [{ line: 4, enterpriseId: '0192f0c4-0000-7000-8000-000000000009' }] });
    expect(wrong.json().error.code).toBe('validation_failed');
    const someoneElse = await t.as('city_officer');
    expect((await someoneElse.request('POST', `/api/v1/result-imports/${preview.id}/confirm`, { choices: [] })).statusCode).toBe(404);

    const done = await city.request('POST', `/api/v1/result-imports/${preview.id}/confirm`, { choices: [{ line: 4, enterpriseId: ids['湖南盾安消防科技有限公司'] }] });
    expect(done.json()).toEqual({ linked: 3, unlinked: 1, skipped: 1 });
    const cases = await t.db.kysely.selectFrom('inspections').select(['id', 'producer_name', 'producer_enterprise_id', 'state', 'sampled_on']).where('plan_id', '=', plan.id).orderBy('sampled_on').execute();
    expect(cases.map((c) => [c.producer_name, c.producer_enterprise_id, c.state, c.sampled_on])).toEqual([
      ['郴州市安盾消防器材有限公司', ids['郴州市安盾消防器材有限公司'], 'qualified', '2026-09-01'],
      ['郴州市老卫士消防厂', ids['郴州市卫士消防器材有限公司'], 'final_unqualified', '2026-09-02'],
      ['郴州盾安消防器材有限公司', ids['湖南盾安消防科技有限公司'], 'qualified', '2026-09-03'],
      ['广东某某电器有限公司', null, 'final_unqualified', '2026-09-04'],
    ]);
    const items = await t.db.kysely.selectFrom('inspection_items').select('item').where('inspection_id', '=', cases[1]!.id).orderBy('seq').execute();
    expect(items.map((i) => i.item)).toEqual(['充装量', '喷射性能']);
    // The imported results count in the statistics (provincial level).
    const rates = (await city.request('GET', '/api/v1/inspections/stats/pass-rates?by=level&levels=provincial')).json();
    expect(rates.total).toEqual({ tested: 4, qualified: 2, unqualified: 2, passRate: 0.5 });
    // Published, each names the testing body as the announcement did.
    await city.request('POST', `/api/v1/inspection-plans/${plan.id}/publish`, {});
    const published = (await t.anonymous('GET', `/api/v1/public/inspections?producer=${encodeURIComponent('广东某某')}`)).json().items;
    expect(published).toEqual([expect.objectContaining({ producer: '广东某某电器有限公司', result: 'unqualified', failedItems: ['充装量'], testingBody: '省检验院' })]);
    expect((await city.request('POST', `/api/v1/result-imports/${preview.id}/confirm`, { choices: [] })).statusCode).toBe(404);
  });

  it('two firms of the very same name: both offered, neither chosen for the person', async () => {
    const twin = async (n: number, region: string) => (await city.request('POST', '/api/v1/enterprises', { uscc: makeUscc('91', region, `MA4T000${n}`), name: '郴州市同名消防器材有限公司', regionCode: region, industryCode: 'chem_machinery' })).json().id;
    const [a, b] = [await twin(1, '431002'), await twin(2, '431003')];
    const csv = `${CSV.split('\n')[0]}\n手提式灭火器,,MFZ/T1,2026-03,某商店,郴州市同名消防器材有限公司,,合格,,省检验院,2026-09-06`;
    const preview = (await upload(city, csv)).json();
    expect(preview.rows[0]).toMatchObject({ status: 'candidates', match: null });
    expect(preview.rows[0].candidates.map((c: { id: string; score: number }) => [c.id, c.score]).sort()).toEqual([[a, 1], [b, 1]].sort());
  });
});
