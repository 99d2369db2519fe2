import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/server/lib/uscc';
import { testApp, type Agent, type TestApp } from '../helpers/app';

/**
 * A case that ends in 停业整顿 or 吊销 changes the archive in the same transaction: the
 * enterprise's status, its production licences in force, an audit event for each, and an entry
 * on the case's timeline.
 */
describe('spot-check sanctions reach the archive', () => {
  let t: TestApp;
  let city: Agent;
  let plan: { id: string };
  let lab: { id: string };
  let category: string;
  let doc = 0;
  const act = (id: string, body: Record<string, unknown>) => city.request('POST', `/api/v1/inspections/${id}/actions`, body);
  const enterprise = async (n: number, name: string) =>
    (
      await city.request('POST', '/api/v1/enterprises', {
        uscc: makeUscc('91', '431002', `MA4K${String(n).padStart(4, '0')}`),
        name,
        regionCode: '431002',
        industryCode: 'electronics',
      })
    ).json() as { id: string; name: string };
  const register = (extra: Record<string, unknown>) =>
    city.request('POST', '/api/v1/inspections', {
      planId: plan.id,
      categoryCode: category,
      productName: '电线',
      batch: 'B1',
      place: 'production',
      samplers: ['张三', '李四'],
      documentNo: `CZ-S-${++doc}`,
      ...extra,
    });
  const status = async (id: string) => (await city.request('GET', `/api/v1/enterprises/${id}`)).json().status;
  const auditOf = (subjectId: string) =>
    t.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'before', 'after'])
      .where('subject_id', '=', subjectId)
      .orderBy('seq')
      .execute();

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    category = (await t.db.kysely.selectFrom('product_categories').select('code').where('name', '=', '电线电缆').executeTakeFirstOrThrow())
      .code;
    lab = (
      await city.request('POST', '/api/v1/testing-bodies', { name: '郴州市产商品质量监督检验所', accreditationNo: 'CMA-2021-001' })
    ).json();
    plan = (
      await city.request('POST', '/api/v1/inspection-plans', {
        year: 2026,
        level: 'city',
        title: '2026 年郴州市电线电缆抽查',
        departmentCode: 'quality',
        regionCode: '431000',
        categories: [{ categoryCode: category, plannedBatches: 10, testItems: ['导体电阻'], judgingStandard: 'GB/T 5023.3-2008' }],
      })
    ).json();
  });
  afterAll(() => t.close());

  it('an unqualified product: the second review fails → suspended in the archive; a later review passes → operating again', async () => {
    const firm = await enterprise(1, '郴州市整顿测试电缆有限公司');
    const created = await register({ sampledEnterpriseId: firm.id, model: 'A-1', sampledOn: '2026-01-05' });
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json();
    let v = 1;
    const step = async (body: Record<string, unknown>) => {
      const res = await act(c.id, { version: v++, ...body });
      expect(res.statusCode, JSON.stringify(res.json())).toBe(200);
      return res.json();
    };
    await step({
      action: 'record_result',
      on: '2026-01-15',
      testingBodyId: lab.id,
      reportNo: 'BG-A',
      items: [{ item: '导体电阻', passed: false }],
    });
    await step({ action: 'notify', on: '2026-01-16', receivedOn: '2026-01-17', method: '直接送达' });
    await step({ action: 'finalize', on: '2026-02-02' });
    await step({ action: 'order_rectification', on: '2026-02-03', documentNo: '郴市监改〔2026〕1号' });
    await step({ action: 'review', on: '2026-03-01', passed: false });
    await step({ action: 'announce', on: '2026-03-05', announcementNo: '湘市监公告〔2026〕1号' });
    expect(await status(firm.id)).toBe('operating');
    // Second review in [5 Mar + 60, 5 Mar + 90) = [4 May, 3 Jun): fails → 责令停业整顿.
    const suspended = await step({ action: 'review', on: '2026-05-10', passed: false });
    expect(suspended.inspection.state).toBe('suspended');
    expect(await status(firm.id)).toBe('suspended');
    expect(suspended.events.at(-1)).toMatchObject({
      action: 'archive_suspend',
      on: '2026-05-10',
      stateAfter: 'suspended',
      details: { enterpriseId: firm.id, enterpriseName: firm.name, status: { from: 'operating', to: 'suspended' } },
    });
    const closed = await step({ action: 'review', on: '2026-07-01', passed: true });
    expect(closed.inspection.state).toBe('closed');
    expect(await status(firm.id)).toBe('operating');
    expect(closed.events.map((e: { action: string }) => e.action).slice(-4)).toEqual([
      'review',
      'archive_suspend',
      'review',
      'archive_resume',
    ]);
    const audit = await auditOf(firm.id);
    expect(audit.map((a) => a.action)).toEqual(['enterprise.create', 'enterprise.suspend', 'enterprise.resume']);
    expect(JSON.parse(audit[1]!.before!)).toMatchObject({ status: 'operating' });
    expect(JSON.parse(audit[1]!.after!)).toMatchObject({ status: 'suspended', inspectionId: c.id });
    // The enterprise's history (profile tab) shows it.
    const history = (await city.request('GET', `/api/v1/enterprises/${firm.id}/history`))
      .json()
      .items.map((e: { action: string }) => e.action);
    expect(history).toEqual(expect.arrayContaining(['enterprise.suspend', 'enterprise.resume']));
  });

  it('a refusal (拒检) ending in revocation: the enterprise is marked revoked and its licences in force are revoked, each audited', async () => {
    const firm = await enterprise(2, '郴州市拒检测试线缆有限公司');
    const licence = (licenceNo: string, issuedOn: string, extra: Record<string, unknown> = {}) =>
      city.request('POST', `/api/v1/enterprises/${firm.id}/licences`, { licenceNo, productUnit: '电线电缆', issuedOn, ...extra });
    const inForce = (await licence('(湘)XK06-001-00001', '2024-03-01')).json();
    const expired = (await licence('(湘)XK06-001-00002', '2019-01-01', { expiresOn: '2024-01-01' })).json();
    const cancelled = (await licence('(湘)XK06-001-00003', '2024-03-01', { status: 'cancelled' })).json();
    const c = (await register({ sampledEnterpriseId: firm.id, model: 'B-1', sampledOn: '2026-02-01', refused: true })).json();
    await act(c.id, { action: 'warn_refusal', version: 1, on: '2026-02-10', documentNo: '郴市监警〔2026〕2号' });
    const revoked = (await act(c.id, { action: 'revoke_licence', version: 2, on: '2026-03-01', documentNo: '郴市监罚〔2026〕9号' })).json();
    expect(revoked.inspection).toMatchObject({ state: 'licence_revoked', closedOn: '2026-03-01' });
    expect(revoked.events.map((e: { action: string }) => e.action)).toEqual(['refuse', 'warn_refusal', 'revoke_licence', 'archive_revoke']);
    expect(revoked.events.at(-1).details).toEqual({
      enterpriseId: firm.id,
      enterpriseName: firm.name,
      status: { from: 'operating', to: 'revoked' },
      licencesRevoked: ['(湘)XK06-001-00001'],
    });
    expect(await status(firm.id)).toBe('revoked');
    const licences = (await city.request('GET', `/api/v1/enterprises/${firm.id}/licences`)).json().items;
    expect(Object.fromEntries(licences.map((l: { id: string; status: string }) => [l.id, l.status]))).toEqual({
      [inForce.id]: 'revoked',
      [expired.id]: 'valid',
      [cancelled.id]: 'cancelled',
    });
    const audit = await auditOf(inForce.id);
    expect(audit.map((a) => a.action)).toEqual(['record.create', 'licence.revoke']);
    expect(JSON.parse(audit[1]!.after!)).toMatchObject({
      kind: 'licences',
      enterpriseId: firm.id,
      status: 'revoked',
      version: 2,
      inspectionId: c.id,
    });
    expect((await auditOf(firm.id)).map((a) => a.action)).toEqual(['enterprise.create', 'enterprise.revoke']);
  });

  it('suspended for refusing, then a failed review: from suspended to revoked', async () => {
    const firm = await enterprise(3, '郴州市再次拒检测试有限公司');
    const c = (await register({ sampledEnterpriseId: firm.id, model: 'C-1', sampledOn: '2026-02-01', refused: true })).json();
    await act(c.id, { action: 'warn_refusal', version: 1, on: '2026-02-10', documentNo: '郴市监警〔2026〕3号' });
    await act(c.id, { action: 'suspend', version: 2, on: '2026-03-01', documentNo: '郴市监停〔2026〕3号' });
    expect(await status(firm.id)).toBe('suspended');
    const r = (await act(c.id, { action: 'review', version: 3, on: '2026-04-01', passed: false })).json();
    expect(r.events.map((e: { action: string }) => e.action)).toEqual([
      'refuse',
      'warn_refusal',
      'suspend',
      'archive_suspend',
      'review',
      'archive_revoke',
    ]);
    expect(r.events.at(-1).details).toMatchObject({ status: { from: 'suspended', to: 'revoked' }, licencesRevoked: [] });
    expect(await status(firm.id)).toBe('revoked');
  });

  it('an enterprise stopped before the case stays stopped when the case passes; a unit outside the archive changes nothing', async () => {
    const firm = await enterprise(4, '郴州市早已停产测试有限公司');
    await city.request('PATCH', `/api/v1/enterprises/${firm.id}`, { version: 1, status: 'suspended' });
    const c = (await register({ sampledEnterpriseId: firm.id, model: 'D-1', sampledOn: '2026-02-01', refused: true })).json();
    await act(c.id, { action: 'warn_refusal', version: 1, on: '2026-02-10', documentNo: '郴市监警〔2026〕4号' });
    const s = (await act(c.id, { action: 'suspend', version: 2, on: '2026-03-01', documentNo: '郴市监停〔2026〕4号' })).json();
    expect(s.events.at(-1).details).toEqual({ enterpriseId: firm.id, enterpriseName: firm.name });
    await act(c.id, { action: 'review', version: 3, on: '2026-04-01', passed: true });
    expect(await status(firm.id)).toBe('suspended');

    const unlinked = (
      await register({
        place: 'circulation',
        sampledUnitName: '郴州市某流动摊点',
        producerName: '不明厂家',
        model: 'E-1',
        sampledOn: '2026-02-01',
        refused: true,
      })
    ).json();
    await act(unlinked.id, { action: 'warn_refusal', version: 1, on: '2026-02-10', documentNo: '郴市监警〔2026〕5号' });
    const r = (
      await act(unlinked.id, { action: 'revoke_licence', version: 2, on: '2026-03-01', documentNo: '郴市监罚〔2026〕10号' })
    ).json();
    expect(r.events.at(-1)).toMatchObject({
      action: 'archive_revoke',
      details: { enterpriseId: null, enterpriseName: '郴州市某流动摊点' },
    });
  });
});
