import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/server/lib/uscc';
import { rolesExcept, testApp, type Agent, type TestApp } from '../helpers/app';

const shift = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe("enterprises' responses to published results (企业说明)", () => {
  let t: TestApp;
  let city: Agent;
  let producer: Agent;
  let failed: string;
  let passed: string;
  let producerId: string;

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    const category = (
      await t.db.kysely.selectFrom('product_categories').select('code').where('name', '=', '灭火器').executeTakeFirstOrThrow()
    ).code;
    const lab = (await city.request('POST', '/api/v1/testing-bodies', { name: '郴州市消防产品检验站', accreditationNo: 'CMA-R-1' })).json();
    const plan = (
      await city.request('POST', '/api/v1/inspection-plans', {
        year: 2026,
        level: 'city',
        title: '2026 年灭火器抽查',
        departmentCode: 'quality',
        regionCode: '431000',
        categories: [{ categoryCode: category, plannedBatches: 2, testItems: ['充装量'] }],
      })
    ).json();
    const step = async (id: string, body: object) =>
      expect((await city.request('POST', `/api/v1/inspections/${id}/actions`, body)).statusCode).toBe(200);
    producerId = (
      await city.request('POST', '/api/v1/enterprises', {
        uscc: makeUscc('91', '431003', 'MA4R0001'),
        name: '郴州市安盾消防器材有限公司',
        regionCode: '431003',
        industryCode: 'chem_machinery',
      })
    ).json().id;
    const register = async (model: string) =>
      (
        await city.request('POST', '/api/v1/inspections', {
          planId: plan.id,
          categoryCode: category,
          sampledEnterpriseId: producerId,
          productName: '手提式干粉灭火器',
          model,
          place: 'production',
          sampledOn: shift(-60),
          documentNo: `R-${model}`,
          samplers: ['甲', '乙'],
        })
      ).json().id as string;
    failed = await register('MFZ/ABC4');
    await step(failed, {
      action: 'record_result',
      version: 1,
      on: shift(-50),
      testingBodyId: lab.id,
      reportNo: 'R-1',
      items: [{ item: '充装量', passed: false }],
    });
    await step(failed, { action: 'notify', version: 2, on: shift(-45), receivedOn: shift(-44), method: '送达' });
    await step(failed, { action: 'finalize', version: 3, on: shift(-28) });
    passed = await register('MFZ/ABC8');
    await step(passed, {
      action: 'record_result',
      version: 1,
      on: shift(-50),
      testingBodyId: lab.id,
      reportNo: 'R-2',
      items: [{ item: '充装量', passed: true }],
    });
    expect((await city.request('POST', `/api/v1/inspection-plans/${plan.id}/publish`, {})).json()).toMatchObject({ published: 2 });
    producer = await t.as('enterprise_user', 'andun', { enterpriseId: producerId });
  });
  afterAll(() => t.close());

  const respond = (agent: Agent, id: string, body: object) => agent.request('PUT', `/api/v1/inspections/${id}/response`, body);
  const decide = (agent: Agent, id: string, body: object) => agent.request('POST', `/api/v1/inspections/${id}/response/decision`, body);
  const TEXT = '我公司已对该批次产品全部召回，并更换充装设备，整改后经检验合格。';

  it('401 without a session on every route', async () => {
    expect((await t.anonymous('GET', '/api/v1/inspection-responses')).statusCode).toBe(401);
    expect((await t.anonymous('PUT', `/api/v1/inspections/${failed}/response`, { text: TEXT })).statusCode).toBe(401);
    expect((await t.anonymous('POST', `/api/v1/inspections/${failed}/response/decision`, { approve: true, version: 1 })).statusCode).toBe(
      401,
    );
  });

  it('403 for roles that may not respond, decide or read', async () => {
    for (const role of rolesExcept('enterprise_user')) {
      expect(
        (
          await respond(await t.as(role, `r-${role}`, role === 'county_officer' ? { regionCode: '431003' } : undefined), failed, {
            text: TEXT,
          })
        ).statusCode,
        role,
      ).toBe(403);
    }
    for (const role of rolesExcept('admin', 'city_officer', 'county_officer')) {
      const agent = await t.as(role, `d-${role}`, role === 'enterprise_user' ? { enterpriseId: producerId } : undefined);
      expect((await decide(agent, failed, { approve: true, version: 1 })).statusCode, role).toBe(403);
    }
    expect((await (await t.as('department_reporter')).request('GET', '/api/v1/inspection-responses')).statusCode).toBe(403);
  });

  it('400 with a code for a text too short, 404 for another enterprise, 409 for a qualified result', async () => {
    const short = await respond(producer, failed, { text: '已整改' });
    expect([short.statusCode, short.json().error.code]).toEqual([400, 'validation_failed']);
    const otherId = (
      await city.request('POST', '/api/v1/enterprises', {
        uscc: makeUscc('91', '431003', 'MA4R0002'),
        name: '郴州市别家消防有限公司',
        regionCode: '431003',
        industryCode: 'chem_machinery',
      })
    ).json().id;
    const other = await t.as('enterprise_user', 'other', { enterpriseId: otherId });
    expect((await respond(other, failed, { text: TEXT })).statusCode).toBe(404);
    expect((await other.request('GET', '/api/v1/inspection-responses')).json().items).toEqual([]);
    expect((await respond(producer, passed, { text: TEXT })).json().error.code).toBe('response_not_allowed');
  });

  it('the enterprise writes, the officer returns it, the enterprise rewrites, the officer approves: then it is public', async () => {
    const mine = (await producer.request('GET', '/api/v1/inspection-responses')).json().items;
    expect(mine.map((c: { inspectionId: string; abilities: object }) => [c.inspectionId, c.abilities])).toEqual(
      expect.arrayContaining([
        [failed, { respond: true, decide: false }],
        [passed, { respond: false, decide: false }],
      ]),
    );
    const written = (await respond(producer, failed, { text: TEXT })).json();
    expect(written.response).toMatchObject({ text: TEXT, status: 'submitted', version: 1 });
    const publicBefore = (await t.anonymous('GET', '/api/v1/public/inspections?result=unqualified')).json().items[0];
    expect(publicBefore.enterpriseResponse).toBeNull();

    const queue = (await city.request('GET', '/api/v1/inspection-responses?status=submitted')).json().items;
    expect(queue).toEqual([expect.objectContaining({ inspectionId: failed, abilities: { respond: false, decide: true } })]);
    // An officer of another county does not see the case.
    expect(
      (await decide(await t.as('county_officer', 'beihu', { regionCode: '431002' }), failed, { approve: true, version: 1 })).statusCode,
    ).toBe(404);
    const returned = (await decide(city, failed, { approve: false, comment: '请写明整改完成日期', version: 1 })).json();
    expect(returned.response).toMatchObject({ status: 'rejected', decisionComment: '请写明整改完成日期', version: 2 });
    expect((await decide(city, failed, { approve: true, version: 2 })).json().error.code).toBe('response_decided');

    expect((await respond(producer, failed, { text: `${TEXT}（旧版本）`, version: 1 })).json().error.code).toBe('stale_version');
    const rewritten = (await respond(producer, failed, { text: `${TEXT}整改于 10 月完成。`, version: 2 })).json();
    expect(rewritten.response).toMatchObject({ status: 'submitted', version: 3, decisionComment: '' });
    expect((await decide(city, failed, { approve: true, version: 3 })).json().response).toMatchObject({ status: 'approved', version: 4 });

    const publicAfter = (await t.anonymous('GET', '/api/v1/public/inspections?result=unqualified')).json().items[0];
    expect(publicAfter).toMatchObject({ id: failed, enterpriseResponse: `${TEXT}整改于 10 月完成。` });
    const audit = await t.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', failed)
      .where('action', 'like', 'inspection.respon%')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'inspection.respond',
      'inspection.response_decide',
      'inspection.respond',
      'inspection.response_decide',
    ]);
  });
});
