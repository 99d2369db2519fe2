import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/server/lib/uscc';
import {
  DISTRICT_FAILURES,
  FAILURES_WITH_VERDICTS,
  FOOD_FAILURES,
  NATIONAL_PRODUCTS,
  PRODUCERS_LIST,
  PROVINCE_RESULTS,
  writeTable,
  type PublishedTable,
} from '../fixtures/result-tables';
import { multipart } from '../helpers/multipart';
import { rolesExcept, testApp, type Agent, type TestApp } from '../helpers/app';

describe('importing published result tables as they are published', () => {
  let t: TestApp;
  let city: Agent;
  const ids: Record<string, string> = {};
  const codes: Record<string, string> = {};
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qc-tables-'));
  const uscc = (n: number) => makeUscc('91', '431002', `MA4J000${n}`);
  const upload = (agent: Agent, planId: string, table: PublishedTable, issuer = '') => {
    const { body, headers } = multipart(
      table.file,
      fs.readFileSync(writeTable(table, dir, { USCC1: uscc(1) })),
      'application/octet-stream',
    );
    return agent.request(
      'POST',
      `/api/v1/inspection-plans/${planId}/result-imports${issuer ? `?issuer=${encodeURIComponent(issuer)}` : ''}`,
      body,
      headers,
    );
  };
  const update = (agent: Agent, preview: any, settings: Record<string, unknown>) =>
    agent.request('PUT', `/api/v1/result-imports/${preview.id}`, {
      revision: preview.revision,
      settings: { ...preview.settings, ...settings },
    });
  const confirm = (agent: Agent, preview: any, choices: { line: number; enterpriseId: string | null }[] = []) =>
    agent.request('POST', `/api/v1/result-imports/${preview.id}/confirm`, { revision: preview.revision, choices });
  const newPlan = async (year: number, level: string, categories: string[]) =>
    (
      await city.request('POST', '/api/v1/inspection-plans', {
        year,
        level,
        title: `${year} 年导入（${level}）`,
        departmentCode: 'quality',
        regionCode: '431000',
        categories: categories.map((c) => ({ categoryCode: codes[c], plannedBatches: 10, testItems: ['项目'] })),
      })
    ).json();
  const casesOf = (planId: string) =>
    t.db.kysely.selectFrom('inspections').selectAll().where('plan_id', '=', planId).orderBy('document_no').execute();
  const row = (preview: any, line: number) => preview.rows.find((r: { line: number }) => r.line === line);

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    const firms: [number, string][] = [
      [1, '郴州市安盾消防器材有限公司'],
      [2, '郴州市湘南电缆有限公司'],
      [3, '郴州市湘华电缆有限公司'],
      [4, '郴州市东江湖酒业有限公司'],
      [5, '郴州市湘粤进出口有限公司'],
      [6, '郴州市绿野塑料制品有限公司'],
      [7, '郴州市金禾米业有限公司'],
    ];
    for (const [n, name] of firms)
      ids[name] = (
        await city.request('POST', '/api/v1/enterprises', { uscc: uscc(n), name, regionCode: '431002', industryCode: 'chem_machinery' })
      ).json().id;
    for (const c of await t.db.kysely.selectFrom('product_categories').select(['code', 'name']).execute()) codes[c.name] = c.code;
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('401 without a session on every route; 403 for roles that do not run checks, and for a county officer', async () => {
    const plan = await newPlan(2026, 'provincial', ['灭火器']);
    const some = '0192f0c4-0000-7000-8000-000000000009';
    for (const [method, url] of [
      ['POST', `/api/v1/inspection-plans/${plan.id}/result-imports`],
      ['GET', `/api/v1/inspection-plans/${plan.id}/result-imports`],
      ['PUT', `/api/v1/result-imports/${some}`],
      ['POST', `/api/v1/result-imports/${some}/confirm`],
      ['GET', '/api/v1/result-import-issuers'],
    ] as const) {
      expect((await t.anonymous(method, url, {})).statusCode, url).toBe(401);
    }
    for (const role of rolesExcept('admin', 'city_officer')) {
      const agent = await t.as(
        role,
        undefined,
        role === 'enterprise_user' ? { enterpriseId: ids['郴州市安盾消防器材有限公司'] } : undefined,
      );
      expect((await upload(agent, plan.id, PROVINCE_RESULTS)).statusCode, role).toBe(403);
      expect((await agent.request('GET', '/api/v1/result-import-issuers')).statusCode, role).toBe(403);
    }
  });

  it('400 with a code for a file with no header in its first rows, and for settings naming an unknown category or one field twice', async () => {
    const plan = await newPlan(2026, 'provincial', ['灭火器']);
    const { body, headers } = multipart('notes.csv', '说明\n本表为空\n');
    const none = await city.request('POST', `/api/v1/inspection-plans/${plan.id}/result-imports`, body, headers);
    expect([none.statusCode, none.json().error.code]).toEqual([400, 'header_not_found']);
    const preview = (await upload(city, plan.id, PROVINCE_RESULTS)).json();
    expect((await update(city, preview, { tableCategory: 'NOPE' })).json().error.code).toBe('unknown_category');
    const twice = preview.settings.columns.map((c: { index: number; field: string | null }) =>
      c.index === 0 ? { ...c, field: 'productName' } : c,
    );
    expect((await update(city, preview, { columns: twice })).json().error.code).toBe('validation_failed');
    expect((await city.request('PUT', `/api/v1/result-imports/${preview.id}`, { revision: 1, settings: { issuer: 1 } })).statusCode).toBe(
      400,
    );
  });

  it('a provincial table served as HTML under .xls: every verdict spelling, the sampling stage, categories by name, USCCs and dates', async () => {
    const plan = await newPlan(2026, 'provincial', ['灭火器', '电热毯']);
    const preview = (await upload(city, plan.id, PROVINCE_RESULTS)).json();
    expect(preview.header).toMatchObject({ line: 2, height: 1, title: ['湖南省2026年产品质量省级监督抽查结果'] });
    expect(preview.rows.map((r: any) => [r.line, r.verdict, r.place, r.category, r.sampledOn])).toEqual([
      [3, 'qualified', 'circulation', codes['灭火器'], '2026-09-01'],
      [4, 'unqualified', 'production', codes['灭火器'], '2026-09-02'],
      [5, 'qualified', 'online', codes['电热毯'], '2026-09-03'],
      [6, 'unqualified', 'catering', codes['电热毯'], '2026-09-04'],
      [7, 'unqualified', 'circulation', codes['灭火器'], '2026-09-05'],
    ]);
    // 郴州盾安电器 and 郴州市安盾消防器材: trade names 盾安 and 安盾 share no 2-character gram — not offered.
    expect(row(preview, 5)).toMatchObject({ status: 'unmatched', candidates: [] });
    expect(row(preview, 3)).toMatchObject({ status: 'matched', match: { id: ids['郴州市安盾消防器材有限公司'] } });
    // The issuer is still to be named; nothing else is missing: the table has its dates and categories.
    expect(preview.problems.map((p: { code: string }) => p.code)).toEqual(['issuer']);
    expect((await confirm(city, preview)).json().error.code).toBe('import_not_ready');
    const ready = (await update(city, preview, { issuer: '湖南省市场监督管理局' })).json();
    expect(ready.problems).toEqual([]);
    expect((await confirm(city, preview)).json().error.code).toBe('stale_version');
    expect((await confirm(city, ready)).json()).toEqual({
      importId: ready.id,
      linked: 3,
      unlinked: 2,
      skipped: 0,
      unlistedQualified: 0,
      year: 2026,
    });
    const cases = await casesOf(plan.id);
    expect(cases.map((c) => [c.final_verdict, c.place, c.date_basis, c.sampled_on])).toEqual([
      ['qualified', 'circulation', 'sampled', '2026-09-01'],
      ['unqualified', 'production', 'sampled', '2026-09-02'],
      ['qualified', 'online', 'sampled', '2026-09-03'],
      ['unqualified', 'catering', 'sampled', '2026-09-04'],
      ['unqualified', 'circulation', 'sampled', '2026-09-05'],
    ]);
  });

  it('a national notice: the header under 附件 and a title, merged over two rows, with line breaks; a batch on two rows is one batch with two failed items; the mapping is remembered for the issuer', async () => {
    const plan = await newPlan(2026, 'national', ['电线电缆']);
    const preview = (await upload(city, plan.id, NATIONAL_PRODUCTS, '国家市场监督管理总局')).json();
    expect(preview.header).toMatchObject({ line: 3, height: 2 });
    expect(preview.columns.map((c: any) => [c.header, c.field])).toEqual([
      ['序号', null],
      ['产品 名称', 'productName'],
      ['标称生产企业名称', 'producer'],
      ['标称生产企业地址', 'producerAddress'],
      ['被抽样单位名称', 'sampledUnit'],
      ['被抽样单位所在地', null],
      ['商 标', 'brand'],
      ['规格 型号', 'model'],
      ['生产日期/批号', 'batch'],
      ['检验结论', 'result'],
      ['主要不合格项目', 'failedItems'],
      ['承检机构', 'testingBody'],
    ]);
    expect(preview.columns[1].samples).toEqual(['聚氯乙烯绝缘电缆电线', '聚氯乙烯绝缘电缆电线', '聚氯乙烯绝缘电缆电线']);
    // No sampling dates and no category column: the notice's date and the table's category are asked for, never assumed.
    expect(preview.problems.map((p: { code: string }) => p.code)).toEqual(['notice_date', 'category']);
    expect(preview.rows.map((r: any) => [r.lines, r.verdict, r.items.map((i: any) => i.item), r.status])).toEqual([
      [[5], 'qualified', [], 'matched'],
      [[6, 7], 'unqualified', ['导体电阻', '绝缘最薄处厚度'], 'candidates'],
      [[8, 9], 'qualified', [], 'unmatched'],
    ]);
    // 郴州湘华电缆有限责任公司 and 郴州市湘华电缆有限公司: the same trade name.
    expect(row(preview, 6).candidates.map((c: any) => [c.name, c.score])).toEqual([['郴州市湘华电缆有限公司', 1]]);
    // The officer does not import the brand column this time.
    const columns = preview.settings.columns.map((c: any) => (c.field === 'brand' ? { ...c, field: null } : c));
    const ready = (await update(city, preview, { noticeDate: '2026-11-20', tableCategory: codes['电线电缆'], columns })).json();
    expect(ready.problems).toEqual([]);
    expect((await confirm(city, ready, [{ line: 6, enterpriseId: ids['郴州市湘华电缆有限公司']! }])).json()).toMatchObject({
      linked: 2,
      unlinked: 1,
      skipped: 0,
      year: 2026,
    });
    const cases = await casesOf(plan.id);
    expect(cases.map((c) => [c.producer_name, c.producer_enterprise_id, c.brand, c.sampled_on, c.date_basis, c.year])).toEqual([
      ['郴州市湘南电缆有限公司', ids['郴州市湘南电缆有限公司'], '', '2026-11-20', 'notice', 2026],
      ['郴州湘华电缆有限责任公司', ids['郴州市湘华电缆有限公司'], '', '2026-11-20', 'notice', 2026],
      ['广东省粤星电缆有限公司', null, '', '2026-11-20', 'notice', 2026],
    ]);
    const items = await t.db.kysely
      .selectFrom('inspection_items')
      .select('item')
      .where('inspection_id', '=', cases[1]!.id)
      .orderBy('seq')
      .execute();
    expect(items.map((i) => i.item)).toEqual(['导体电阻', '绝缘最薄处厚度']);
    // Through the API a case says its date is the notice's.
    expect((await city.request('GET', `/api/v1/inspections/${cases[0]!.id}`)).json().inspection).toMatchObject({
      dateBasis: 'notice',
      sampledOn: '2026-11-20',
      importId: ready.id,
      listed: true,
    });
    // The next table of that issuer opens with the mapping the officer chose.
    const again = (await upload(city, plan.id, NATIONAL_PRODUCTS, '国家市场监督管理总局')).json();
    expect(again.columns.find((c: any) => c.header === '商 标').field).toBeNull();
    expect((await city.request('GET', '/api/v1/result-import-issuers')).json().items.map((i: any) => i.issuer)).toContain(
      '国家市场监督管理总局',
    );
  });

  it('a food-safety failures list (.xls): no verdict column is a failures-only list once the officer says so; the notice’s totals make the pass rate', async () => {
    const plan = await newPlan(2026, 'city', ['粮食加工品', '食用油、油脂及其制品']);
    const preview = (await upload(city, plan.id, FOOD_FAILURES, '郴州市市场监督管理局')).json();
    expect(preview.header.line).toBe(5);
    expect(preview.found).toEqual({ tested: 40, unqualified: 5 });
    expect(preview.settings).toMatchObject({
      tested: 40,
      unqualified: 5,
      kind: null,
      noticeTitle: '郴州市市场监督管理局2026年第12期食品安全监督抽检不合格产品信息',
    });
    expect(preview.problems.map((p: { code: string }) => p.code)).toEqual(['list_kind', 'notice_date']);
    // Categories in the food catalogue's words: 食用油 is part of 食用油、油脂及其制品.
    expect(preview.categories.map((c: any) => [c.text, c.code])).toEqual([
      ['粮食加工品', codes['粮食加工品']],
      ['食用油', codes['食用油、油脂及其制品']],
      ['食用农产品', codes['食用农产品']],
      ['饮料', codes['饮料']],
      ['酒类', codes['酒类']],
    ]);
    const listed = (await update(city, preview, { kind: 'failures_only', noticeDate: '2026-11-25' })).json();
    expect(listed.problems.map((p: { code: string }) => p.code)).toEqual(['unlisted_category']);
    expect(listed.rows.map((r: any) => [r.lines, r.status, r.producer, r.producerRole, r.parties, r.items.length])).toEqual([
      [[6], 'candidates', '衡阳市稻香食品厂', 'manufacturer', [{ role: 'commissioner', name: '郴州市金禾米业有限公司' }], 1],
      [[7], 'unmatched', '郴州市福源油脂有限公司', 'manufacturer', [], 2],
      [[8], 'no_producer', null, null, [], 1],
      [[9], 'matched', '郴州市湘粤进出口有限公司', 'importer', [], 1],
      [[10, 11], 'disputed', '郴州市东江湖酒业有限公司', 'manufacturer', [], 2],
    ]);
    expect(row(listed, 7).items[1]).toEqual({ item: '过氧化值', measured: '0.35g/100g', requirement: '≤0.25g/100g' });
    // The remark stops the exact-name link: offered, not taken.
    expect(row(listed, 10)).toMatchObject({
      remarks: '标称生产企业否认为其产品',
      match: null,
      candidates: [{ id: ids['郴州市东江湖酒业有限公司'] }],
    });
    const ready = (await update(city, listed, { unlistedCategory: codes['粮食加工品'] })).json();
    expect(ready.problems).toEqual([]);
    expect((await confirm(city, ready)).json()).toEqual({
      importId: ready.id,
      linked: 1,
      unlinked: 4,
      skipped: 0,
      unlistedQualified: 35,
      year: 2026,
    });
    const cases = await casesOf(plan.id);
    expect(cases.length).toBe(40);
    expect(cases.filter((c) => c.final_verdict === 'unqualified').length).toBe(5);
    expect(cases.filter((c) => !c.listed).every((c) => c.final_verdict === 'qualified' && c.category_code === codes['粮食加工品'])).toBe(
      true,
    );
    const disputed = cases.find((c) => c.product_name === '白酒')!;
    expect([disputed.producer_enterprise_id, disputed.remarks]).toEqual([null, '标称生产企业否认为其产品']);
    expect(JSON.parse(cases.find((c) => c.product_name === '挂面')!.parties)).toEqual([
      { role: 'commissioner', name: '郴州市金禾米业有限公司' },
    ]);
    // The city level's pass rate: 35 of 40 batches, as the notice published them — not 0 of 5.
    const rates = (await city.request('GET', '/api/v1/inspections/stats/pass-rates?by=level&levels=city&year=2026')).json();
    expect(rates.total).toEqual({ tested: 40, qualified: 35, unqualified: 5, passRate: 35 / 40 });
    expect((await city.request('GET', `/api/v1/inspection-plans/${plan.id}/result-imports`)).json().items).toEqual([
      expect.objectContaining({
        issuer: '郴州市市场监督管理局',
        kind: 'failures_only',
        declaredTested: 40,
        declaredUnqualified: 5,
        listedBatches: 5,
        unlistedQualified: 35,
        year: 2026,
      }),
    ]);
    // Publishing the plan publishes the listed batches only.
    expect((await city.request('POST', `/api/v1/inspection-plans/${plan.id}/publish`, {})).json().published).toBe(5);
  });

  it('a district list as a GBK CSV: no verdict, no date and no category are asked for; totals that disagree with the list stop the import', async () => {
    const plan = await newPlan(2026, 'city', ['农用薄膜']);
    const preview = (await upload(city, plan.id, DISTRICT_FAILURES, '宜章县市场监督管理局')).json();
    expect(preview.columns.map((c: any) => c.field)).toEqual([
      null,
      'sampledUnit',
      'productName',
      'producer',
      'model',
      'batch',
      'failedItems',
      'remarks',
    ]);
    expect(preview.problems.map((p: { code: string }) => p.code)).toEqual(['list_kind', 'notice_date', 'category']);
    const wrong = (
      await update(city, preview, {
        kind: 'failures_only',
        noticeDate: '2026-10-10',
        tableCategory: codes['农用薄膜'],
        tested: 30,
        unqualified: 3,
      })
    ).json();
    expect(wrong.problems).toEqual([
      { code: 'totals', message: '公告称 3 批次不合格，表中列出 2 批次（同一批次的多行已合并）；请核对公告数字或表格' },
      { code: 'unlisted_category', message: '公告中未列出的 27 个合格批次须计入一个类别：请选择' },
    ]);
    const ready = (await update(city, wrong, { tested: 2, unqualified: 2 })).json();
    expect(ready.problems).toEqual([]);
    expect(row(ready, 2)).toMatchObject({
      producer: '郴州市绿野塑料制品有限公司',
      status: 'matched',
      parties: [{ role: 'distributor', name: '宜章县某建材店' }],
      items: [{ item: '厚度和厚度偏差' }, { item: '拉伸负荷' }],
    });
    expect((await confirm(city, ready)).json()).toMatchObject({ linked: 1, unlinked: 1, unlistedQualified: 0 });
  });

  it('a producers list: "企 业 名 称" is the producer, no sampled unit; a table from another year than its plan must say which year it counts in', async () => {
    const plan = await newPlan(2025, 'provincial', ['电线电缆']);
    const preview = (await upload(city, plan.id, PRODUCERS_LIST, '湖南省市场监督管理局')).json();
    expect(preview.columns.find((c: any) => c.header === '企 业 名 称').field).toBe('producer');
    const set = (
      await update(city, preview, {
        kind: 'failures_only',
        noticeDate: '2026-08-01',
        tableCategory: codes['电线电缆'],
        tested: 1,
        unqualified: 1,
      })
    ).json();
    expect(set.problems).toEqual([{ code: 'count_year', message: '公告年份 2026 与计划年份 2025 不同：请选择计入哪一年' }]);
    const ready = (await update(city, set, { countYear: 2026 })).json();
    expect(ready.year).toEqual({ plan: 2025, notice: 2026, counted: 2026 });
    expect((await confirm(city, ready)).json()).toMatchObject({ linked: 1, year: 2026 });
    expect((await casesOf(plan.id)).map((c) => [c.year, c.producer_enterprise_id, c.sampled_unit_name])).toEqual([
      [2026, ids['郴州市湘南电缆有限公司'], ''],
    ]);
  });

  it('a failures list that prints a 结论 column is not taken for the whole check: the officer says which; a commissioner on the archive is offered, never linked', async () => {
    const plan = await newPlan(2026, 'provincial', ['塑料购物袋', '电线电缆']);
    const preview = (await upload(city, plan.id, FAILURES_WITH_VERDICTS, '湖南省市场监督管理局')).json();
    // Two batches, both 不符合: the 合计 row and the footnote are not batches.
    expect(preview.counts).toMatchObject({ batches: 2, unqualified: 2, qualified: 0 });
    expect(preview.problems.map((p: any) => p.code)).toContain('list_kind');
    // 衡阳某塑胶厂 made it and is not on the archive; its commissioner is, and is offered for a person to choose.
    expect(row(preview, 5)).toMatchObject({ producer: '衡阳某塑胶厂', status: 'candidates', match: null });
    expect(row(preview, 5).candidates.map((c: any) => c.name)).toEqual(['郴州市绿野塑料制品有限公司']);
    expect(row(preview, 6)).toMatchObject({ status: 'matched' });
    // Said to be the failures of a check of 40 batches: 38 qualified batches come from the notice, not 0 %.
    const failures = (
      await update(city, preview, { kind: 'failures_only', tested: 40, unqualified: 2, unlistedCategory: codes['塑料购物袋'] })
    ).json();
    expect(failures.problems.filter((p: any) => p.code !== 'category')).toEqual([]);
    // Said to be the whole check, it stands as two failed batches.
    const whole = (
      await update(city, failures, { kind: 'results', tested: null, unqualified: null, unlistedCategory: null, countYear: 2011 })
    ).json();
    expect(whole.problems.map((p: any) => p.code)).not.toContain('list_kind');
    // Sampled in 2026 for a 2026 plan, no year is asked: a count year sent anyway does not move it to 2011.
    expect(whole.year).toEqual({ plan: 2026, notice: null, counted: 2026 });
  });

  it('another officer cannot see or confirm an import', async () => {
    const plan = await newPlan(2026, 'provincial', ['灭火器']);
    const preview = (await upload(city, plan.id, PROVINCE_RESULTS, '湖南省市场监督管理局')).json();
    const other = await t.as('city_officer');
    expect((await confirm(other, preview)).statusCode).toBe(404);
    expect((await update(other, preview, {})).statusCode).toBe(404);
  });
});
