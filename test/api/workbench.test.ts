import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/server/lib/uscc';
import { testApp, type Agent, type TestApp } from '../helpers/app';

const shift = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

// Every role reads the archive (enterprise.read), so no role is refused these routes: the scope narrows them.
describe('workbench figures and an enterprise’s history', () => {
  let t: TestApp;
  let city: Agent;
  let beihuEnt: { id: string; version: number };
  let farEnt: { id: string };

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    const create = async (n: number, region: string) =>
      (
        await city.request('POST', '/api/v1/enterprises', {
          uscc: makeUscc('91', region, `MA4W000${n}`),
          name: `郴州市工作台测试${n}有限公司`,
          regionCode: region,
          industryCode: 'electronics',
        })
      ).json();
    beihuEnt = await create(1, '431002');
    farEnt = await create(2, '431023');
    const add = async (id: string, kind: string, body: object) =>
      expect((await city.request('POST', `/api/v1/enterprises/${id}/${kind}`, body)).statusCode).toBe(201);
    await add(beihuEnt.id, 'products', { name: '电力电缆' });
    await add(beihuEnt.id, 'products', { name: '控制电缆' });
    await add(farEnt.id, 'products', { name: '锌锭' });
    // Certifications: due in 30 days (counts), in 200 days (not yet), expired (not), due in 30 days but suspended (not).
    await add(beihuEnt.id, 'certifications', { kind: 'ISO9001', certificateNo: 'Q-1', expiresOn: shift(30) });
    await add(beihuEnt.id, 'certifications', { kind: 'ISO14001', certificateNo: 'E-1', expiresOn: shift(200) });
    await add(beihuEnt.id, 'certifications', { kind: 'ISO45001', certificateNo: 'S-1', issuedOn: shift(-900), expiresOn: shift(-5) });
    await add(farEnt.id, 'certifications', { kind: 'ISO9001', certificateNo: 'Q-2', expiresOn: shift(60), status: 'suspended' });
    await add(farEnt.id, 'certifications', { kind: 'CCC', certificateNo: 'C-2', expiresOn: shift(89) });
    // Licences: due in 100 days (counts), in 400 days (not).
    await add(beihuEnt.id, 'licences', { licenceNo: 'XK-1', productUnit: '电线电缆', issuedOn: shift(-1700), expiresOn: shift(100) });
    await add(farEnt.id, 'licences', { licenceNo: 'XK-2', productUnit: '有色金属', issuedOn: shift(-1400), expiresOn: shift(400) });
  });
  afterAll(() => t.close());

  it('401 without a session', async () => {
    expect((await t.anonymous('GET', '/api/v1/workbench')).statusCode).toBe(401);
    expect((await t.anonymous('GET', `/api/v1/enterprises/${beihuEnt.id}/history`)).statusCode).toBe(401);
  });

  it('counts the whole city for a city officer and one county for its officer', async () => {
    // City: 2 enterprises, 3 products; certificates Q-1 (30 d) and C-2 (89 d); licence XK-1 (100 d ≤ 6 months).
    expect((await city.request('GET', '/api/v1/workbench')).json()).toEqual({
      enterprises: 2,
      products: 3,
      certificationsExpiring: 2,
      licencesRenewalDue: 1,
    });
    const beihu = await t.as('county_officer', undefined, { regionCode: '431002' });
    expect((await beihu.request('GET', '/api/v1/workbench')).json()).toEqual({
      enterprises: 1,
      products: 2,
      certificationsExpiring: 1,
      licencesRenewalDue: 1,
    });
    const own = await t.as('enterprise_user', undefined, { enterpriseId: farEnt.id });
    expect((await own.request('GET', '/api/v1/workbench')).json()).toEqual({
      enterprises: 1,
      products: 1,
      certificationsExpiring: 1,
      licencesRenewalDue: 0,
    });
  });

  it('the list behind the certificate figure: certificationExpiringWithinDays', async () => {
    const ids = async (days: number) =>
      (await city.request('GET', `/api/v1/enterprises?certificationExpiringWithinDays=${days}`))
        .json()
        .items.map((e: { id: string }) => e.id)
        .sort();
    expect(await ids(90)).toEqual([beihuEnt.id, farEnt.id].sort()); // Q-1 in 30 days, C-2 in 89
    expect(await ids(40)).toEqual([beihuEnt.id]);
    expect(await ids(10)).toEqual([]);
    expect((await city.request('GET', '/api/v1/enterprises?certificationExpiringWithinDays=-1')).json().error.code).toBe(
      'validation_failed',
    );
  });

  it('history: the enterprise and its records, newest first, within scope; a bad id is 400', async () => {
    const res = await city.request('PATCH', `/api/v1/enterprises/${beihuEnt.id}`, {
      version: beihuEnt.version,
      address: '北湖区人民路 1 号',
    });
    expect(res.statusCode).toBe(200);
    const history = await city.request('GET', `/api/v1/enterprises/${beihuEnt.id}/history`);
    expect(history.statusCode).toBe(200);
    const actions = history.json().items.map((e: { action: string; subjectType: string }) => `${e.action}:${e.subjectType}`);
    expect(actions).toEqual([
      'enterprise.update:enterprise',
      'record.create:licences',
      'record.create:certifications',
      'record.create:certifications',
      'record.create:certifications',
      'record.create:products',
      'record.create:products',
      'enterprise.create:enterprise',
    ]);
    expect(history.json().items.every((e: { ip: string | null }) => e.ip === null)).toBe(true);
    const beihu = await t.as('county_officer', undefined, { regionCode: '431002' });
    expect((await beihu.request('GET', `/api/v1/enterprises/${farEnt.id}/history`)).statusCode).toBe(404);
    const bad = await city.request('GET', '/api/v1/enterprises/not-an-id/history');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
  });
});
