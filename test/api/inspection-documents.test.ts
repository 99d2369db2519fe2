import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/server/lib/uscc';
import { rolesExcept, testApp, type Agent, type TestApp } from '../helpers/app';
import { multipart } from '../helpers/multipart';

/** Documents on a case (test report scans), with the same checks as a cultivation's. */
describe('documents attached to a spot-check case', () => {
  let t: TestApp;
  let city: Agent;
  let url: string;
  const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
  const send = (agent: Agent, name: string, content: Buffer | string, type = 'application/pdf', to = url) => {
    const { body, headers } = multipart(name, content, type);
    return agent.request('POST', to, body, headers);
  };

  beforeAll(async () => {
    t = await testApp({ QC_DOCUMENT_MAX_MB: '1' });
    city = await t.as('city_officer');
    const category = (
      await t.db.kysely.selectFrom('product_categories').select('code').where('name', '=', '灭火器').executeTakeFirstOrThrow()
    ).code;
    const e = (
      await city.request('POST', '/api/v1/enterprises', {
        uscc: makeUscc('91', '431002', 'MA4F0001'),
        name: '郴州市附件测试消防有限公司',
        regionCode: '431002',
        industryCode: 'chem_machinery',
      })
    ).json();
    const plan = (
      await city.request('POST', '/api/v1/inspection-plans', {
        year: 2026,
        level: 'city',
        title: '附件测试计划',
        departmentCode: 'quality',
        regionCode: '431000',
        categories: [{ categoryCode: category, plannedBatches: 1, testItems: ['充装量'] }],
      })
    ).json();
    const c = (
      await city.request('POST', '/api/v1/inspections', {
        planId: plan.id,
        categoryCode: category,
        sampledEnterpriseId: e.id,
        productName: '灭火器',
        place: 'production',
        sampledOn: '2026-10-01',
        documentNo: 'FJ-1',
        samplers: ['甲', '乙'],
      })
    ).json();
    url = `/api/v1/inspections/${c.id}/documents`;
  });
  afterAll(() => t.close());

  it('401 without a session; 403 for roles that may not read, or add to, cases', async () => {
    const doc = '0192f0c4-0000-7000-8000-000000000009';
    for (const [method, u] of [
      ['GET', url],
      ['POST', url],
      ['GET', `${url}/${doc}`],
      ['DELETE', `${url}/${doc}`],
    ] as const) {
      expect((await t.anonymous(method, u, method === 'DELETE' ? { reason: '错了' } : undefined)).statusCode, `${method} ${u}`).toBe(401);
    }
    for (const role of rolesExcept('admin', 'city_officer', 'county_officer')) {
      const agent = await t.as(
        role,
        undefined,
        role === 'enterprise_user'
          ? { enterpriseId: (await t.db.kysely.selectFrom('enterprises').select('id').executeTakeFirstOrThrow()).id }
          : undefined,
      );
      expect((await send(agent, 'x.pdf', pdf)).statusCode, role).toBe(403);
      expect((await agent.request('DELETE', `${url}/${doc}`, { reason: '上传错了' })).statusCode, role).toBe(403);
      expect((await agent.request('GET', url)).statusCode, role).toBe(role === 'leading_group' ? 200 : 403);
    }
  });

  it('a scan is kept with its size and hash, listed, downloaded, and removed with a reason (the file stays)', async () => {
    const res = await send(city, '检验报告BG-001.pdf', pdf);
    expect(res.statusCode).toBe(201);
    const doc = res.json();
    expect(doc).toMatchObject({ name: '检验报告BG-001.pdf', size: pdf.length });
    expect((await city.request('GET', url)).json().items).toEqual([doc]);
    const got = await city.request('GET', `${url}/${doc.id}`);
    expect([got.statusCode, got.headers['content-type'], got.rawPayload.equals(pdf)]).toEqual([200, 'application/pdf', true]);
    const stored = await t.db.kysely.selectFrom('inspection_documents').select('sha256').where('id', '=', doc.id).executeTakeFirstOrThrow();
    expect(stored.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));

    expect((await city.request('DELETE', `${url}/${doc.id}`, { reason: '' })).json().error.code).toBe('validation_failed');
    expect((await city.request('DELETE', `${url}/${doc.id}`, { reason: '上传错了报告' })).statusCode).toBe(204);
    expect((await city.request('GET', `${url}/${doc.id}`)).statusCode).toBe(404);
    expect((await city.request('GET', url)).json().items).toEqual([]);
    expect(fs.existsSync(path.join(t.config.dataDir, 'documents', doc.id))).toBe(true);
    const row = await t.db.kysely
      .selectFrom('inspection_documents')
      .select(['delete_reason', 'deleted_by'])
      .where('id', '=', doc.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ delete_reason: '上传错了报告', deleted_by: city.userId });
    const subject = url.split('/')[4]!;
    const actions = await t.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', subject)
      .where('action', 'like', 'inspection.document%')
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['inspection.document_add', 'inspection.document_remove']);
  });

  it('400/413 with a code for a renamed executable, another format, an empty or an oversized file, or none; nothing kept', async () => {
    const before = (await t.db.kysely.selectFrom('inspection_documents').select('id').execute()).length;
    const files = () => fs.readdirSync(path.join(t.config.dataDir, 'documents')).length;
    const onDisk = files();
    expect((await send(city, '报告.pdf', Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]))).json().error.code).toBe('document_type');
    expect((await send(city, 'run.exe', Buffer.from([0x4d, 0x5a]), 'application/octet-stream')).json().error.code).toBe('document_type');
    expect((await send(city, '空.pdf', '')).json().error.code).toBe('file_empty');
    const big = await send(city, '大.pdf', Buffer.concat([Buffer.from('%PDF'), Buffer.alloc(2 ** 20 + 10)]));
    expect([big.statusCode, big.json().error.code]).toEqual([413, 'file_too_large']);
    const none = await city.request('POST', url, Buffer.from('--b--\r\n'), { 'content-type': 'multipart/form-data; boundary=b' });
    expect([none.statusCode, none.json().error.code]).toEqual([400, 'no_file']);
    expect((await t.db.kysely.selectFrom('inspection_documents').select('id').execute()).length).toBe(before);
    expect(files()).toBe(onDisk);
  });

  it('scope: another county’s officer finds neither the case nor its documents', async () => {
    const doc = (await send(city, '抽样单.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg')).json();
    const suxian = await t.as('county_officer', undefined, { regionCode: '431003' });
    expect((await suxian.request('GET', url)).statusCode).toBe(404);
    expect((await suxian.request('GET', `${url}/${doc.id}`)).statusCode).toBe(404);
    expect((await send(suxian, 'x.pdf', pdf)).statusCode).toBe(404);
    expect((await suxian.request('DELETE', `${url}/${doc.id}`, { reason: '不是我的' })).statusCode).toBe(404);
    const beihu = await t.as('county_officer', undefined, { regionCode: '431002' });
    expect((await beihu.request('GET', url)).json().items.map((d: { id: string }) => d.id)).toEqual([doc.id]);
  });
});
