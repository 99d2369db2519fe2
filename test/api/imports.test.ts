import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/server/lib/uscc';
import { multipart } from '../helpers/multipart';
import { rolesExcept, testApp, type Agent, type TestApp } from '../helpers/app';

const code = (n: number) => makeUscc('91', '431002', `MA4P${String(n).padStart(4, '0')}`);
const CSV = (rows: string[]) => `\ufeff统一社会信用代码,企业名称,所属县市区,行业\n${rows.join('\n')}\n`;

describe('import and export API', () => {
  let t: TestApp;
  let city: Agent;
  const upload = (agent: Agent, csv: string | Buffer, query = '') => {
    const { body, headers } = multipart('企业.csv', csv);
    return agent.request('POST', `/api/v1/imports/enterprises${query}`, body, headers);
  };

  beforeAll(async () => {
    t = await testApp({ QC_IMPORT_MAX_MB: '1' });
    city = await t.as('city_officer');
  });
  afterAll(() => t.close());

  it('401 without a session on every route', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/import-templates/enterprises'],
      ['POST', '/api/v1/imports/enterprises'],
      ['GET', '/api/v1/imports/0192f0c4-0000-7000-8000-000000000001/rejected'],
      ['GET', '/api/v1/exports/enterprises'],
    ]) {
      expect((await t.anonymous(method!, url!)).statusCode, url).toBe(401);
    }
  });

  it.each(rolesExcept('admin', 'city_officer', 'county_officer'))('403 on importing for %s', async (role) => {
    const agent = await t.as(role);
    expect((await upload(agent, CSV([`${code(1)},甲有限公司,北湖区,有色冶金`]))).statusCode).toBe(403);
  });

  it('templates download in both formats with Chinese headers', async () => {
    const csv = await city.request('GET', '/api/v1/import-templates/enterprises?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain(encodeURIComponent('企业基本信息导入模板.csv'));
    expect(csv.body.startsWith('\ufeff统一社会信用代码*,企业名称*,所属县市区*,行业*,地址')).toBe(true);
    const xlsx = await city.request('GET', '/api/v1/import-templates/yearly-figures');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(
      (await city.request('GET', '/api/v1/import-templates/products?format=csv')).body.startsWith(
        '\ufeff统一社会信用代码*,产品名称*,品牌/商标,型号规格,产品类别',
      ),
    ).toBe(true);
    expect((await city.request('GET', '/api/v1/import-templates/inspections')).json().error.code).toBe('validation_failed');
  });

  it('imports an upload and reports; a bad row keeps everything out, with a rejected-rows file for its importer only', async () => {
    const ok = await upload(city, CSV([`${code(1)},郴州市上传甲有限公司,北湖区,有色冶金`, `${code(2)},郴州市上传乙有限公司,北湖区,能源`]));
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ fileName: '企业.csv', inserted: 2, rejected: 0, written: true });
    const bad = await upload(city, CSV([`${code(3)},郴州市上传丙有限公司,北湖区,有色冶金`, `${code(4)},坏行,北湖区,采矿业`]));
    expect(bad.json()).toMatchObject({ written: false, inserted: 0, rejected: 1 });
    expect(bad.json().errors[0]).toEqual({ line: 3, column: '行业', value: '采矿业', message: '未知的行业：采矿业（填写名称或代码）' });
    const id = bad.json().id;
    const file = await city.request('GET', `/api/v1/imports/${id}/rejected`);
    expect(file.statusCode).toBe(200);
    expect(file.body).toContain('坏行');
    const someoneElse = await t.as('city_officer');
    expect((await someoneElse.request('GET', `/api/v1/imports/${id}/rejected`)).statusCode).toBe(404);
    const partial = await upload(
      city,
      CSV([`${code(3)},郴州市上传丙有限公司,北湖区,有色冶金`, `${code(4)},坏行,北湖区,采矿业`]),
      '?mode=partial',
    );
    expect(partial.json()).toMatchObject({ written: true, inserted: 1, rejected: 1 });
  });

  it('mode=check reports what an import would do and writes nothing; an unknown mode is 400', async () => {
    const csv = CSV([
      `${code(1)},郴州市上传甲有限公司（新名）,北湖区,有色冶金`,
      `${code(9)},郴州市上传庚有限公司,北湖区,能源`,
      `${code(2)},郴州市上传乙有限公司,北湖区,能源`,
    ]);
    const check = await upload(city, csv, '?mode=check');
    expect(check.statusCode).toBe(200);
    expect(check.json()).toMatchObject({ mode: 'check', written: false, inserted: 1, updated: 1, unchanged: 1, rejected: 0 });
    const stored = await t.db.kysely
      .selectFrom('enterprises')
      .select('name')
      .where('uscc', 'in', [code(1), code(9)])
      .execute();
    expect(stored.map((r) => r.name)).toEqual(['郴州市上传甲有限公司']);
    const wrong = await upload(city, csv, '?mode=maybe');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('validation_failed');
  });

  it('bad uploads: none, garbage, GBK that is fine, and over the size limit', async () => {
    const none = await city.request('POST', '/api/v1/imports/enterprises', '--x--\r\n', {
      'content-type': 'multipart/form-data; boundary=x',
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('no_file');
    const garbage = await upload(city, Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 131) % 256)));
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().error.code).toBe('file_unreadable');
    const empty = await upload(city, '');
    expect(empty.json().error.code).toBe('file_empty');
    const big = await upload(city, `统一社会信用代码,企业名称,所属县市区,行业\n${'x,'.repeat(700_000)}`);
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('file_too_large');
    expect((await t.anonymous('GET', '/api/v1/health')).statusCode).toBe(200);
  });

  it("the template's example row is marked and skipped, in both formats; rows filled in below it import", async () => {
    const csv = (await city.request('GET', '/api/v1/import-templates/enterprises?format=csv')).body;
    const [header, example] = csv
      .replace(/^\ufeff/, '')
      .trim()
      .split('\n');
    expect(header!.endsWith(',说明')).toBe(true);
    expect(example).toContain('郴州市示例有限公司');
    expect(example!.endsWith(',示例行：导入时跳过，可删除或改填')).toBe(true);
    const asIs = (await upload(city, csv)).json();
    expect(asIs).toMatchObject({ rows: 0, inserted: 0, rejected: 0, written: false, warnings: ['第 2 行是模板的示例行，已跳过'] });
    const filled = `${csv}${code(20)},郴州市模板填写有限公司,北湖区,有色冶金,,,,,,,,,,,,,,,\n`;
    expect((await upload(city, filled, '?mode=check')).json()).toMatchObject({
      rows: 1,
      inserted: 1,
      rejected: 0,
      warnings: ['第 2 行是模板的示例行，已跳过'],
    });
    const xlsx = (await city.request('GET', '/api/v1/import-templates/yearly-figures')).rawPayload;
    const { body, headers } = multipart('年度.xlsx', xlsx);
    expect((await city.request('POST', '/api/v1/imports/yearly-figures', body, headers)).json()).toMatchObject({
      rows: 0,
      rejected: 0,
      warnings: ['第 2 行是模板的示例行，已跳过'],
    });
    expect(await t.db.kysely.selectFrom('enterprises').select('id').where('name', '=', '郴州市示例有限公司').execute()).toEqual([]);
  });

  it('a row with several errors lists every one of them at once', async () => {
    const badCheck = `${code(21).slice(0, 17)}${code(21).endsWith('0') ? '1' : '0'}`;
    const res = (
      await upload(city, `统一社会信用代码,企业名称,所属县市区,行业,成立日期\n${badCheck},郴州市多错有限公司,苏仙区,采矿业,2024-02-30\n`)
    ).json();
    const county = await t.as('county_officer', undefined, { regionCode: '431002' });
    expect(res.rejected).toBe(1);
    expect(res.errors.map((e: { column: string; message: string }) => `${e.column}：${e.message}`)).toEqual([
      '行业：未知的行业：采矿业（填写名称或代码）',
      '成立日期：日期不存在',
      '统一社会信用代码：校验位错误；试点地区旧码请在“校验位例外理由”列说明',
    ]);
    // A county officer's row for another county, with a bad cell: both said.
    const other = (
      await upload(county, `统一社会信用代码,企业名称,所属县市区,行业,成立日期\n${code(22)},郴州市越界有限公司,苏仙区,有色冶金,昨天\n`)
    ).json();
    expect(other.errors.map((e: { column: string }) => e.column)).toEqual(['成立日期', '所属县市区']);
    // A record row: an enterprise not in the archive and a bad figure.
    const { body, headers } = multipart('年度.csv', `统一社会信用代码,年份,工业总产值（元）\n${code(23)},2024,很多\n`);
    const figures = (await city.request('POST', '/api/v1/imports/yearly-figures', body, headers)).json();
    expect(figures.errors.map((e: { message: string }) => e.message)).toEqual(['不是有效的金额', '档案中没有该企业，请先导入企业基本信息']);
  });

  it('exports the filtered list in the template columns', async () => {
    const res = await city.request('GET', `/api/v1/exports/enterprises?format=csv&q=${encodeURIComponent('上传')}&industryCode=nonferrous`);
    expect(res.statusCode).toBe(200);
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs to read UTF-8
    const lines = res.rawPayload.subarray(3).toString('utf8').trim().split('\n');
    expect(lines[0]).toBe(
      '统一社会信用代码,企业名称,所属县市区,行业,地址,法定代表人,联系人,联系电话,成立日期,经营状态,注销日期,规模以上,重点企业,外资企业,服务业企业,农业龙头企业级别,校验位例外理由',
    );
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[1])
        .sort(),
    ).toEqual(['郴州市上传丙有限公司', '郴州市上传甲有限公司']);
    expect(lines[1]).toContain(',北湖区,有色冶金,');
    expect((await city.request('GET', '/api/v1/exports/enterprises?colour=red')).json().error.code).toBe('validation_failed');
  });
});
