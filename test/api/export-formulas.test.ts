import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../../src/server/lib/tabular/exceljs';
import { makeUscc } from '../../src/server/lib/uscc';
import { multipart } from '../helpers/multipart';
import { testApp, type Agent, type TestApp } from '../helpers/app';

const YEAR = new Date().getUTCFullYear() - 1;
const today = new Date().toISOString().slice(0, 10);
// Names a spreadsheet would run as formulas if written raw (tab and CR cannot be stored, see write.test.ts).
const NAMES = ['=HYPERLINK("x")', '-2+3', '@SUM(A1)', '+1+1有限公司'] as const;
const quoted = (s: string) => `'${s}`;

const csvRows = (body: string) => parse(body.replace(/^\ufeff/, ''), { relax_column_count: true }) as string[][];
async function xlsxRows(payload: Buffer): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(payload as never);
  const rows: unknown[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('every CSV and XLSX the platform writes neutralises formulas', () => {
  let t: TestApp;
  let city: Agent;
  const firms: string[] = [];

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    for (const [i, name] of NAMES.entries()) {
      const res = await city.request('POST', '/api/v1/enterprises', {
        uscc: makeUscc('91', '431002', `MA4F000${i}`),
        name,
        regionCode: '431002',
        industryCode: 'nonferrous',
      });
      expect(res.statusCode, res.body).toBe(201);
      firms.push(res.json().id);
    }
    // A loss: a plain negative number, which must stay a number.
    expect(
      (await city.request('POST', `/api/v1/enterprises/${firms[0]}/yearly-figures`, { year: YEAR, outputValue: 100, profitAndTax: -5000 }))
        .statusCode,
    ).toBe(201);
  });
  afterAll(() => t.close());

  it('the archive export (CSV and XLSX); a negative figure stays a plain number; the file re-imports unchanged', async () => {
    const csv = await city.request('GET', '/api/v1/exports/enterprises?format=csv');
    expect(csv.statusCode).toBe(200);
    const names = csvRows(csv.body)
      .slice(1)
      .map((r) => r[1]);
    expect(names.sort()).toEqual(NAMES.map(quoted).sort());
    const xlsx = await city.request('GET', '/api/v1/exports/enterprises');
    expect(
      (await xlsxRows(xlsx.rawPayload))
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual(NAMES.map(quoted).sort());
    const figures = csvRows((await city.request('GET', '/api/v1/exports/yearly-figures?format=csv')).body);
    const profit = figures[0]!.indexOf('利税（元）');
    expect(figures[1]![profit]).toBe('-5000');
    // Re-importing the export changes nothing: the quote is the writer's, not part of the name.
    const { body, headers } = multipart('企业.csv', csv.body);
    const again = await city.request('POST', '/api/v1/imports/enterprises?mode=check', body, headers);
    expect(again.json()).toMatchObject({ rows: 4, inserted: 0, updated: 0, unchanged: 4, rejected: 0 });
  });

  it('the key-projects export: names neutralised, the investment a number cell', async () => {
    for (const [i, id] of firms.slice(0, 3).entries()) {
      expect(
        (
          await city.request('POST', '/api/v1/key-projects', {
            enterpriseId: id,
            year: YEAR,
            name: `=${NAMES[i]}改造`,
            investment: 1000 * (i + 1),
          })
        ).statusCode,
      ).toBe(201);
    }
    const rows = csvRows((await city.request('GET', `/api/v1/key-projects/export?year=${YEAR}&format=csv`)).body).slice(1);
    expect(rows.map((r) => [r[3], r[4], r[5]])).toEqual([
      [quoted(NAMES[2]), quoted(`=${NAMES[2]}改造`), '3000'],
      [quoted(NAMES[1]), quoted(`=${NAMES[1]}改造`), '2000'],
      [quoted(NAMES[0]), quoted(`=${NAMES[0]}改造`), '1000'],
    ]);
    const xlsx = await xlsxRows((await city.request('GET', `/api/v1/key-projects/export?year=${YEAR}`)).rawPayload);
    expect(xlsx.slice(1).map((r) => [r[3], r[5]])).toEqual([
      [quoted(NAMES[2]), 3000],
      [quoted(NAMES[1]), 2000],
      [quoted(NAMES[0]), 1000],
    ]);
  });

  it("a plan's results CSV", async () => {
    const category = (
      await t.db.kysely.selectFrom('product_categories').select('code').where('name', '=', '灭火器').executeTakeFirstOrThrow()
    ).code;
    const lab = (await city.request('POST', '/api/v1/testing-bodies', { name: '@郴州市检验站', accreditationNo: 'CMA-F-1' })).json();
    const plan = (
      await city.request('POST', '/api/v1/inspection-plans', {
        year: YEAR + 1,
        level: 'city',
        title: '公式测试抽查',
        departmentCode: 'quality',
        regionCode: '431000',
        categories: [{ categoryCode: category, plannedBatches: 1, testItems: ['充装量'] }],
      })
    ).json();
    const c = (
      await city.request('POST', '/api/v1/inspections', {
        planId: plan.id,
        categoryCode: category,
        sampledEnterpriseId: firms[0],
        productName: '-灭火器',
        model: '=1+1',
        batch: '2026-01',
        place: 'production',
        sampledOn: today,
        documentNo: 'F-1',
        samplers: ['甲', '乙'],
      })
    ).json();
    expect(
      (
        await city.request('POST', `/api/v1/inspections/${c.id}/actions`, {
          action: 'record_result',
          version: 1,
          on: today,
          testingBodyId: lab.id,
          reportNo: 'R-F',
          items: [{ item: '充装量', passed: true }],
        })
      ).statusCode,
    ).toBe(200);
    expect((await city.request('POST', `/api/v1/inspection-plans/${plan.id}/publish`, {})).json()).toMatchObject({ published: 1 });
    const [, row] = csvRows((await city.request('GET', `/api/v1/inspection-plans/${plan.id}/results?format=csv`)).body);
    expect([row![1], row![3], row![5], row![10]]).toEqual(["'-灭火器", "'=1+1", quoted(NAMES[0]), "'@郴州市检验站"]);
  });

  it('the rejected-rows file of an import', async () => {
    const csv = `统一社会信用代码,企业名称,所属县市区,行业\n${makeUscc('91', '431002', 'MA4F0100')},@SUM(A1),北湖区,采矿业\n`;
    const { body, headers } = multipart('企业.csv', csv);
    const report = (await city.request('POST', '/api/v1/imports/enterprises', body, headers)).json();
    expect(report.rejected).toBe(1);
    const rows = csvRows((await city.request('GET', `/api/v1/imports/${report.id}/rejected`)).body);
    expect(rows[1]!.slice(1, 3)).toEqual(["'@SUM(A1)", '北湖区']);
  });

  it('a refused export leaves no file behind', async () => {
    const tmp = path.join(t.config.dataDir, 'tmp');
    const before = fs.existsSync(tmp) ? fs.readdirSync(tmp) : [];
    for (const format of ['csv', 'xlsx']) {
      // The list query is refused (a one-character search) after the export's file was opened.
      const res = await city.request('GET', `/api/v1/exports/enterprises?format=${format}&q=a`);
      expect(res.json().error.code).toBe('search_too_short');
    }
    expect(fs.existsSync(tmp) ? fs.readdirSync(tmp) : []).toEqual(before);
    // And a sent one is removed once sent.
    expect((await city.request('GET', '/api/v1/exports/enterprises?format=csv')).statusCode).toBe(200);
    expect(fs.readdirSync(tmp)).toEqual(before);
  });
});
