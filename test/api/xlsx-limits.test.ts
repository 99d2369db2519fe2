import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../../src/server/lib/tabular/exceljs';
import { oneParseAtATime } from '../../src/server/lib/tabular/parse-slot';
import { makeUscc } from '../../src/server/lib/uscc';
import { multipart } from '../helpers/multipart';
import { testApp, type Agent, type TestApp } from '../helpers/app';

const HEADER = ['统一社会信用代码', '企业名称', '所属县市区', '行业'];
const row = (i: number) => [
  makeUscc('91', '431002', `MA4X${String(i).padStart(4, '0')}`),
  `郴州市限额测试${i}有限公司`,
  '北湖区',
  '有色冶金',
];

async function xlsx(rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('企业');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('spreadsheet reading is bounded: zip bombs, too many rows, one parse per user', () => {
  let t: TestApp;
  let city: Agent;
  const upload = (agent: Agent, name: string, file: Buffer | string, query = '') => {
    const { body, headers } = multipart(name, file);
    return agent.request('POST', `/api/v1/imports/enterprises${query}`, body, headers);
  };

  beforeAll(async () => {
    // Ten rows of a sheet at most, the header included.
    t = await testApp({ QC_IMPORT_MAX_ROWS: '10' });
    city = await t.as('city_officer');
  });
  afterAll(() => t.close());

  it('a small XLSX that would inflate a thousandfold is refused from its directory, before inflating', async () => {
    const bomb = await xlsx([HEADER, [...row(1).slice(0, 1), 'A'.repeat(4_000_000), '北湖区', '有色冶金']]);
    expect(bomb.length).toBeLessThan(100_000);
    const res = await upload(city, '企业.xlsx', bomb);
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({
      code: 'file_too_large',
      details: [{ message: '文件压缩比异常（超过 100 倍），不是正常的 Excel 文件' }],
    });
  });

  it('a sheet over the row limit is refused before a row is imported (XLSX by its row tags, CSV as it streams)', async () => {
    const long = await xlsx([HEADER, ...Array.from({ length: 10 }, (_, i) => row(i))]);
    const res = await upload(city, '企业.xlsx', long);
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'file_too_large', details: [{ message: '超过 10 行，请拆分后再导入' }] });
    const csv = [HEADER, ...Array.from({ length: 10 }, (_, i) => row(i))].map((r) => r.join(',')).join('\n');
    expect((await upload(city, '企业.csv', csv)).json().error.code).toBe('file_too_large');
    // Nine rows and the header: within the limit.
    const fits = await upload(city, '企业.xlsx', await xlsx([HEADER, ...Array.from({ length: 9 }, (_, i) => row(i))]), '?mode=check');
    expect(fits.json()).toMatchObject({ rows: 9, inserted: 9, rejected: 0 });
    expect(await t.db.kysely.selectFrom('enterprises').select('id').where('name', 'like', '郴州市限额测试%').execute()).toEqual([]);
  });

  it('one parse per user at a time: a second upload while the first is read is 429 parse_busy; another user is not held up', async () => {
    const file = await xlsx([HEADER, ...Array.from({ length: 9 }, (_, i) => row(i))]);
    const other = await t.as('city_officer');
    // The first parse is held open by the test (not raced against a real upload, whose reading may end
    // before the second request arrives): the user's slot is taken until `release` is called.
    let release!: () => void;
    const first = oneParseAtATime(city.userId, () => new Promise<void>((resolve) => (release = resolve)));
    const refused = await upload(city, '企业.xlsx', file, '?mode=check');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'parse_busy', message: '您的上一个文件仍在读取中，请等它完成后再上传' });
    expect((await upload(other, '企业.xlsx', file, '?mode=check')).statusCode).toBe(200);
    release();
    await first;
    // Once done, the slot is free again.
    expect((await upload(city, '企业.xlsx', file, '?mode=check')).statusCode).toBe(200);
  });
});
