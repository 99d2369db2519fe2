import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../../src/server/lib/tabular/exceljs';
import { makeUscc } from '../../src/server/lib/uscc';
import { systemActor } from '../../src/server/authz/actor';
import { recountKeptSums } from '../../src/server/modules/targets/values';
import { rolesExcept, testApp, type Agent, type TestApp } from '../helpers/app';

const today = new Date().toISOString().slice(0, 10);
const CY = Number(today.slice(0, 4));

type Row = {
  indicator: { code: string };
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: string;
  compareValue: number | null;
  trend: { year: number; value: number | null }[];
};

/**
 * A small archive whose every indicator is worked out by hand below. Plan: a copy of 质量兴郴
 * running CY-2 … CY+2; the year asked is CY, read as of today.
 */
describe('targets: computed indicators on a hand-built archive, reported figures, the dashboard', () => {
  let t: TestApp;
  let city: Agent;
  let planId = '';
  const e: Record<string, string> = {};
  const p: Record<string, string> = {};

  const enterprise = async (key: string, n: number, region: string, extra: object = {}) => {
    const res = await city.request('POST', '/api/v1/enterprises', {
      uscc: makeUscc('91', region, `MA4G${String(n).padStart(4, '0')}`),
      name: `郴州市指标测试${key}有限公司`,
      regionCode: region,
      industryCode: 'nonferrous',
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    e[key] = res.json().id;
  };
  const product = async (key: string, owner: string, body: object, standards: object[] = []) => {
    const res = await city.request('POST', `/api/v1/enterprises/${e[owner]}/products`, { name: `产品${key}`, ...body });
    expect(res.statusCode, res.body).toBe(201);
    p[key] = res.json().id;
    for (const s of standards)
      expect((await city.request('POST', `/api/v1/enterprises/${e[owner]}/products/${p[key]}/standards`, s)).statusCode).toBe(201);
  };
  const dashboard = async (agent: Agent, query = '') => {
    const res = await agent.request('GET', `/api/v1/target-plans/${planId}/dashboard?year=${CY}${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return new Map((res.json().rows as Row[]).map((r) => [r.indicator.code, r]));
  };

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    const seeded = (await city.request('GET', '/api/v1/target-plans')).json().items[0];
    planId = (
      await city.request('POST', `/api/v1/target-plans/${seeded.id}/copy`, {
        code: 'test-plan',
        name: '测试计划',
        startYear: CY - 2,
        endYear: CY + 2,
      })
    ).json().id;

    await enterprise('A', 1, '431002', { keyEnterprise: true });
    await enterprise('B', 2, '431003', { foreignInvested: true, industryCode: 'electronics' });
    await enterprise('C', 3, '431002', { agriLeaderLevel: 'city' });
    await enterprise('D', 4, '431003', { agriLeaderLevel: 'province' });
    await enterprise('S1', 5, '431002', { serviceEnterprise: true });
    await enterprise('S2', 6, '431002', { serviceEnterprise: true });
    await enterprise('E', 7, '431002');
    await product('A1', 'A', {}, [{ standardNo: 'GB/T 1-2020', kind: 'national' }]);
    await product('A2', 'A', {}, [{ standardNo: 'ISO 4287:1997', kind: 'international' }]);
    await product('A3', 'A', { madeToStandard: false });
    await product('B1', 'B', {}, [
      { standardNo: 'GB 4943.1-2022', kind: 'national', adoption: 'IDT', adoptedStandardNo: 'IEC 62368-1:2018' },
    ]);
    await product('B2', 'B', {});
    await product('C1', 'C', { foodProduct: true }, [{ standardNo: 'GB 2760-2014', kind: 'national' }]);
    await product('C2', 'C', { foodProduct: true });
    await product('D1', 'D', { foodProduct: true, madeToStandard: false });
    await product('E1', 'E', { keyProduct: true }, [
      { standardNo: 'Q/CZ 001-2024', kind: 'enterprise', adoption: 'NEQ', adoptedStandardNo: 'ISO 1:2016' },
    ]);
    const cert = (owner: string, kind: string, no: string, issuedOn: string, expiresOn: string, productIds?: string[]) =>
      city.request('POST', `/api/v1/enterprises/${e[owner]}/certifications`, { kind, certificateNo: no, issuedOn, expiresOn, productIds });
    // C's green-food certificate names C1 and C2 (a certificate names only its own enterprise's products).
    expect((await cert('C', 'GREEN_FOOD', 'LB-0', `${CY - 1}-01-01`, `${CY + 2}-01-01`, [p.D1!])).json().error.details[0].path).toBe(
      'body/productIds',
    );
    expect((await cert('C', 'GREEN_FOOD', 'LB-1', `${CY - 1}-01-01`, `${CY + 2}-01-01`, [p.C1!, p.C2!])).statusCode).toBe(201);
    expect((await cert('S1', 'ISO9001', 'Q-1', `${CY - 1}-01-01`, `${CY + 2}-01-01`)).statusCode).toBe(201);
    expect((await cert('S2', 'ISO9001', 'Q-2', `${CY - 4}-01-01`, `${CY - 1}-06-30`)).statusCode).toBe(201);
    const figures = (owner: string, body: object) => city.request('POST', `/api/v1/enterprises/${e[owner]}/yearly-figures`, body);
    expect(
      (await figures('A', { year: CY, outputValue: 1_000_000, newProductOutputValue: 100_000, salesRevenue: 3_200_000_000 })).statusCode,
    ).toBe(201);
    expect((await figures('A', { year: CY - 1, outputValue: 800_000 })).statusCode).toBe(201);
    expect((await figures('B', { year: CY, outputValue: 3_000_000, newProductOutputValue: 600_000 })).statusCode).toBe(201);
    expect((await figures('B', { year: CY - 1, outputValue: 3_000_000 })).statusCode).toBe(201);
    expect((await figures('C', { year: CY, outputValue: 500_000 })).statusCode).toBe(201);
    const grant = async (programmeCode: string, owner: string, grantedOn: string) => {
      const res = await city.request('POST', '/api/v1/honours', {
        programmeCode,
        enterpriseId: e[owner],
        grantedOn,
        title: `${owner}-${programmeCode}`,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };
    await grant('hunan_top_brand', 'A', `${CY - 1}-06-01`);
    const revoked = await grant('hunan_top_brand', 'B', `${CY - 1}-06-01`);
    expect(
      (await city.request('POST', `/api/v1/honours/${revoked.id}/revoke`, { on: today, reason: '抽查不合格', version: 1 })).statusCode,
    ).toBe(200);
    await grant('hunan_top_brand', 'C', `${CY - 4}-01-01`); // valid to CY-1-12-31: expired
    await grant('hunan_qm_award', 'A', `${CY - 2}-03-01`);
    await grant('hunan_qm_award', 'B', `${CY - 3}-05-01`); // before the plan began
    expect((await city.request('POST', '/api/v1/flagships', { enterpriseId: e.A, year: CY, designatedOn: today })).statusCode).toBe(201);

    // Six spot-check batches, registered and then given their level, product and verdict directly.
    const category = (
      await t.db.kysely.selectFrom('product_categories').select('code').where('name', '=', '有色金属及合金制品').executeTakeFirstOrThrow()
    ).code;
    const plan = (
      await city.request('POST', '/api/v1/inspection-plans', {
        year: CY,
        level: 'city',
        title: '指标测试计划',
        departmentCode: 'quality',
        regionCode: '431000',
        categories: [{ categoryCode: category, plannedBatches: 6, testItems: ['X'] }],
      })
    ).json();
    const batches: [string, string, string, string | null, string | null][] = [
      ['i1', 'national', 'E', 'E1', 'qualified'],
      ['i2', 'provincial', 'E', 'E1', 'unqualified'],
      ['i3', 'provincial', 'B', 'B1', 'qualified'],
      ['i4', 'city', 'E', 'E1', 'qualified'],
      ['i5', 'national', 'D', null, 'qualified'],
      ['i6', 'national', 'E', 'E1', null],
    ];
    for (const [doc, level, owner, prod, verdict] of batches) {
      const res = await city.request('POST', '/api/v1/inspections', {
        planId: plan.id,
        categoryCode: category,
        sampledEnterpriseId: e[owner],
        productName: doc,
        model: doc,
        place: 'production',
        sampledOn: today,
        documentNo: doc,
        samplers: ['甲', '乙'],
      });
      expect(res.statusCode, res.body).toBe(201);
      const c = res.json();
      await t.db.kysely
        .updateTable('inspections')
        .set({ level, product_id: prod ? p[prod]! : null, final_verdict: verdict })
        .where('id', '=', c.id)
        .execute();
    }
  });
  afterAll(() => t.close());

  it('401 without a session; 403 for roles that may not read, edit or report', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/target-plans'],
      ['GET', `/api/v1/target-plans/${planId}/dashboard?year=${CY}`],
      ['PUT', '/api/v1/reported-values'],
      ['POST', `/api/v1/target-plans/${planId}/copy`],
    ] as const) {
      expect((await t.anonymous(method, url, method === 'GET' ? undefined : {})).statusCode, url).toBe(401);
    }
    const enterpriseUser = await t.as('enterprise_user', 'ent-t', { enterpriseId: e.A });
    expect((await enterpriseUser.request('GET', `/api/v1/target-plans/${planId}/dashboard?year=${CY}`)).statusCode).toBe(403);
    for (const role of rolesExcept('admin', 'city_officer')) {
      const agent = await t.as(role, `w-${role}`, role === 'enterprise_user' ? { enterpriseId: e.A } : undefined);
      expect(
        (
          await agent.request('POST', `/api/v1/target-plans/${planId}/copy`, {
            code: 'x-plan',
            name: '新计划',
            startYear: 2026,
            endYear: 2030,
          })
        ).statusCode,
        role,
      ).toBe(403);
    }
    for (const role of rolesExcept('admin', 'department_reporter')) {
      const agent = await t.as(role, `r-${role}`, role === 'enterprise_user' ? { enterpriseId: e.A } : undefined);
      expect(
        (
          await agent.request('PUT', '/api/v1/reported-values', {
            indicatorCode: 'CON-FIRSTPASS',
            regionCode: '431002',
            period: String(CY),
            numerator: 1,
            denominator: 1,
          })
        ).statusCode,
        role,
      ).toBe(403);
    }
  });

  it('archive indicators: standard coverage, adoption, green food, service certification, new-product rate', async () => {
    const d = await dashboard(city);
    // Made to standard with a standard on record: A1 A2 B1 C1 E1 of A1 A2 A3 B1 B2 C1 C2 D1 E1 → 5/9.
    expect(d.get('PQ-STDCOV')).toMatchObject({ numerator: 5, denominator: 9, status: 'not_met' });
    expect(d.get('PQ-STDCOV')!.value).toBeCloseTo((5 / 9) * 100, 10);
    // Key enterprise A's three, foreign-invested B's two, key product E1 → 6; A2 (international) and B1 (IDT) adopt; E1 is NEQ → 2/6.
    expect(d.get('PQ-ADOPT')).toMatchObject({ numerator: 2, denominator: 6 });
    // Food products of city-or-higher leading enterprises: C1 C2 D1; C's valid green-food certificate names C1 and C2 → 2/3.
    expect(d.get('PQ-GREEN')).toMatchObject({ numerator: 2, denominator: 3 });
    // Service enterprises with ISO 9001 valid today: S1 (S2's expired) → 1.
    expect(d.get('SVC-CERT')).toMatchObject({ value: 1, status: 'not_met' });
    // New-product output of the industrial producers reporting output (C reports no new-product output: 0):
    // (100,000 + 600,000 + 0) / (1,000,000 + 3,000,000 + 500,000) = 15.55… %, the same denominator as PQ-BRANDSHARE.
    expect(d.get('PQ-NEWPROD')).toMatchObject({ numerator: 700_000, denominator: 4_500_000, status: 'met' });
    expect(d.get('PQ-NEWPROD')!.value).toBeCloseTo((700_000 / 4_500_000) * 100, 10);
    // Before today nothing was on record: the earlier years have no data, not 0 %.
    expect(d.get('PQ-STDCOV')!.trend.map((p) => p.value === null)).toEqual([true, true, false]);
  });

  it('brands: honours in force, granted in the plan, flagships, brand output share', async () => {
    const d = await dashboard(city);
    // 湖南省名牌产品 in force: A's (B's revoked, C's expired) → 1.
    expect(d.get('PQ-HNBRAND')).toMatchObject({ value: 1, numerator: 1 });
    // Quality award since the plan began: A's (B's came a year earlier) → 1.
    expect(d.get('IND-QA')!.value).toBe(1);
    expect(d.get('PQ-CNBRAND')!.value).toBe(0);
    expect(d.get('IND-FLAG')!.value).toBe(1);
    // Output of enterprises holding a product brand in force: A 1,000,000 of 4,500,000 = 22.2… %.
    expect(d.get('PQ-BRANDSHARE')).toMatchObject({ numerator: 1_000_000, denominator: 4_500_000, status: 'met' });
    expect(d.get('PQ-BRANDSHARE')!.value).toBeCloseTo((1 / 4.5) * 100, 10);
  });

  it('spot checks: key and brand products, and the gap to the provincial average once it is reported', async () => {
    let d = await dashboard(city);
    // National and provincial, decided, key product E1: i1 qualified, i2 not → 1/2.
    expect(d.get('PQ-KEYPASS')).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    // The gap needs the province's figure: no data yet.
    expect(d.get('PQ-PASSGAP')).toMatchObject({ value: null, status: 'no_data' });
    const reporter = await t.as('department_reporter', 'quality-rep', { departmentCode: 'quality' });
    const saved = (
      await reporter.request('PUT', '/api/v1/reported-values', {
        indicatorCode: 'PROV-PASSRATE',
        regionCode: '430000',
        period: String(CY),
        numerator: 900,
        denominator: 1000,
      })
    ).json();
    await reporter.request('POST', `/api/v1/reported-values/${saved.id}/submit`, { version: 1 });
    await city.request('POST', `/api/v1/reported-values/${saved.id}/decision`, { decision: 'approve', version: 2 });
    d = await dashboard(city);
    // i1 i3 i5 qualified, i2 not (i4 is a city check, i6 undecided): 75 % less the province's 90 % → −15 points.
    expect(d.get('PQ-PASSGAP')).toMatchObject({ value: -15, numerator: 3, denominator: 4, compareValue: 90, status: 'not_met' });
  });

  it('a county sees its county; the matrix gives each county from the same sums', async () => {
    const suxian = await t.as('county_officer', 'suxian-t', { regionCode: '431003' });
    const d = await dashboard(suxian, '&regionCode=431002');
    // Forced to 苏仙区: B1 B2 D1, B1 covered → 1/3.
    expect(d.get('PQ-STDCOV')).toMatchObject({ numerator: 1, denominator: 3 });
    const m = (await city.request('GET', `/api/v1/target-plans/${planId}/matrix?year=${CY}`)).json();
    const cov = m.rows.find((r: { code: string }) => r.code === 'PQ-STDCOV').cells;
    expect(cov.find((c: { key: string }) => c.key === '431002')).toMatchObject({ numerator: 4, denominator: 6 });
    expect(cov.find((c: { key: string }) => c.key === '431003')).toMatchObject({ numerator: 1, denominator: 3 });
    // A county with no products: no data, never 0 %.
    expect(cov.find((c: { key: string }) => c.key === '431021')).toMatchObject({ value: null, denominator: 0, status: 'no_data' });
    expect(m.columns).toHaveLength(11);
  });

  it('drill-down lists exactly the records counted, a page at a time', async () => {
    const url = `/api/v1/target-plans/${planId}/indicators/PQ-STDCOV/records?year=${CY}`;
    const num = (await city.request('GET', `${url}&side=numerator`)).json();
    expect(num.kind).toBe('product');
    expect(num.total).toBe(5);
    expect(num.items.map((i: { label: string }) => i.label).sort()).toEqual(['产品A1', '产品A2', '产品B1', '产品C1', '产品E1']);
    const first = (await city.request('GET', `${url}&side=denominator&limit=4`)).json();
    const second = (await city.request('GET', `${url}&side=denominator&limit=4&after=${first.meta.nextCursor}`)).json();
    const third = (await city.request('GET', `${url}&side=denominator&limit=4&after=${second.meta.nextCursor}`)).json();
    expect([first.total, first.items.length, second.items.length, third.items.length, third.meta.nextCursor]).toEqual([9, 4, 4, 1, null]);
    expect(new Set([...first.items, ...second.items, ...third.items].map((i: { id: string }) => i.id)).size).toBe(9);
    const batches = (
      await city.request('GET', `/api/v1/target-plans/${planId}/indicators/PQ-KEYPASS/records?year=${CY}&side=denominator`)
    ).json();
    // A batch is shown as its product and model.
    expect(batches.items.map((i: { label: string }) => i.label).sort()).toEqual(['i1 i1', 'i2 i2']);
    expect(
      (await city.request('GET', `/api/v1/target-plans/${planId}/indicators/CON-STD/records?year=${CY}&side=numerator`)).json().error.code,
    ).toBe('validation_failed');
    expect((await city.request('GET', `${url}&side=both`)).json().error.code).toBe('validation_failed');
  });

  it('reported figures: validation, submit, return, correct, approve, lock, unlock; the city sums counties', async () => {
    const housing = await t.as('department_reporter', 'housing-rep', { departmentCode: 'housing' });
    const put = (body: object) =>
      housing.request('PUT', '/api/v1/reported-values', { indicatorCode: 'CON-FIRSTPASS', period: String(CY), ...body });
    expect((await put({ regionCode: '431002', numerator: 51, denominator: 50 })).json().error.details[0].message).toBe('分子不能大于分母');
    expect((await put({ regionCode: '431000', numerator: 1, denominator: 1 })).json().error.details[0].path).toBe('body/regionCode');
    expect((await put({ regionCode: '431002', period: `${CY}Q1`, numerator: 1, denominator: 1 })).json().error.details[0].path).toBe(
      'body/period',
    );
    expect((await put({ regionCode: '431002', numerator: 1 })).json().error.details[0].path).toBe('body/denominator');
    // Another department's indicator is not theirs.
    expect(
      (
        await housing.request('PUT', '/api/v1/reported-values', {
          indicatorCode: 'ENV-WASTE',
          regionCode: '431002',
          period: String(CY),
          numerator: 1,
          denominator: 1,
        })
      ).statusCode,
    ).toBe(403);

    const a = (await put({ regionCode: '431002', numerator: 40, denominator: 50 })).json();
    expect(a).toMatchObject({ status: 'draft', version: 1, departmentCode: 'housing' });
    await housing.request('POST', `/api/v1/reported-values/${a.id}/submit`, { version: 1 });
    expect((await put({ regionCode: '431002', numerator: 45, denominator: 50, version: 2 })).json().error.code).toBe('report_locked');
    expect(
      (await city.request('POST', `/api/v1/reported-values/${a.id}/decision`, { decision: 'return', version: 2 })).json().error.details[0]
        .path,
    ).toBe('body/comment');
    expect(
      (
        await city.request('POST', `/api/v1/reported-values/${a.id}/decision`, {
          decision: 'return',
          comment: '请核对验收台账',
          version: 2,
        })
      ).json().status,
    ).toBe('returned');
    const fixed = (await put({ regionCode: '431002', numerator: 45, denominator: 50, comment: '已按台账更正', version: 3 })).json();
    expect(fixed).toMatchObject({ status: 'draft', numerator: 45, version: 4 });
    await housing.request('POST', `/api/v1/reported-values/${a.id}/submit`, { version: 4 });
    const approved = (await city.request('POST', `/api/v1/reported-values/${a.id}/decision`, { decision: 'approve', version: 5 })).json();
    expect(approved.status).toBe('approved');
    expect(approved.history.map((h: { action: string }) => h.action)).toEqual(['save', 'submit', 'return', 'save', 'submit', 'approve']);
    const b = (await put({ regionCode: '431003', numerator: 30, denominator: 30 })).json();
    await housing.request('POST', `/api/v1/reported-values/${b.id}/submit`, { version: 1 });
    await city.request('POST', `/api/v1/reported-values/${b.id}/decision`, { decision: 'approve', version: 2 });
    expect((await put({ regionCode: '431021', numerator: 10, denominator: 10 })).statusCode).toBe(200); // a draft does not count

    let d = await dashboard(city);
    // (45 + 30) / (50 + 30) = 93.75 %.
    expect(d.get('CON-FIRSTPASS')).toMatchObject({ value: 93.75, numerator: 75, denominator: 80, status: 'not_met' });
    expect(d.get('CON-STD')).toMatchObject({ value: null, status: 'no_data' });

    // Unlock: audited, back to the reporter, and out of the sums until approved again.
    expect(
      (await city.request('POST', `/api/v1/reported-values/${b.id}/unlock`, { reason: '住建局申请更正', version: 3 })).json(),
    ).toMatchObject({ status: 'returned', decisionComment: '住建局申请更正' });
    d = await dashboard(city);
    expect(d.get('CON-FIRSTPASS')).toMatchObject({ value: 90, numerator: 45, denominator: 50 });
    const audit = await t.db.kysely.selectFrom('audit_events').select('action').where('subject_id', '=', b.id).orderBy('seq').execute();
    expect(audit.map((x) => x.action)).toEqual([
      'reported_value.save',
      'reported_value.submit',
      'reported_value.approve',
      'reported_value.unlock',
    ]);

    // A big change from last year needs a comment: last year 431003 approved at 50 %, now 100 %.
    const last = (
      await housing.request('PUT', '/api/v1/reported-values', {
        indicatorCode: 'CON-FIRSTPASS',
        regionCode: '431022',
        period: String(CY - 1),
        numerator: 5,
        denominator: 10,
      })
    ).json();
    await housing.request('POST', `/api/v1/reported-values/${last.id}/submit`, { version: 1 });
    await city.request('POST', `/api/v1/reported-values/${last.id}/decision`, { decision: 'approve', version: 2 });
    const now = (await put({ regionCode: '431022', numerator: 10, denominator: 10 })).json();
    const refused = await housing.request('POST', `/api/v1/reported-values/${now.id}/submit`, { version: 1 });
    expect([refused.statusCode, refused.json().error.code]).toEqual([400, 'change_needs_comment']);
    const explained = (await put({ regionCode: '431022', numerator: 10, denominator: 10, comment: '本年完成整改复验', version: 1 })).json();
    expect((await housing.request('POST', `/api/v1/reported-values/${now.id}/submit`, { version: explained.version })).json().status).toBe(
      'submitted',
    );

    // The task list: housing owes 4 indicators × 11 counties; 2 submitted-or-approved for CON-FIRSTPASS this year (431002 approved, 431022 submitted).
    const tasks = (await housing.request('GET', `/api/v1/reported-values/tasks?period=${CY}`)).json();
    expect(tasks.tasks).toHaveLength(44);
    expect(tasks.completeness).toEqual([{ departmentCode: 'housing', expected: 44, submitted: 2, approved: 1, late: 0 }]);
    expect(tasks.dueOn).toBe(`${CY + 1}-01-31`);
    // A county officer follows their own county's figures only: the city's task list cut to 431022, no province task.
    const ofCity = (await city.request('GET', `/api/v1/reported-values/tasks?period=${CY}`)).json().tasks;
    const ofCounty = (
      await (
        await t.as('county_officer', 'yizhang-t', { regionCode: '431022' })
      ).request('GET', `/api/v1/reported-values/tasks?period=${CY}`)
    ).json().tasks;
    expect(ofCounty.length).toBeGreaterThan(0);
    expect(ofCounty).toEqual(ofCity.filter((x: { regionCode: string }) => x.regionCode === '431022'));
  });

  it('plans: copy for the next period, edit an indicator’s target; the dashboard reads the new target', async () => {
    const copy = await city.request('POST', `/api/v1/target-plans/${planId}/copy`, {
      code: 'test-plan',
      name: '重复',
      startYear: 2026,
      endYear: 2030,
    });
    expect(copy.json().error.code).toBe('duplicate_record');
    const detail = (await city.request('GET', `/api/v1/target-plans/${planId}`)).json();
    // The register's 27, the three brand-growth measures besides output and the three provincial figures they compare with, the output measure: 34.
    expect(detail.indicators).toHaveLength(34);
    const cov = detail.indicators.find((i: { code: string }) => i.code === 'PQ-STDCOV');
    expect((await city.request('PATCH', `/api/v1/plan-indicators/${cov.id}`, { target: 50, version: 9 })).json().error.code).toBe(
      'stale_version',
    );
    expect(
      (await city.request('PATCH', `/api/v1/plan-indicators/${cov.id}`, { source: 'computed', calculator: 'magic', version: 1 })).json()
        .error.details[0].path,
    ).toBe('body/calculator');
    expect((await city.request('PATCH', `/api/v1/plan-indicators/${cov.id}`, { target: 50, version: 1 })).json()).toMatchObject({
      target: 50,
      version: 2,
    });
    expect((await dashboard(city)).get('PQ-STDCOV')!.status).toBe('met');
    const added = await city.request('POST', `/api/v1/target-plans/${planId}/indicators`, {
      code: 'PQ-CCC',
      section: 'product',
      name: '获 CCC 认证的服务企业',
      nameEn: '',
      unit: '家',
      kind: 'count',
      direction: '>=',
      target: 1,
      stretch: null,
      baselineYear: null,
      baselineValue: null,
      ownerDepartment: 'quality',
      frequency: 'year',
      source: 'computed',
      calculator: 'service_certified',
      reading: { kind: 'CCC' },
      compareCode: null,
      reportRegions: null,
      definition: '服务业企业持有有效 CCC 证书的企业数',
    });
    expect(added.statusCode, added.body).toBe(201);
    expect((await dashboard(city)).get('PQ-CCC')).toMatchObject({ value: 0, status: 'not_met' });
  });

  it('the dashboard exports as a workbook: the indicators, the county matrix and the definitions', async () => {
    const res = await city.request('GET', `/api/v1/target-plans/${planId}/dashboard/export?year=${CY}`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['指标看板', '县市区对比', '行业对比', '指标定义']);
    const rows = book.getWorksheet('指标看板')!.getSheetValues().filter(Boolean) as unknown[][];
    const newprod = rows.find((r) => r[1] === 'PQ-NEWPROD')!;
    // Code, name, unit, value 15.555… as a number to the indicator's 2 decimals, numerator, denominator as numbers.
    expect(newprod.slice(1, 7)).toEqual(['PQ-NEWPROD', '新产品产值率', '%', 15.56, 700000, 4500000]);
    const matrix = book.getWorksheet('县市区对比')!.getSheetValues().filter(Boolean) as unknown[][];
    expect(matrix[0]!.slice(1, 4)).toEqual(['编码', '指标', '北湖区']);
    // By industry: the two with records, computed indicators only. 有色冶金: A1 A2 C1 E1 covered of A1 A2 A3 C1 C2 D1 E1 → 4/7; 电子信息 (B): B1 of B1 B2 → 50 %.
    const industries = book.getWorksheet('行业对比')!.getSheetValues().filter(Boolean) as unknown[][];
    expect(industries[0]!.slice(1)).toEqual(['编码', '指标', '有色冶金', '电子信息']);
    expect(industries.find((r) => r[1] === 'PQ-STDCOV')!.slice(3)).toEqual([57.14, 50]);
    expect(industries.some((r) => r[1] === 'CON-STD')).toBe(false);
    // The definitions name the owner department, not its code.
    const definitions = book.getWorksheet('指标定义')!.getSheetValues().filter(Boolean) as unknown[][];
    expect(definitions.find((r) => r[1] === 'PQ-NEWPROD')![3]).toBe('市统计局');
  });

  it('sums kept between reads give way to any change of their sources', async () => {
    // 5 of 9 (above), read twice: the second from the kept sums.
    expect((await dashboard(city)).get('PQ-STDCOV')).toMatchObject({ numerator: 5, denominator: 9 });
    expect((await dashboard(city)).get('PQ-STDCOV')).toMatchObject({ numerator: 5, denominator: 9 });
    // A new product (made to standard, no standard on record): 5 of 10.
    expect((await city.request('POST', `/api/v1/enterprises/${e.E}/products`, { name: '产品E2' })).statusCode).toBe(201);
    expect((await dashboard(city)).get('PQ-STDCOV')).toMatchObject({ numerator: 5, denominator: 10 });
    // A change made outside the API (SQL, another process) that moves updated_at is seen too: A1 no longer made to standard, 4 of 10.
    const latest = (
      await t.db.kysely
        .selectFrom('products')
        .select((eb) => eb.fn.max('updated_at').as('at'))
        .executeTakeFirstOrThrow()
    ).at!;
    await t.db.kysely
      .updateTable('products')
      .set({ made_to_standard: 0, updated_at: new Date(Date.parse(latest) + 1).toISOString() })
      .where('id', '=', p.A1!)
      .execute();
    expect((await dashboard(city)).get('PQ-STDCOV')).toMatchObject({ numerator: 4, denominator: 10 });
  });

  it('kept sums per county and industry: only the cells a write touched are read again, and they equal a full reading', async () => {
    // The kept sums of the plan: per cell, and per part of a cell.
    const cells = async () =>
      [
        ...(
          await t.db.kysely
            .selectFrom('indicator_sums')
            .innerJoin('plan_indicators as i', 'i.id', 'indicator_sums.indicator_id')
            .select(['i.code', 'year', 'region_code', 'industry_code', 'num', 'den', 'records'])
            .where('i.plan_id', '=', planId)
            .execute()
        ).map((r) => `${r.code} ${r.year} ${r.region_code} ${r.industry_code} ${Number(r.num)}/${Number(r.den)} (${Number(r.records)})`),
        ...(
          await t.db.kysely
            .selectFrom('indicator_part_sums')
            .innerJoin('plan_indicators as i', 'i.id', 'indicator_part_sums.indicator_id')
            .select(['i.code', 'year', 'region_code', 'industry_code', 'part', 'num', 'den', 'records'])
            .where('i.plan_id', '=', planId)
            .execute()
        ).map(
          (r) =>
            `${r.code} ${r.year} ${r.region_code} ${r.industry_code} ${r.part} ${Number(r.num)}/${Number(r.den)} (${Number(r.records)})`,
        ),
      ].sort();
    const coverage = async () => {
      const m = (await city.request('GET', `/api/v1/target-plans/${planId}/matrix?year=${CY}`)).json();
      return Object.fromEntries(
        m.rows
          .find((r: { code: string }) => r.code === 'PQ-STDCOV')
          .cells.filter((c: { denominator: number }) => c.denominator > 0)
          .map((c: { key: string; numerator: number; denominator: number }) => [c.key, `${c.numerator}/${c.denominator}`]),
      );
    };
    // From 4 of 10 (above). A standard for B2 (a product_standards write): 5 of 10.
    expect(
      (await city.request('POST', `/api/v1/enterprises/${e.B}/products/${p.B2}/standards`, { standardNo: 'GB/T 2-2020', kind: 'national' }))
        .statusCode,
    ).toBe(201);
    expect((await dashboard(city)).get('PQ-STDCOV')).toMatchObject({ numerator: 5, denominator: 10 });
    // C2 deleted (soft): 5 of 9.
    expect(
      (await city.request('DELETE', `/api/v1/enterprises/${e.C}/products/${p.C2}`, { version: 1, reason: '产品停产注销' })).statusCode,
    ).toBe(204);
    expect((await dashboard(city)).get('PQ-STDCOV')).toMatchObject({ numerator: 5, denominator: 9 });
    // E moves from 北湖区 to 桂阳县 with E1 (covered) and E2 (not): 北湖区 A1 A2 A3 C1 → 2/4, 苏仙区 B1 B2 D1 → 2/3, 桂阳县 1/2.
    const eRow = (await city.request('GET', `/api/v1/enterprises/${e.E}`)).json();
    expect((await city.request('PATCH', `/api/v1/enterprises/${e.E}`, { version: eRow.version, regionCode: '431021' })).statusCode).toBe(
      200,
    );
    expect(await coverage()).toEqual({ '431002': '2/4', '431003': '2/3', '431021': '1/2' });
    // By industry from the same cells: electronics (B) 2/2; nonferrous 3/7.
    const byIndustry = (await city.request('GET', `/api/v1/target-plans/${planId}/matrix?year=${CY}&by=industry`)).json();
    expect(byIndustry.columns).toEqual(['nonferrous', 'electronics']);
    expect(
      byIndustry.rows
        .find((r: { code: string }) => r.code === 'PQ-STDCOV')
        .cells.map((c: { numerator: number; denominator: number }) => `${c.numerator}/${c.denominator}`),
    ).toEqual(['3/7', '2/2']);
    // A case's verdict changes (only its year's part of its cell is read again): i2 now qualified → key products 2/2, all batches 4/4 (100 − 90 = 10 points).
    await t.db.kysely
      .updateTable('inspections')
      .set({ final_verdict: 'qualified', updated_at: new Date().toISOString() })
      .where('document_no', '=', 'i2')
      .execute();
    let d = await dashboard(city);
    expect(d.get('PQ-KEYPASS')).toMatchObject({ numerator: 2, denominator: 2 });
    expect(d.get('PQ-PASSGAP')).toMatchObject({ value: 10, numerator: 4, denominator: 4 });
    // A product write reaches the cases naming it: E1 no longer a key product → no key-product batches.
    const e1 = (await city.request('GET', `/api/v1/enterprises/${e.E}/products`)).json().items.find((x: { id: string }) => x.id === p.E1);
    expect(
      (await city.request('PATCH', `/api/v1/enterprises/${e.E}/products/${p.E1}`, { version: e1.version, keyProduct: false })).statusCode,
    ).toBe(200);
    d = await dashboard(city);
    expect(d.get('PQ-KEYPASS')).toMatchObject({ value: null, denominator: 0, status: 'no_data' });
    // What the writes left equals what a reading from nothing gives.
    const kept = await cells();
    expect(kept.length).toBeGreaterThan(0);
    expect(await recountKeptSums(t.db.kysely)).toBeGreaterThan(0);
    expect(await cells()).toEqual([]);
    // The background refresh reads every plan that has begun: this one for CY-2 … CY, the seeded 2010–2015 for all six years.
    expect(await t.services.targets.refreshKept(systemActor('system'))).toBe(2);
    const runs = await t.db.kysely
      .selectFrom('indicator_sum_runs')
      .innerJoin('plan_indicators as i', 'i.id', 'indicator_sum_runs.indicator_id')
      .select(['i.plan_id', 'year'])
      .distinct()
      .execute();
    expect(
      runs
        .filter((r) => r.plan_id === planId)
        .map((r) => r.year)
        .sort(),
    ).toEqual([CY - 2, CY - 1, CY]);
    expect(
      runs
        .filter((r) => r.plan_id !== planId)
        .map((r) => r.year)
        .sort(),
    ).toEqual([2010, 2011, 2012, 2013, 2014, 2015]);
    await city.request('GET', `/api/v1/target-plans/${planId}/matrix?year=${CY}`);
    expect(await cells()).toEqual(kept);
    // A write dated long before the stamp (a clock far behind) is not seen; a recount brings it in, in memory too: B1 no longer made to standard, 4 of 9.
    await t.db.kysely
      .updateTable('products')
      .set({ made_to_standard: 0, updated_at: '2000-01-01T00:00:00.000Z' })
      .where('id', '=', p.B1!)
      .execute();
    expect((await dashboard(city)).get('PQ-STDCOV')).toMatchObject({ numerator: 5, denominator: 9 });
    await recountKeptSums(t.db.kysely);
    expect((await dashboard(city)).get('PQ-STDCOV')).toMatchObject({ numerator: 4, denominator: 9 });
  });

  it('green food: a green-food honour in force naming the product counts it, as the certificate does', async () => {
    // C1 and D1 (C2 was deleted above), C certified → 1/2. An honour for C naming C1 changes nothing (already counted); D granted 绿色食品 for D1: 2/2.
    const grant = (owner: string, productIds: string[]) =>
      city.request('POST', '/api/v1/honours', {
        programmeCode: 'green_food',
        enterpriseId: e[owner],
        grantedOn: `${CY}-01-02`,
        title: `${owner}-绿色食品`,
        productIds,
      });
    expect((await dashboard(city)).get('PQ-GREEN')).toMatchObject({ numerator: 1, denominator: 2 });
    expect((await grant('C', [p.C1!])).statusCode).toBe(201);
    expect((await dashboard(city)).get('PQ-GREEN')).toMatchObject({ numerator: 1, denominator: 2 });
    // An honour names only its own enterprise's products.
    expect((await grant('D', [p.C1!])).json().error.code).toBe('validation_failed');
    expect((await grant('D', [p.D1!])).statusCode).toBe(201);
    expect((await dashboard(city)).get('PQ-GREEN')).toMatchObject({ numerator: 2, denominator: 2 });
  });
});
