import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/server/lib/uscc';
import { formData, multipart } from '../helpers/multipart';
import { storedZip } from '../helpers/zip';
import { rolesExcept, testApp, type Agent, type TestApp } from '../helpers/app';

const shift = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const today = shift(0);

describe('the cultivation pipeline (培育一批、申报一批) and its eligibility gate', () => {
  let t: TestApp;
  let city: Agent;
  const firms: Record<'clean' | 'failed' | 'lapsed', string> = { clean: '', failed: '', lapsed: '' };
  const create = (agent: Agent, enterpriseId: string, programmeCode = 'hunan_top_brand') =>
    agent.request('POST', '/api/v1/cultivations', { programmeCode, enterpriseId });
  const advance = (agent: Agent, id: string, body: object) =>
    agent.request('POST', `/api/v1/cultivations/${id}/advance`, { on: today, ...body });

  beforeAll(async () => {
    t = await testApp({ QC_DOCUMENT_MAX_MB: '1' });
    city = await t.as('city_officer');
    let n = 0;
    for (const key of Object.keys(firms) as (keyof typeof firms)[]) {
      firms[key] = (
        await city.request('POST', '/api/v1/enterprises', {
          uscc: makeUscc('91', '431002', `MA4K000${++n}`),
          name: `郴州市培育测试${key}有限公司`,
          regionCode: '431002',
          industryCode: 'nonferrous',
        })
      ).json().id;
    }
    // 'failed' had a batch found unqualified 60 days ago; 'lapsed' holds only an expired licence.
    const category = (
      await t.db.kysely.selectFrom('product_categories').select('code').where('name', '=', '有色金属及合金制品').executeTakeFirstOrThrow()
    ).code;
    const lab = (await city.request('POST', '/api/v1/testing-bodies', { name: '培育测试检验所', accreditationNo: 'CMA-K-1' })).json();
    const plan = (
      await city.request('POST', '/api/v1/inspection-plans', {
        year: Number(today.slice(0, 4)),
        level: 'city',
        title: '培育测试计划',
        departmentCode: 'quality',
        regionCode: '431000',
        categories: [{ categoryCode: category, plannedBatches: 1, testItems: ['X'] }],
      })
    ).json();
    const c = (
      await city.request('POST', '/api/v1/inspections', {
        planId: plan.id,
        categoryCode: category,
        sampledEnterpriseId: firms.failed,
        productName: '铝锭',
        place: 'production',
        sampledOn: shift(-60),
        documentNo: 'K-1',
        samplers: ['甲', '乙'],
      })
    ).json();
    const step = async (body: object) =>
      expect((await city.request('POST', `/api/v1/inspections/${c.id}/actions`, body)).statusCode).toBe(200);
    await step({
      action: 'record_result',
      version: 1,
      on: shift(-50),
      testingBodyId: lab.id,
      reportNo: 'R',
      items: [{ item: 'X', passed: false }],
    });
    await step({ action: 'notify', version: 2, on: shift(-45), receivedOn: shift(-44), method: '送达' });
    await step({ action: 'finalize', version: 3, on: shift(-20) });
    expect(
      (
        await city.request('POST', `/api/v1/enterprises/${firms.lapsed}/licences`, {
          licenceNo: 'XK06-001-00001',
          productUnit: '铝锭',
          issuedOn: '2015-01-01',
          expiresOn: '2020-01-01',
        })
      ).statusCode,
    ).toBe(201);
  });
  afterAll(() => t.close());

  it('401 without a session on every route', async () => {
    const id = '0192f0c4-0000-7000-8000-000000000009';
    for (const [method, url] of [
      ['GET', '/api/v1/cultivations'],
      ['GET', '/api/v1/cultivations/board'],
      ['POST', '/api/v1/cultivations'],
      ['POST', `/api/v1/cultivations/${id}/advance`],
    ] as const) {
      expect((await t.anonymous(method, url, method === 'GET' ? undefined : {})).statusCode, url).toBe(401);
    }
  });

  it('403 for roles that may not read or move the pipeline', async () => {
    for (const role of rolesExcept('admin', 'city_officer', 'county_officer', 'leading_group')) {
      const agent = await t.as(role, `r-${role}`, role === 'enterprise_user' ? { enterpriseId: firms.clean } : undefined);
      expect((await agent.request('GET', '/api/v1/cultivations/board')).statusCode, role).toBe(403);
    }
    for (const role of rolesExcept('admin', 'city_officer', 'county_officer')) {
      const agent = await t.as(role, `w-${role}`, role === 'enterprise_user' ? { enterpriseId: firms.clean } : undefined);
      expect((await create(agent, firms.clean)).statusCode, role).toBe(403);
    }
  });

  it('400 with a code for an unknown programme or stage; 409 for a skipped stage or a stale version', async () => {
    expect((await create(city, firms.clean, 'nobel_prize')).json().error.code).toBe('unknown_programme');
    const c = (await create(city, firms.lapsed, 'chenzhou_top_brand')).json();
    expect((await advance(city, c.id, { to: 'famous', version: 1 })).json().error.code).toBe('validation_failed');
    expect((await advance(city, c.id, { to: 'applied', version: 1 })).json().error.code).toBe('invalid_transition');
    expect((await advance(city, c.id, { to: 'cultivating', version: 7 })).json().error.code).toBe('stale_version');
  });

  it('an eligible enterprise goes from candidate to granted; the board counts it', async () => {
    let c = (await create(city, firms.clean)).json();
    expect(c).toMatchObject({ stage: 'candidate', nextStages: ['cultivating'], enterpriseName: '郴州市培育测试clean有限公司' });
    for (const to of ['cultivating', 'applied', 'recommended', 'reviewing', 'publicised', 'granted']) {
      const res = await advance(city, c.id, { to, version: c.version });
      expect(res.statusCode, to).toBe(200);
      c = res.json();
    }
    expect(c).toMatchObject({ stage: 'granted', nextStages: [], version: 7 });
    // 认定 recorded the honour, dated the day of 认定: 湖南省名牌产品 valid 3 years to the day before.
    const honour = (await city.request('GET', `/api/v1/honours/${c.honourId}`)).json();
    const y3 = `${Number(today.slice(0, 4)) + 3}${today.slice(4)}`;
    expect(honour).toMatchObject({
      programmeCode: 'hunan_top_brand',
      enterpriseId: firms.clean,
      grantedOn: today,
      nextReviewOn: y3,
      status: 'active',
    });
    expect(honour.validUntil).toBe(new Date(Date.parse(y3) - 86_400_000).toISOString().slice(0, 10));
    expect(c.events.map((e: { stage: string }) => e.stage)).toEqual([
      'candidate',
      'cultivating',
      'applied',
      'recommended',
      'reviewing',
      'publicised',
      'granted',
    ]);
    expect((await city.request('GET', '/api/v1/cultivations/board')).json().cells).toContainEqual({
      programmeCode: 'hunan_top_brand',
      regionCode: '431002',
      stage: 'granted',
      count: 1,
    });
  });

  it('a recent unqualified result or lapsed licences block 申报 with the reasons; an override with a reason passes and is kept', async () => {
    const toCultivating = async (enterpriseId: string) => {
      const c = (await create(city, enterpriseId)).json();
      return (await advance(city, c.id, { to: 'cultivating', version: 1 })).json();
    };
    const failed = await toCultivating(firms.failed);
    const blocked = await advance(city, failed.id, { to: 'applied', version: 2 });
    expect([blocked.statusCode, blocked.json().error.code]).toEqual([409, 'not_eligible']);
    expect(blocked.json().error.details).toEqual([{ path: 'recent_failure', message: '近年监督抽查有不合格（结论已确定）' }]);
    const lapsed = await toCultivating(firms.lapsed);
    expect(
      (await advance(city, lapsed.id, { to: 'applied', version: 2 })).json().error.details.map((d: { path: string }) => d.path),
    ).toEqual(['licence_lapsed']);

    const passed = (
      await advance(city, failed.id, { to: 'applied', version: 2, overrideReason: '已整改并经复查合格，经局务会研究同意申报' })
    ).json();
    expect(passed.stage).toBe('applied');
    expect(passed.events.at(-1).override).toEqual({ blocks: ['recent_failure'], reason: '已整改并经复查合格，经局务会研究同意申报' });
    const audit = await t.db.kysely
      .selectFrom('audit_events')
      .select('after')
      .where('subject_id', '=', failed.id)
      .where('action', '=', 'cultivation.advance')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after as string)).toMatchObject({ stage: 'applied', override: { blocks: ['recent_failure'] } });
    // 落选 is possible once applied.
    expect((await advance(city, failed.id, { to: 'rejected', version: 3 })).json()).toMatchObject({ stage: 'rejected', nextStages: [] });
  });

  it('a county officer works on their county only', async () => {
    const suxian = await t.as('county_officer', 'suxian', { regionCode: '431003' });
    expect((await suxian.request('GET', '/api/v1/cultivations')).json().items).toEqual([]);
    const any = (await city.request('GET', '/api/v1/cultivations?stage=candidate')).json().items[0];
    expect((await advance(suxian, any.id, { to: 'cultivating', version: any.version })).statusCode).toBe(404);
    expect((await create(suxian, firms.clean)).statusCode).toBe(404);
  });

  it('a certificate is given only at 认定; 认定 of a trademark recognition needs its case record', async () => {
    const firm = (
      await city.request('POST', '/api/v1/enterprises', {
        uscc: makeUscc('91', '431002', 'MA4K0009'),
        name: '郴州市认定测试有限公司',
        regionCode: '431002',
        industryCode: 'nonferrous',
      })
    ).json().id;
    let c = (await create(city, firm, 'well_known_trademark')).json();
    expect((await advance(city, c.id, { to: 'cultivating', version: 1, grant: { certificateNo: 'X' } })).json().error.code).toBe(
      'validation_failed',
    );
    for (const to of ['cultivating', 'applied', 'recommended', 'reviewing', 'publicised'])
      c = (await advance(city, c.id, { to, version: c.version })).json();
    const bare = await advance(city, c.id, { to: 'granted', version: c.version });
    expect([bare.statusCode, bare.json().error.code]).toEqual([400, 'validation_failed']);
    // Nothing half-written: the cultivation is still at 公示 and no honour was recorded.
    expect((await city.request('GET', `/api/v1/honours?enterpriseId=${firm}`)).json().items).toEqual([]);
    const done = (
      await advance(city, c.id, {
        to: 'granted',
        version: c.version,
        grant: { authority: '国家知识产权局商标局', caseNo: '商标驰字〔2025〕12号', mark: '郴认', goodsClass: '6' },
      })
    ).json();
    expect((await city.request('GET', `/api/v1/honours/${done.honourId}`)).json()).toMatchObject({
      caseNo: '商标驰字〔2025〕12号',
      mark: '郴认',
      validUntil: null,
      grantedOn: today,
    });
  });

  it('an enterprise on a credit list is blocked while listed, and free once removed', async () => {
    const firm = (
      await city.request('POST', '/api/v1/enterprises', {
        uscc: makeUscc('91', '431002', 'MA4K0010'),
        name: '郴州市名单测试有限公司',
        regionCode: '431002',
        industryCode: 'nonferrous',
      })
    ).json().id;
    const listing = (
      await city.request('POST', `/api/v1/enterprises/${firm}/credit-listings`, {
        list: 'abnormal_operation',
        authority: '郴州市北湖区市场监督管理局',
        reason: '未按期报送年度报告',
        listedOn: shift(-30),
      })
    ).json();
    await city
      .request('POST', `/api/v1/enterprises/${firm}/credit-listings`, {
        list: 'serious_dishonesty',
        authority: '郴州市市场监督管理局',
        reason: '提供虚假材料',
        listedOn: shift(-400),
      })
      .then((r) => r.json())
      .then((l) => city.request('POST', `/api/v1/credit-listings/${l.id}/removal`, { on: shift(-10), reason: 'repaired', version: 1 }));
    const c = (await create(city, firm)).json();
    await advance(city, c.id, { to: 'cultivating', version: 1 });
    // The dishonesty entry was removed 10 days ago: only the abnormal-operation listing blocks.
    expect((await advance(city, c.id, { to: 'applied', version: 2 })).json().error.details).toEqual([
      { path: 'abnormal_operation', message: '列入经营异常名录' },
    ]);
    // Backdated to before the removal, both lists held.
    expect(
      (await advance(city, c.id, { to: 'applied', on: shift(-20), version: 2 })).json().error.details.map((d: { path: string }) => d.path),
    ).toEqual(['abnormal_operation', 'serious_dishonesty']);
    expect(
      (
        await city.request('POST', `/api/v1/credit-listings/${listing.id}/removal`, {
          on: today,
          reason: 'fulfilled',
          note: '已补报年度报告',
          version: 1,
        })
      ).statusCode,
    ).toBe(200);
    expect((await advance(city, c.id, { to: 'applied', version: 2 })).json().stage).toBe('applied');
  });

  it("the Governor's award bars a winner for 6 years: at 申报 and at a direct grant", async () => {
    const firm = (
      await city.request('POST', '/api/v1/enterprises', {
        uscc: makeUscc('91', '431002', 'MA4K0011'),
        name: '郴州市省长奖测试有限公司',
        regionCode: '431002',
        industryCode: 'nonferrous',
      })
    ).json().id;
    const won = shift(-5 * 365);
    expect(
      (
        await city.request('POST', '/api/v1/honours', {
          programmeCode: 'hunan_governor_award',
          enterpriseId: firm,
          grantedOn: won,
          title: '郴州市省长奖测试有限公司',
        })
      ).statusCode,
    ).toBe(201);
    const again = await city.request('POST', '/api/v1/honours', {
      programmeCode: 'hunan_governor_award',
      enterpriseId: firm,
      grantedOn: today,
    });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'reapply_barred']);
    expect(again.json().error.details[0].message).toBe(`${won} 已获该项目，6 年内不得再次认定`);
    const c = (await create(city, firm, 'hunan_governor_award')).json();
    await advance(city, c.id, { to: 'cultivating', version: 1 });
    expect((await advance(city, c.id, { to: 'applied', version: 2 })).json().error.details.map((d: { path: string }) => d.path)).toEqual([
      'reapply_barred',
    ]);
    // Another programme has no bar.
    expect(
      (
        await city.request('POST', '/api/v1/honours', {
          programmeCode: 'hunan_qm_award',
          enterpriseId: firm,
          grantedOn: today,
          title: '质量管理奖',
        })
      ).statusCode,
    ).toBe(201);
  });

  it('documents: a PDF is kept with its size and hash, listed, downloaded and removed with a reason; bad files are refused', async () => {
    const c = (await create(city, firms.clean, 'chenzhou_top_brand')).json();
    const url = `/api/v1/cultivations/${c.id}/documents`;
    const send = (agent: Agent, name: string, content: Buffer | string, type = 'application/pdf') => {
      const { body, headers } = multipart(name, content, type);
      return agent.request('POST', url, body, headers);
    };
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
    const res = await send(city, '郴州名牌申报书.pdf', pdf);
    expect(res.statusCode).toBe(201);
    const doc = res.json();
    expect(doc).toMatchObject({ name: '郴州名牌申报书.pdf', size: pdf.length });
    const listed = (await city.request('GET', '/api/v1/cultivations?programmeCode=chenzhou_top_brand'))
      .json()
      .items.find((x: { id: string }) => x.id === c.id);
    expect(listed.documents).toEqual([{ id: doc.id, name: '郴州名牌申报书.pdf', size: pdf.length, uploadedAt: doc.uploadedAt }]);
    const got = await city.request('GET', `${url}/${doc.id}`);
    expect([got.statusCode, got.headers['content-type'], got.rawPayload.equals(pdf)]).toEqual([200, 'application/pdf', true]);
    expect(got.headers['content-disposition']).toContain(encodeURIComponent('郴州名牌申报书.pdf'));
    const stored = await t.db.kysely
      .selectFrom('cultivation_documents')
      .select('sha256')
      .where('id', '=', doc.id)
      .executeTakeFirstOrThrow();
    expect(stored.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));

    // An executable renamed .pdf, another format, an empty file, an oversized one: 4xx, nothing kept.
    expect((await send(city, '申报书.pdf', Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]))).json().error.code).toBe('document_type');
    expect((await send(city, 'run.exe', Buffer.from([0x4d, 0x5a]), 'application/octet-stream')).json().error.code).toBe('document_type');
    // Any ZIP called .docx, or a file sent in another field: refused.
    expect((await send(city, '推荐函.docx', storedZip({ 'payload.js': 'alert(1)' }))).json().error.code).toBe('document_type');
    const misnamed = formData([{ name: 'document', fileName: '申报书.pdf', content: pdf, contentType: 'application/pdf' }]);
    expect((await city.request('POST', url, misnamed.body, misnamed.headers)).json().error.code).toBe('upload_field');
    expect((await send(city, '空.pdf', '')).json().error.code).toBe('file_empty');
    const big = await send(city, '大.pdf', Buffer.concat([Buffer.from('%PDF'), Buffer.alloc(2 ** 20 + 10)]));
    expect([big.statusCode, big.json().error.code]).toEqual([413, 'file_too_large']);
    expect(await t.db.kysely.selectFrom('cultivation_documents').select('id').where('cultivation_id', '=', c.id).execute()).toHaveLength(1);

    // Read-only and out-of-scope users.
    const leader = await t.as('leading_group', 'leader-doc');
    expect((await leader.request('GET', `${url}/${doc.id}`)).statusCode).toBe(200);
    expect((await send(leader, 'x.pdf', pdf)).statusCode).toBe(403);
    const suxian = await t.as('county_officer', 'suxian-doc', { regionCode: '431003' });
    expect((await suxian.request('GET', `${url}/${doc.id}`)).statusCode).toBe(404);
    expect((await send(suxian, 'x.pdf', pdf)).statusCode).toBe(404);
    expect((await t.anonymous('GET', `${url}/${doc.id}`)).statusCode).toBe(401);

    expect((await city.request('DELETE', `${url}/${doc.id}`, { reason: '' })).json().error.code).toBe('validation_failed');
    expect((await city.request('DELETE', `${url}/${doc.id}`, { reason: '上传错了版本' })).statusCode).toBe(204);
    expect((await city.request('GET', `${url}/${doc.id}`)).statusCode).toBe(404);
    const actions = await t.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', c.id)
      .where('action', 'like', 'cultivation.document%')
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['cultivation.document_add', 'cultivation.document_remove']);
    // A Word document with the parts that make it one is kept.
    const docx = await send(city, '推荐函.docx', storedZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }));
    expect([docx.statusCode, docx.json().name]).toEqual([201, '推荐函.docx']);
  });
});
