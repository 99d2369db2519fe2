import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from '../src/server/lib/tabular/exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../src/server/authz/actor';
import { makeUscc } from '../src/server/lib/uscc';
import { exportArchive } from '../src/server/modules/enterprises/import/export';
import { importFile } from '../src/server/modules/enterprises/import/importer';
import { UnreadableFile } from '../src/server/lib/tabular/read';
import { testApp, type TestApp } from './helpers/app';
import { makeContext } from '../src/server/context';

const HEADER = '统一社会信用代码,企业名称,所属县市区,行业,成立日期,经营状态,规模以上';
const code = (n: number, region = '431002') => makeUscc('91', region, `MA4M${String(n).padStart(4, '0')}`);

describe('importing the archive from spreadsheets', () => {
  let t: TestApp;
  let dir: string;
  const city: Actor = { ...systemActor('cli'), role: 'city_officer' };
  const file = (name: string, content: string | Buffer) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, content);
    return p;
  };
  const run = (
    p: string,
    mode: 'all' | 'partial' | 'check' = 'all',
    actor: Actor = city,
    kind: 'enterprises' | 'yearly-figures' = 'enterprises',
  ) =>
    importFile(makeContext(t.db.kysely, { ...t.config, dataDir: dir }, undefined as never), actor, kind, p, {
      mode,
      fileName: path.basename(p),
    });
  const count = async () =>
    Number(
      (
        await t.db.kysely
          .selectFrom('enterprises')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await testApp();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qc-import-'));
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads UTF-8 CSV with a BOM; importing the same file again changes nothing and says so', async () => {
    const csv = `\ufeff${HEADER}\n${code(1)},郴州市甲有限公司,北湖区,有色冶金,2024-03-05,在营,是\n${code(2)},郴州市乙有限公司,431003,electronics,2024/3/5,停产,否\n`;
    const p = file('utf8.csv', csv);
    const first = await run(p);
    expect(first).toMatchObject({ rows: 2, inserted: 2, updated: 0, unchanged: 0, rejected: 0, written: true, errors: [] });
    const again = await run(p);
    expect(again).toMatchObject({ rows: 2, inserted: 0, updated: 0, unchanged: 2, written: false });
    const b = await t.db.kysely.selectFrom('enterprises').selectAll().where('uscc', '=', code(2)).executeTakeFirstOrThrow();
    expect(b).toMatchObject({
      region_code: '431003',
      industry_code: 'electronics',
      founded_on: '2024-03-05',
      status: 'suspended',
      version: 1,
    });
  });

  it('reads GBK (GB18030) CSV as Chinese Excel saves it, and updates in place', async () => {
    const csv = `${HEADER}\r\n${code(1)},郴州市甲有限公司（更名）,北湖区,有色冶金,2024年3月5日,在营,是\r\n${code(3)},郴州市丙有限公司,资兴市,能源,45356,在营,否\r\n`;
    const report = await run(file('gbk.csv', iconv.encode(csv, 'gbk')));
    expect(report).toMatchObject({ inserted: 1, updated: 1, unchanged: 0, rejected: 0 });
    const a = await t.db.kysely.selectFrom('enterprises').selectAll().where('uscc', '=', code(1)).executeTakeFirstOrThrow();
    expect(a).toMatchObject({ name: '郴州市甲有限公司（更名）', version: 2 });
    const c = await t.db.kysely.selectFrom('enterprises').selectAll().where('uscc', '=', code(3)).executeTakeFirstOrThrow();
    expect(c).toMatchObject({ region_code: '431081', industry_code: 'energy', founded_on: '2024-03-05' });
    const events = await t.db.kysely.selectFrom('audit_events').select('action').where('subject_id', '=', a.id).execute();
    expect(events.map((e) => e.action)).toEqual(['enterprise.update']);
  });

  it('a rename by import keeps the former names searchable', async () => {
    const a = await t.db.kysely.selectFrom('enterprises').select('id').where('uscc', '=', code(1)).executeTakeFirstOrThrow();
    await t.services.records.create(city, 'former-names', { enterpriseId: a.id }, { name: '郴州市老字号冶炼厂' });
    const csv = `${HEADER}\n${code(1)},郴州市甲有限公司（再更名）,北湖区,有色冶金,2024-03-05,在营,是\n`;
    expect(await run(file('rename.csv', csv))).toMatchObject({ updated: 1 });
    const found = async (q: string) => (await t.services.enterprises.list(city, { q })).items.map((e) => e.id);
    expect(await found('老字号冶炼')).toEqual([a.id]);
    expect(await found('再更名')).toEqual([a.id]);
    const event = await t.db.kysely
      .selectFrom('audit_events')
      .select(['before', 'after'])
      .where('subject_id', '=', a.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.after!)).toMatchObject({ name: '郴州市甲有限公司（再更名）', via: 'import' });
    expect(JSON.parse(event.before!)).toMatchObject({ name: '郴州市甲有限公司（更名）' });
  });

  it('reports every bad row with line, column, value and a Chinese message, and writes nothing', async () => {
    const before = await count();
    const csv = [
      HEADER,
      `${code(10)},郴州市好有限公司,北湖区,有色冶金,2020-01-01,在营,是`,
      `9143100046525942XX,坏码有限公司,北湖区,有色冶金,,,`,
      `${code(11)},未知县有限公司,火星区,有色冶金,,,`,
      `${code(12)},坏日期有限公司,北湖区,有色冶金,2023-02-29,在营,也许`,
      `${code(10)},重复有限公司,北湖区,有色冶金,,,`,
      `${code(13)},,北湖区,有色冶金,,,`,
    ].join('\n');
    const report = await run(file('bad.csv', csv));
    expect(report).toMatchObject({ rows: 6, rejected: 5, written: false, inserted: 0 });
    expect(report.errors).toEqual([
      { line: 3, column: '统一社会信用代码', value: '9143100046525942XX', message: '校验位错误；试点地区旧码请在“校验位例外理由”列说明' },
      { line: 4, column: '所属县市区', value: '火星区', message: '未知的县市区：火星区（填写名称或代码）' },
      { line: 5, column: '成立日期', value: '2023-02-29', message: '日期不存在' },
      { line: 5, column: '规模以上', value: '也许', message: '应填“是”或“否”' },
      { line: 6, column: '统一社会信用代码', value: code(10), message: '与第 2 行重复' },
      { line: 7, column: '企业名称', value: '', message: '不能为空' },
    ]);
    expect(await count()).toBe(before);
    const rejected = fs.readFileSync(path.join(dir, 'imports', report.rejectedFile!), 'utf8');
    expect(rejected.split('\n')[0]).toBe(`\ufeff${HEADER},错误说明`);
    expect(rejected).toContain('所属县市区：未知的县市区：火星区（填写名称或代码）');
  });

  it('partial mode writes the valid rows and returns the rejected ones', async () => {
    const csv = [HEADER, `${code(20)},郴州市部分一有限公司,北湖区,有色冶金,,,`, `${code(21)},部分二,火星区,有色冶金,,,`].join('\n');
    const report = await run(file('partial.csv', csv), 'partial');
    expect(report).toMatchObject({ inserted: 1, rejected: 1, written: true });
    expect(await t.db.kysely.selectFrom('enterprises').select('name').where('uscc', '=', code(20)).executeTakeFirst()).toEqual({
      name: '郴州市部分一有限公司',
    });
    expect(fs.existsSync(path.join(dir, 'imports', report.rejectedFile!))).toBe(true);
  });

  it('refuses missing, repeated and unknown headers before reading rows', async () => {
    const report = await run(file('headers.csv', `统一社会信用代码,企业名称,企业名称,备注\n${code(30)},x,y,z\n`));
    expect(report.written).toBe(false);
    expect(report.errors.map((e) => e.message)).toEqual(['列名重复（第 2 列与第 3 列）', '缺少必填列', '缺少必填列']);
    expect(report.errors.map((e) => e.column)).toEqual(['企业名称', '所属县市区', '行业']);
    expect(report.warnings).toEqual(['未识别的列“备注”已忽略']);
  });

  it('a county officer imports only their county', async () => {
    const beihu: Actor = { ...city, role: 'county_officer', regionCode: '431002', regions: ['431002'] };
    const csv = [HEADER, `${code(40)},郴州市北湖有限公司,北湖区,有色冶金,,,`, `${code(41)},外县有限公司,永兴县,有色冶金,,,`].join('\n');
    const report = await run(file('scope.csv', csv), 'all', beihu);
    expect(report.errors).toEqual([{ line: 3, column: '所属县市区', value: '431023', message: '只能导入本县市区的企业' }]);
    expect(report.written).toBe(false);
  });

  it('reads XLSX with real dates, and yearly figures with 万元 and thousands separators', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('企业');
    sheet.addRow(HEADER.split(','));
    sheet.addRow([code(50), '郴州市表格有限公司', '苏仙区', '新型建材', new Date(Date.UTC(2015, 5, 1)), '在营', '是']);
    const xlsx = path.join(dir, 'enterprises.xlsx');
    await book.xlsx.writeFile(xlsx);
    expect(await run(xlsx)).toMatchObject({ inserted: 1, rejected: 0 });
    expect(await t.db.kysely.selectFrom('enterprises').select('founded_on').where('uscc', '=', code(50)).executeTakeFirst()).toEqual({
      founded_on: '2015-06-01',
    });

    const yearly = [
      '统一社会信用代码,年份,工业总产值（元）,新产品产值（元）,利税（元）,从业人员（人）',
      `${code(50)},2024,"12,345.67万元",1500万,-20万,320`,
      `${code(50)},2023,100000000,200000000,,`,
      `${code(99)},2024,1,,,`,
    ].join('\n');
    const report = await run(file('yearly.csv', yearly), 'partial', city, 'yearly-figures');
    expect(report).toMatchObject({ inserted: 1, rejected: 2 });
    expect(report.errors.map((e) => e.message)).toEqual(['新产品产值不能大于工业总产值', '档案中没有该企业，请先导入企业基本信息']);
    const row = await t.db.kysely.selectFrom('enterprise_yearly_figures').selectAll().executeTakeFirstOrThrow();
    // 12,345.67 万元 = 123,456,700 yuan; 1500 万 = 15,000,000; −20 万 = −200,000
    expect(row).toMatchObject({
      year: 2024,
      output_value: 123_456_700,
      new_product_output_value: 15_000_000,
      profit_and_tax: -200_000,
      employees: 320,
    });
  });

  it('keeps Chinese text intact across the XML chunks of a large XLSX (exceljs stream bug worked around)', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('企业');
    sheet.addRow(HEADER.split(','));
    const names = Array.from({ length: 3000 }, (_, i) => `郴州市长名称测试第${i}号湘南有色金属冶炼加工有限责任公司`);
    names.forEach((name, i) => sheet.addRow([code(1000 + i), name, '桂阳县', '有色冶金', '', '在营', '否']));
    const xlsx = path.join(dir, 'large.xlsx');
    await book.xlsx.writeFile(xlsx);
    expect(await run(xlsx)).toMatchObject({ inserted: 3000, rejected: 0 });
    const stored = await t.db.kysely.selectFrom('enterprises').select('name').where('region_code', '=', '431021').execute();
    expect(stored.map((r) => r.name).sort()).toEqual([...names].sort());
  });

  it('refuses empty, garbage, truncated and zip-bomb files, writing nothing', async () => {
    const before = await count();
    const unreadable = async (p: string) =>
      run(p).then(
        () => null,
        (err: unknown) => (err instanceof UnreadableFile ? err.code : String(err)),
      );
    expect(await unreadable(file('empty.csv', ''))).toBe('file_empty');
    expect(await unreadable(file('garbage.csv', Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256))))).toBe(
      'file_unreadable',
    );
    const good = fs.readFileSync(path.join(dir, 'enterprises.xlsx'));
    expect(await unreadable(file('truncated.xlsx', good.subarray(0, Math.floor(good.length / 2))))).toBe('file_unreadable');
    // The same workbook, its central directory claiming 3 GiB for one member.
    const bomb = Buffer.from(good);
    const eocd = bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    bomb.writeUInt32LE(3 * 2 ** 30, bomb.readUInt32LE(eocd + 16) + 24);
    expect(await unreadable(file('bomb.xlsx', bomb))).toBe('file_too_large');
    // 2,500 good rows (two chunks written while the file is still read), then a quote never closed.
    const good2500 = Array.from({ length: 2500 }, (_, i) => `${code(5000 + i)},郴州市断尾${i}有限公司,北湖区,有色冶金,,在营,否`);
    expect(await unreadable(file('cut.csv', [HEADER, ...good2500, `${code(7600)},"郴州市未完`].join('\n')))).toBe('file_unreadable');
    expect(await count()).toBe(before);
  });

  it('an export re-imports with no changes, in CSV and in XLSX', async () => {
    const enterprises = t.services.enterprises;
    const ctx = makeContext(t.db.kysely, t.config, undefined as never);
    for (const format of ['csv', 'xlsx'] as const) {
      const out = path.join(dir, `export.${format}`);
      const n = await exportArchive(ctx, enterprises, city, 'enterprises', {}, format, out);
      expect(n).toBe(await count());
      const report = await run(out);
      expect(report).toMatchObject({ rows: n, inserted: 0, updated: 0, unchanged: n, rejected: 0 });
      const yearlyOut = path.join(dir, `yearly.${format}`);
      const y = await exportArchive(ctx, enterprises, city, 'yearly-figures', {}, format, yearlyOut);
      expect(y).toBe(1);
      expect(await run(yearlyOut, 'all', city, 'yearly-figures')).toMatchObject({ unchanged: 1, rejected: 0 });
    }
  });
});
