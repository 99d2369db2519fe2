import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordKind } from '../src/contract/schemas/records';
import { systemActor, type Actor } from '../src/server/authz/actor';
import { makeUscc } from '../src/server/lib/uscc';
import { exportArchive } from '../src/server/modules/enterprises/import/export';
import { importFile, type ImportKind } from '../src/server/modules/enterprises/import/importer';
import { testApp, type TestApp } from './helpers/app';
import { makeContext } from '../src/server/context';

const code = (n: number, region = '431002') => makeUscc('91', region, `MA4R${String(n).padStart(4, '0')}`);
const A = code(1);
const B = code(2);
const FAR = code(3, '431023'); // 永兴县

describe('importing the records kept under enterprises', () => {
  let t: TestApp;
  let dir: string;
  const city: Actor = { ...systemActor('cli'), role: 'city_officer' };
  const beihu: Actor = { ...systemActor('cli'), role: 'county_officer', regionCode: '431002', regions: ['431002'] };
  let n = 0;
  const csv = (lines: string[]) => {
    const p = path.join(dir, `f${n++}.csv`);
    fs.writeFileSync(p, `\ufeff${lines.join('\n')}\n`);
    return p;
  };
  const run = (kind: ImportKind, p: string, mode: 'all' | 'partial' = 'partial', actor: Actor = city) =>
    importFile(makeContext(t.db.kysely, { ...t.config, dataDir: dir }, undefined as never), actor, kind, p, {
      mode,
      fileName: path.basename(p),
    });
  const records = (table: 'products' | 'product_standards' | 'certifications' | 'licences' | 'quality_staff') =>
    t.db.kysely.selectFrom(table).selectAll().execute();

  beforeAll(async () => {
    t = await testApp();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qc-import-records-'));
    const enterprises = csv([
      '统一社会信用代码,企业名称,所属县市区,行业',
      `${A},郴州市甲冶炼有限公司,北湖区,有色冶金`,
      `${B},郴州市乙电缆有限公司,北湖区,电子信息`,
      `${FAR},永兴丙有限公司,永兴县,有色冶金`,
    ]);
    expect(await run('enterprises', enterprises, 'all')).toMatchObject({ inserted: 3 });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('products: category by name or code, unknown enterprise and category named, a repeated product refused', async () => {
    const report = await run(
      'products',
      csv([
        '统一社会信用代码,产品名称,品牌/商标,型号规格,产品类别,重点产品,出口产品,食品,按标准组织生产',
        `${A},电解铅,郴铅,Pb99.994,有色金属及合金制品,是,是,否,是`,
        `${A},电解锌,,,没有的类别,,,,`,
        `${code(9)},电解铜,,,,,,,`,
        `${A},电解铅,郴铅,Pb99.994,,,,,`,
        `${B},电力电缆,,,,,,,否`,
      ]),
    );
    expect(report).toMatchObject({ rows: 5, inserted: 2, rejected: 3 });
    expect(report.errors).toEqual([
      { line: 3, column: '产品类别', value: '没有的类别', message: '未知的产品类别：没有的类别（填写名称或代码）' },
      { line: 4, column: '统一社会信用代码', value: code(9), message: '档案中没有该企业，请先导入企业基本信息' },
      { line: 5, column: '型号规格', value: 'Pb99.994', message: '与第 2 行重复' },
    ]);
    const stored = await records('products');
    expect(stored.find((p) => p.name === '电解铅')).toMatchObject({
      brand: '郴铅',
      model: 'Pb99.994',
      key_product: expect.anything(),
      category_code: expect.any(String),
    });
    // An empty 按标准组织生产 takes the default (yes); 否 is kept.
    expect(stored.map((p) => [p.name, Boolean(p.made_to_standard)]).sort()).toEqual([
      ['电力电缆', false],
      ['电解铅', true],
    ]);
  });

  it('standards: found under their product by name, brand and model; the adoption rule holds', async () => {
    const report = await run(
      'standards',
      csv([
        '统一社会信用代码,产品名称,品牌/商标,型号规格,标准编号,标准类别,采标程度,所采用的国际/国外标准编号',
        `${A},电解铅,郴铅,Pb99.994,GB/T 469-2013,国家标准,,`,
        `${A},电解铅,郴铅,Pb99.994,ISO 1234:2010,国际标准,等同采用,`,
        `${A},电解铅,郴铅,Pb99.99,GB/T 470-2008,national,,`,
        `${A},电解铅,郴铅,Pb99.994,Q/CZYL 001-2020,企业标准,MOD,ISO 8888:2015`,
        `${A},电解铅,郴铅,Pb99.994,GB 1-2020,部门标准,,`,
      ]),
    );
    expect(report).toMatchObject({ inserted: 2, rejected: 3 });
    expect(report.errors).toEqual([
      { line: 3, column: '所采用的国际/国外标准编号', value: '', message: '采标时须填写所采用的国际或国外标准编号' },
      { line: 4, column: '产品名称', value: '电解铅', message: '该企业档案中没有这个产品（产品名称、品牌、型号须一致），请先导入产品' },
      {
        line: 6,
        column: '标准类别',
        value: '部门标准',
        message: '应为以下之一：国家标准、行业标准、地方标准、团体标准、企业标准、国际标准、国外先进标准',
      },
    ]);
    const stored = await records('product_standards');
    expect(stored.map((s) => [s.standard_no, s.kind, s.adoption, s.adopted_standard_no]).sort()).toEqual([
      ['GB/T 469-2013', 'national', 'none', ''],
      ['Q/CZYL 001-2020', 'enterprise', 'MOD', 'ISO 8888:2015'],
    ]);
  });

  it('standards: each number checked against its kind with a clear error per row; an unknown form passes with a reason; old numbers re-import as they are', async () => {
    // Stored before the check: a number of no known form, and one that is not what its kind says.
    const product = (await t.db.kysely.selectFrom('products').select(['id']).where('name', '=', '电力电缆').executeTakeFirstOrThrow()).id;
    const now = new Date().toISOString();
    const legacy = {
      product_id: product,
      adoption: 'none',
      adopted_standard_no: '',
      version: 1,
      created_at: now,
      updated_at: now,
      created_by: null,
    };
    await t.db.kysely
      .insertInto('product_standards')
      .values([
        { id: '01900000-0000-7000-8000-00000000b001', standard_no: '厂标2019', kind: 'enterprise', ...legacy },
        { id: '01900000-0000-7000-8000-00000000b002', standard_no: 'GB/T12706.1-2020', kind: 'group', ...legacy },
      ])
      .execute();
    const report = await run(
      'standards',
      csv([
        '统一社会信用代码,产品名称,品牌/商标,型号规格,标准编号,标准类别,采标程度,所采用的国际/国外标准编号,编号例外理由',
        `${B},电力电缆,,,GB/T 2951.11-2008,企业标准,,,`,
        `${B},电力电缆,,,XX,国家标准,,,`,
        `${B},电力电缆,,,CECS 102:2002,团体标准,,,协会旧标准，无 T/ 代号`,
        `${B},电力电缆,,,ＧＢ／Ｔ　３９５６－２００８,国家标准,修改采用,IEC 60228:2004,`,
        `${B},电力电缆,,,DB43/T 1234-2016,地方标准,等同采用,GB/T 1-2020,`,
        `${B},电力电缆,,,厂标2019,企业标准,,,`,
        `${B},电力电缆,,,GB/T 12706.1-2020,团体标准,,,`,
      ]),
    );
    expect(report).toMatchObject({ inserted: 2, unchanged: 2, rejected: 3 });
    expect(report.errors).toEqual([
      { line: 2, column: '标准类别', value: 'enterprise', message: 'GB/T 2951.11-2008 是国家标准，不能登记为企业标准' },
      { line: 3, column: '标准编号', value: 'XX', message: expect.stringContaining('无法识别的标准编号') },
      {
        line: 6,
        column: '所采用的国际/国外标准编号',
        value: 'GB/T 1-2020',
        message: '采标须采用国际标准或国外先进标准，GB/T 1-2020 是国家标准',
      },
    ]);
    const stored = await t.db.kysely
      .selectFrom('product_standards')
      .select(['standard_no', 'kind', 'standard_no_override_reason'])
      .where('product_id', '=', product)
      .orderBy('standard_no')
      .execute();
    expect(stored).toEqual([
      { standard_no: 'CECS 102:2002', kind: 'group', standard_no_override_reason: '协会旧标准，无 T/ 代号' },
      { standard_no: 'GB/T 3956-2008', kind: 'national', standard_no_override_reason: null },
      // Re-imported as they were (another spelling of a stored number is the same number): untouched.
      { standard_no: 'GB/T12706.1-2020', kind: 'group', standard_no_override_reason: null },
      { standard_no: '厂标2019', kind: 'enterprise', standard_no_override_reason: null },
    ]);
  });

  it('certifications: a number held by another enterprise, 其他 without a name and dates out of order are refused', async () => {
    const report = await run(
      'certifications',
      csv([
        '统一社会信用代码,认证类别,其他认证名称,证书编号,发证机构,发证日期,到期日期,证书状态',
        `${A},ISO 9001,,00124Q30001,中国质量认证中心,2024/1/10,2027/1/9,有效`,
        `${B},其他,,X-0001,,,,`,
        `${B},ISO14001,,E-0001,,2024-05-01,2023-05-01,`,
      ]),
    );
    expect(report).toMatchObject({ inserted: 1, rejected: 2 });
    expect(report.errors).toEqual([
      { line: 3, column: '其他认证名称', value: '', message: '认证类别为“其他”时须写明名称' },
      { line: 4, column: '到期日期', value: '2023-05-01', message: '到期日不能早于发证日' },
    ]);
    const again = await run('certifications', csv(['统一社会信用代码,认证类别,证书编号', `${B},ISO 9001,00124Q30001`]));
    expect(again.errors).toEqual([{ line: 2, column: '证书编号', value: '00124Q30001', message: '该编号已登记在其他企业名下' }]);
    expect(await records('certifications')).toHaveLength(1);
  });

  it('licences: five years when no expiry is given; re-importing changes nothing', async () => {
    const file = csv([
      '统一社会信用代码,许可证编号,产品单元,发证日期,有效期至,许可证状态',
      `${B},（湘）XK06-001-00001,电线电缆,2022/6/1,,有效`,
    ]);
    expect(await run('licences', file)).toMatchObject({ inserted: 1, rejected: 0 });
    expect(await records('licences')).toMatchObject([
      { licence_no: '（湘）XK06-001-00001', issued_on: '2022-06-01', expires_on: '2027-06-01', status: 'valid' },
    ]);
    expect(await run('licences', file)).toMatchObject({ inserted: 0, updated: 0, unchanged: 1, written: false });
  });

  it('quality staff: updated in place by name and post, audited as an import', async () => {
    const header = '统一社会信用代码,姓名,岗位,资格/职称,联系电话';
    expect(await run('quality-staff', csv([header, `${A},王五,质量负责人,工程师,0735-1`]))).toMatchObject({ inserted: 1 });
    expect(await run('quality-staff', csv([header, `${A},王五,质量负责人,高级工程师,0735-1`]))).toMatchObject({ inserted: 0, updated: 1 });
    const [person] = await records('quality_staff');
    expect(person).toMatchObject({ qualification: '高级工程师', version: 2, trainings: '[]' });
    const events = await t.db.kysely.selectFrom('audit_events').select(['action', 'after']).where('subject_id', '=', person!.id).execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.action).toBe('record.update');
    expect(JSON.parse(events[0]!.after as string)).toMatchObject({ qualification: '高级工程师', via: 'import' });
  });

  it('former names are searchable once imported', async () => {
    expect(
      await run('former-names', csv(['统一社会信用代码,曾用名,启用日期,停用日期', `${A},郴州市湘南老字号冶炼厂,2001/1/1,2009/12/31`])),
    ).toMatchObject({ inserted: 1 });
    const found = await t.services.enterprises.list(city, { q: '老字号' });
    expect(found.items.map((e) => e.uscc)).toEqual([A]);
  });

  it("a county officer imports records only for their county's enterprises", async () => {
    const report = await run('products', csv(['统一社会信用代码,产品名称', `${FAR},锌锭`, `${A},粗铅`]), 'all', beihu);
    expect(report.errors).toEqual([{ line: 2, column: '统一社会信用代码', value: FAR, message: '该企业属于其他县市区' }]);
    expect(report.written).toBe(false);
  });

  it.each(['products', 'standards', 'certifications', 'licences', 'quality-staff', 'former-names'] as RecordKind[])(
    '%s: an export re-imports with no changes, in CSV and XLSX',
    async (kind) => {
      const ctx = makeContext(t.db.kysely, t.config, undefined as never);
      for (const format of ['csv', 'xlsx'] as const) {
        const out = path.join(dir, `${kind}.${format}`);
        const count = await exportArchive(ctx, t.services.enterprises, city, kind, {}, format, out);
        expect(count).toBeGreaterThan(0);
        expect(await run(kind, out, 'all')).toMatchObject({ rows: count, inserted: 0, updated: 0, unchanged: count, rejected: 0 });
      }
    },
  );
});
