import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../../src/server/lib/tabular/exceljs';
import { uuidv7 } from '../../src/server/lib/ids';
import { makeUscc } from '../../src/server/lib/uscc';
import { rolesExcept, testApp, type Agent, type TestApp } from '../helpers/app';

const shift = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
/** A CSV export's lines without the BOM, split into cells (no cell here holds a comma or a quote). */
const csv = (body: string) =>
  body
    .replace(/^\ufeff/, '')
    .trim()
    .split('\n')
    .map((l) => l.split(','));

describe('exports of the case list, the deadline board and the pass rates', () => {
  let t: TestApp;
  let city: Agent;
  let suxian: Agent;
  let plan: { id: string };

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    suxian = await t.as('county_officer', undefined, { regionCode: '431003' });
    const code = async (name: string) =>
      (await t.db.kysely.selectFrom('product_categories').select('code').where('name', '=', name).executeTakeFirstOrThrow()).code;
    const [metal, extinguisher] = [await code('有色金属及合金制品'), await code('灭火器')];
    const lab = (await city.request('POST', '/api/v1/testing-bodies', { name: '导出测试检验所', accreditationNo: 'CMA-X-1' })).json();
    plan = (
      await city.request('POST', '/api/v1/inspection-plans', {
        year: 2026,
        level: 'city',
        title: '导出测试计划',
        departmentCode: 'quality',
        regionCode: '431000',
        categories: [
          { categoryCode: metal, plannedBatches: 5, testItems: ['X'] },
          { categoryCode: extinguisher, plannedBatches: 5, testItems: ['Y'] },
        ],
      })
    ).json();
    let n = 0;
    const batch = async (category: string, region: string, outcome: 'qualified' | 'unqualified' | 'unnotified' | 'pending') => {
      n++;
      const e = (
        await city.request('POST', '/api/v1/enterprises', {
          uscc: makeUscc('91', region, `MA4X${String(n).padStart(4, '0')}`),
          name: `郴州市导出测试${n}有限公司`,
          regionCode: region,
          industryCode: 'nonferrous',
        })
      ).json();
      const c = (
        await city.request('POST', '/api/v1/inspections', {
          planId: plan.id,
          categoryCode: category,
          sampledEnterpriseId: e.id,
          productName: `产品${n}`,
          model: `M${n}`,
          place: 'production',
          sampledOn: shift(-80),
          documentNo: `DC-${n}`,
          samplers: ['甲', '乙'],
        })
      ).json();
      const step = async (body: object) =>
        expect((await city.request('POST', `/api/v1/inspections/${c.id}/actions`, body)).statusCode).toBe(200);
      if (outcome === 'pending') return;
      await step({
        action: 'record_result',
        version: 1,
        on: shift(-70),
        testingBodyId: lab.id,
        reportNo: `R${n}`,
        items: [{ item: 'X', passed: outcome === 'qualified' }],
      });
      if (outcome !== 'unqualified') return;
      await step({ action: 'notify', version: 2, on: shift(-69), receivedOn: shift(-68), method: '送达' });
      await step({ action: 'finalize', version: 3, on: shift(-50) });
    };
    // 北湖区 (metal): DC-1, DC-2 qualified, DC-3 unqualified (final), DC-4 awaiting its result.
    // 苏仙区 (extinguishers): DC-5 qualified, DC-6 unqualified and not notified (due 5 days after the report: overdue).
    await batch(metal, '431002', 'qualified');
    await batch(metal, '431002', 'qualified');
    await batch(metal, '431002', 'unqualified');
    await batch(metal, '431002', 'pending');
    await batch(extinguisher, '431003', 'qualified');
    await batch(extinguisher, '431003', 'unnotified');
  });
  afterAll(() => t.close());

  const urls = ['/api/v1/inspections/export', '/api/v1/inspections/board/export', '/api/v1/inspections/stats/pass-rates/export?by=county'];

  it('401 without a session; 403 for roles without inspection.read; 400 with a code', async () => {
    for (const url of urls) expect((await t.anonymous('GET', url)).statusCode, url).toBe(401);
    for (const role of rolesExcept('admin', 'city_officer', 'county_officer', 'leading_group')) {
      const agent = await t.as(
        role,
        undefined,
        role === 'enterprise_user'
          ? { enterpriseId: (await t.db.kysely.selectFrom('enterprises').select('id').executeTakeFirstOrThrow()).id }
          : undefined,
      );
      for (const url of urls) expect((await agent.request('GET', url)).statusCode, `${role} ${url}`).toBe(403);
    }
    for (const url of [
      '/api/v1/inspections/export?format=pdf',
      '/api/v1/inspections/board/export?overdue=maybe',
      '/api/v1/inspections/stats/pass-rates/export?by=colour',
      '/api/v1/inspections/export?state=lost',
    ]) {
      const res = await city.request('GET', url);
      expect([res.statusCode, res.json().error.code], url).toEqual([400, 'validation_failed']);
    }
  });

  it('the case list as the list filters it, in the actor’s scope; XLSX by default', async () => {
    const all = csv((await city.request('GET', '/api/v1/inspections/export?format=csv')).body);
    expect(all[0]).toEqual([
      '抽样单编号',
      '抽样日期',
      '抽查计划',
      '抽查级别',
      '产品类别',
      '产品名称',
      '商标',
      '规格型号',
      '生产日期/批号',
      '执行标准',
      '受检单位',
      '所在县市区',
      '标称生产企业',
      '抽样环节',
      '抽查类型',
      '抽样人员',
      '办理状态',
      '检验结论',
      '最终结论',
      '检验报告编号',
      '检验机构',
      '公布日期',
    ]);
    expect(
      all
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(['DC-1', 'DC-2', 'DC-3', 'DC-4', 'DC-5', 'DC-6']);
    const dc3 = all.find((r) => r[0] === 'DC-3')!;
    expect([dc3[2], dc3[3], dc3[4], dc3[11], dc3[15], dc3[16], dc3[17], dc3[18], dc3[19], dc3[20]]).toEqual([
      '导出测试计划',
      '市级',
      '有色金属及合金制品',
      '北湖区',
      '甲、乙',
      '不合格（结论确定）',
      '不合格',
      '不合格',
      'R3',
      '导出测试检验所',
    ]);
    const qualified = csv((await city.request('GET', '/api/v1/inspections/export?format=csv&state=qualified')).body);
    expect(
      qualified
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(['DC-1', 'DC-2', 'DC-5']);
    // A county officer exports their county's cases only.
    expect(
      csv((await suxian.request('GET', '/api/v1/inspections/export?format=csv')).body)
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(['DC-5', 'DC-6']);
    const xlsx = await city.request('GET', '/api/v1/inspections/export');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.rowCount).toBe(7); // the header and six cases
  });

  it('every page of a long list: 1,001 cases of one county, one query of 1,000 at a time', async () => {
    const model = await t.db.kysely.selectFrom('inspections').selectAll().where('document_no', '=', 'DC-4').executeTakeFirstOrThrow();
    const rows = Array.from({ length: 1001 }, (_, i) => ({
      ...model,
      listed: 1,
      id: uuidv7(),
      region_code: '431021',
      document_no: `GY-${i}`,
      sampled_on: shift(-(i % 300) - 1),
    }));
    for (let i = 0; i < rows.length; i += 200)
      await t.db.kysely
        .insertInto('inspections')
        .values(rows.slice(i, i + 200))
        .execute();
    const guiyang = await t.as('county_officer', undefined, { regionCode: '431021' });
    const lines = csv((await guiyang.request('GET', '/api/v1/inspections/export?format=csv')).body).slice(1);
    expect(lines).toHaveLength(1001);
    expect(new Set(lines.map((r) => r[0])).size).toBe(1001);
    await t.db.kysely.deleteFrom('inspections').where('region_code', '=', '431021').execute();
  });

  it('the deadline board as filtered', async () => {
    const board = csv((await city.request('GET', '/api/v1/inspections/board/export?format=csv')).body);
    expect(board[0]).toEqual([
      '期限',
      '是否逾期',
      '待办事项',
      '起始日期',
      '产品名称',
      '标称生产企业',
      '所在县市区',
      '办理状态',
      '承办人员',
    ]);
    // DC-6: reported 70 days ago, to notify within 5 days.
    expect(board.slice(1)).toEqual([
      [
        shift(-65),
        '已逾期',
        '告知检验结果',
        '',
        '产品6',
        '郴州市导出测试6有限公司',
        '苏仙区',
        '不合格，待告知',
        expect.stringMatching(/^测试/),
      ],
    ]);
    expect(csv((await city.request('GET', '/api/v1/inspections/board/export?format=csv&regionCode=431002')).body)).toHaveLength(1);
  });

  it('pass rates by county, then by county and category, with the total', async () => {
    const byCounty = csv((await city.request('GET', '/api/v1/inspections/stats/pass-rates/export?by=county&format=csv')).body);
    // 北湖区 3 tested (DC-1..3), 2 qualified: 66.7 %; 苏仙区 1 tested (DC-5), 1 qualified; total 3 of 4 = 75.0 %.
    expect(byCounty).toEqual([
      ['县市区', '抽查批次', '合格批次', '不合格批次', '批次合格率'],
      ['北湖区', '3', '2', '1', '66.7%'],
      ['苏仙区', '1', '1', '0', '100.0%'],
      ['合计', '4', '3', '1', '75.0%'],
    ]);
    const twoWay = csv((await city.request('GET', '/api/v1/inspections/stats/pass-rates/export?by=county&then=category&format=csv')).body);
    expect(twoWay[0]).toEqual(['县市区', '产品类别', '抽查批次', '合格批次', '不合格批次', '批次合格率']);
    expect(twoWay[1]).toEqual(['北湖区', '有色金属及合金制品', '3', '2', '1', '66.7%']);
    // A county officer's figures are their county's.
    expect(csv((await suxian.request('GET', '/api/v1/inspections/stats/pass-rates/export?by=county&format=csv')).body).slice(1)).toEqual([
      ['苏仙区', '1', '1', '0', '100.0%'],
      ['合计', '1', '1', '0', '100.0%'],
    ]);
  });
});
