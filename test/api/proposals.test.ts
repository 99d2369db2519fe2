import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/server/lib/uscc';
import { rolesExcept, testApp, type Agent, type TestApp } from '../helpers/app';

describe('contact-data proposals from enterprise users', () => {
  let t: TestApp;
  let city: Agent;
  let owner: Agent;
  let ent: { id: string; version: number };
  let other: { id: string };
  const url = (id = ent.id) => `/api/v1/enterprises/${id}/proposals`;

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    ent = (
      await city.request('POST', '/api/v1/enterprises', {
        uscc: makeUscc('91', '431002', 'MA4U0001'),
        name: '郴州市申请测试有限公司',
        regionCode: '431002',
        industryCode: 'other',
        contactPhone: '0735-1111111',
      })
    ).json();
    other = (
      await city.request('POST', '/api/v1/enterprises', {
        uscc: makeUscc('91', '431023', 'MA4U0002'),
        name: '永兴县申请测试有限公司',
        regionCode: '431023',
        industryCode: 'other',
      })
    ).json();
    owner = await t.as('enterprise_user', 'owner', { enterpriseId: ent.id });
  });
  afterAll(() => t.close());

  it('401 without a session', async () => {
    expect((await t.anonymous('GET', url())).statusCode).toBe(401);
    expect((await t.anonymous('POST', url(), {})).statusCode).toBe(401);
    expect((await t.anonymous('POST', `${url()}/0192f0c4-0000-7000-8000-000000000001/decision`, {})).statusCode).toBe(401);
  });

  it.each(rolesExcept('enterprise_user'))('403 on proposing for %s', async (role) => {
    const agent = await t.as(role);
    expect((await agent.request('POST', url(), { contactPhone: '0735-2' })).statusCode).toBe(403);
  });

  it('only contact data may be proposed, and something must be', async () => {
    for (const [body, code] of [
      [{ name: '改名有限公司' }, 'validation_failed'],
      [{ contactPhone: 'x'.repeat(31) }, 'validation_failed'],
      [{ note: '只有说明' }, 'empty_update'],
    ] as const) {
      const res = await owner.request('POST', url(), body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe(code);
    }
    expect((await owner.request('POST', url(other.id), { contactPhone: '0735-3' })).statusCode).toBe(404);
  });

  it('an officer of the county accepts: the archive changes, with an audit trail', async () => {
    const proposed = await owner.request('POST', url(), { contactPhone: '0735-8888888', contactPerson: '王经理', note: '换了联系人' });
    expect(proposed.statusCode).toBe(201);
    expect(proposed.json()).toMatchObject({
      status: 'pending',
      changes: { contactPhone: '0735-8888888', contactPerson: '王经理' },
      abilities: { decide: false },
    });
    const listed = (await city.request('GET', url())).json().items;
    expect(listed[0]).toMatchObject({ id: proposed.json().id, abilities: { decide: true } });
    const yongxing = await t.as('county_officer', undefined, { regionCode: '431023' });
    const stranger = await yongxing.request('POST', `${url()}/${proposed.json().id}/decision`, { version: 1, accept: true });
    expect(stranger.statusCode).toBe(404);
    const accepted = await city.request('POST', `${url()}/${proposed.json().id}/decision`, { version: 1, accept: true, comment: '已核实' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', decisionComment: '已核实', version: 2 });
    const now = (await owner.request('GET', `/api/v1/enterprises/${ent.id}`)).json();
    expect(now).toMatchObject({ contactPhone: '0735-8888888', contactPerson: '王经理', version: ent.version + 1 });
    const again = await city.request('POST', `${url()}/${proposed.json().id}/decision`, { version: 2, accept: false });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('proposal_decided');
    const admin = await t.as('admin');
    const events = (await admin.request('GET', `/api/v1/audit/events?subjectType=enterprise&subjectId=${ent.id}`)).json().items;
    expect(events[0]).toMatchObject({
      action: 'enterprise.update',
      after: { viaProposal: proposed.json().id, contactPhone: '0735-8888888' },
    });
  });

  it('a rejection leaves the archive as it was; a stale decision is 409', async () => {
    const before = (await city.request('GET', `/api/v1/enterprises/${ent.id}`)).json();
    const p = (await owner.request('POST', url(), { address: '郴州市北湖区错误地址 1 号' })).json();
    expect((await city.request('POST', `${url()}/${p.id}/decision`, { version: 5, accept: true })).json().error.code).toBe('stale_version');
    const rejected = await city.request('POST', `${url()}/${p.id}/decision`, { version: 1, accept: false, comment: '地址不符' });
    expect(rejected.json()).toMatchObject({ status: 'rejected' });
    expect((await city.request('GET', `/api/v1/enterprises/${ent.id}`)).json()).toMatchObject({
      address: before.address,
      version: before.version,
    });
    expect((await owner.request('POST', `${url()}/${p.id}/decision`, { version: 2, accept: true })).statusCode).toBe(403);
  });
});
