import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/server/lib/uscc';
import { BOUNDARY as B, formData, multipart } from '../helpers/multipart';
import { testApp, type Agent, type TestApp } from '../helpers/app';

/**
 * Every route that takes a multipart upload, and the malformed bodies a client (or a probe) may
 * send it: each answers 4xx with a stable code and a Chinese message, and nothing is written.
 */
describe('malformed uploads', () => {
  let t: TestApp;
  let city: Agent;
  const routes: Record<'import' | 'results' | 'document', { url: string; good: () => ReturnType<typeof multipart> }> = {} as never;
  const csv = `统一社会信用代码,企业名称,所属县市区,行业\n${makeUscc('91', '431002', 'MA4U0001')},郴州市上传测试有限公司,北湖区,有色冶金\n`;
  const pdf = Buffer.from('%PDF-1.7\n%%EOF\n');

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    const firm = (
      await city.request('POST', '/api/v1/enterprises', {
        uscc: makeUscc('91', '431002', 'MA4U0009'),
        name: '郴州市上传培育有限公司',
        regionCode: '431002',
        industryCode: 'nonferrous',
      })
    ).json();
    const category = (
      await t.db.kysely.selectFrom('product_categories').select('code').where('name', '=', '灭火器').executeTakeFirstOrThrow()
    ).code;
    const plan = (
      await city.request('POST', '/api/v1/inspection-plans', {
        year: 2026,
        level: 'provincial',
        title: '上传测试计划',
        departmentCode: 'quality',
        regionCode: '431000',
        categories: [{ categoryCode: category, plannedBatches: 1, testItems: ['X'] }],
      })
    ).json();
    const cultivation = (
      await city.request('POST', '/api/v1/cultivations', { programmeCode: 'chenzhou_top_brand', enterpriseId: firm.id })
    ).json();
    routes.import = { url: '/api/v1/imports/enterprises', good: () => multipart('企业.csv', csv) };
    routes.results = {
      url: `/api/v1/inspection-plans/${plan.id}/result-imports`,
      good: () => multipart('结果.csv', '产品名称,检验结论\n灭火器,合格\n'),
    };
    routes.document = {
      url: `/api/v1/cultivations/${cultivation.id}/documents`,
      good: () => multipart('申报书.pdf', pdf, 'application/pdf'),
    };
  });
  afterAll(() => t.close());

  const good = (route: keyof typeof routes) => routes[route].good().body;
  const send = (route: keyof typeof routes, body: Buffer | string, headers: Record<string, string>) =>
    city.request('POST', routes[route].url, body, headers);
  const written = async () => ({
    enterprises: (await t.db.kysely.selectFrom('enterprises').select('id').where('name', '=', '郴州市上传测试有限公司').execute()).length,
    documents: (await t.db.kysely.selectFrom('cultivation_documents').select('id').execute()).length,
    resultImports: (await t.db.kysely.selectFrom('inspection_result_imports').select('id').execute()).length,
  });

  const BAD: [string, number, string, string, () => { body: Buffer | string; headers: Record<string, string> }][] = [
    [
      'no boundary',
      400,
      'upload_malformed',
      '上传的内容不完整或格式不正确，请重新上传',
      () => ({ body: good('import'), headers: { 'content-type': 'multipart/form-data' } }),
    ],
    [
      'a body cut off inside the file',
      400,
      'upload_malformed',
      '上传的内容不完整或格式不正确，请重新上传',
      () => ({ body: good('import').subarray(0, 150), headers: { 'content-type': `multipart/form-data; boundary=${B}` } }),
    ],
    [
      'a body without its closing boundary',
      400,
      'upload_malformed',
      '上传的内容不完整或格式不正确，请重新上传',
      () => ({
        body: good('import').subarray(0, good('import').length - `--${B}--\r\n`.length),
        headers: { 'content-type': `multipart/form-data; boundary=${B}` },
      }),
    ],
    [
      'a JSON body',
      415,
      'unsupported_media_type',
      '不支持的请求内容类型',
      () => ({ body: '{"file":"x"}', headers: { 'content-type': 'application/json' } }),
    ],
    [
      'another content type',
      415,
      'unsupported_media_type',
      '不支持的请求内容类型',
      () => ({ body: 'x', headers: { 'content-type': 'application/xml' } }),
    ],
    [
      'an empty body',
      400,
      'no_file',
      '请选择要上传的文件',
      () => ({ body: '', headers: { 'content-type': `multipart/form-data; boundary=${B}` } }),
    ],
    [
      'no parts',
      400,
      'no_file',
      '请选择要上传的文件',
      () => ({ body: `--${B}--\r\n`, headers: { 'content-type': `multipart/form-data; boundary=${B}` } }),
    ],
    ['a text field instead of the file', 400, 'no_file', '请选择要上传的文件', () => formData([{ name: 'file', content: 'abc' }])],
    [
      'the file in another field',
      400,
      'upload_field',
      '文件须放在 multipart 字段 file 中上传',
      () => formData([{ name: 'upload', fileName: 'a.pdf', content: pdf }]),
    ],
    [
      'two files',
      400,
      'upload_one_file',
      '一次只能上传一个文件，且不能附带其他字段',
      () =>
        formData([
          { name: 'file', fileName: '企业.csv', content: csv },
          { name: 'file', fileName: 'b.pdf', content: pdf },
        ]),
    ],
    [
      'a file and a field',
      400,
      'upload_one_file',
      '一次只能上传一个文件，且不能附带其他字段',
      () =>
        formData([
          { name: 'file', fileName: '企业.csv', content: csv },
          { name: 'note', content: 'x' },
        ]),
    ],
  ];

  for (const route of ['import', 'results', 'document'] as const) {
    describe(route, () => {
      it.each(BAD)('%s → %i %s', async (_name, status, code, message, make) => {
        const before = await written();
        const { body, headers } = make();
        const res = await send(route, body, headers);
        expect([res.statusCode, res.json().error.code, res.json().error.message]).toEqual([status, code, message]);
        expect(await written()).toEqual(before);
      });
    });
  }

  it('the well-formed uploads still go through, and the server keeps answering', async () => {
    const sendGood = (route: keyof typeof routes) => {
      const { body, headers } = routes[route].good();
      return send(route, body, headers);
    };
    expect((await sendGood('import')).json()).toMatchObject({ inserted: 1, written: true });
    expect((await sendGood('document')).statusCode).toBe(201);
    // Read and shown for the officer to map: the file got through; a table without a firm column is not ready.
    const results = await sendGood('results');
    expect(results.statusCode).toBe(200);
    expect(results.json().columns.map((c: { field: string }) => c.field)).toEqual(['productName', 'result']);
    expect((await t.anonymous('GET', '/api/v1/health')).statusCode).toBe(200);
  });
});
