import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Agent, type TestApp } from '../helpers/app';
import { buildIndicatorFixture, COUNTIES } from '../helpers/indicator-fixture';

const CY = Number(new Date().toISOString().slice(0, 4));

type Row = {
  indicator: { code: string; definition: string; direction: string; target: number | null };
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  compareValue: number | null;
  status: string;
  reported?: { regions: number; of: number; complete: boolean };
  measures?: {
    code: string;
    name: string;
    value: number | null;
    numerator: number | null;
    denominator: number | null;
    compareValue: number | null;
    status: string;
  }[];
};

/**
 * Every indicator of the register on the archive of test/helpers/indicator-fixture.ts (its comment
 * lists the records), each number worked out by hand from the policy's definition (郴政发〔2010〕4号
 * §二): a service firm, a firm deregistered before the year, a firm with two awards, a firm holding
 * two brands, a refused spot check, and counties that have not reported are each in it.
 */
describe('the register’s definitions on an archive of edge cases', () => {
  let t: TestApp;
  let city: Agent;
  let planId = '';
  let d: Map<string, Row>;

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    const seeded = (await city.request('GET', '/api/v1/target-plans')).json().items[0];
    planId = (
      await city.request('POST', `/api/v1/target-plans/${seeded.id}/copy`, {
        code: 'edge-plan',
        name: '口径测试计划',
        startYear: CY - 1,
        endYear: CY + 3,
      })
    ).json().id;
    await buildIndicatorFixture(t, city, CY);
    const res = await city.request('GET', `/api/v1/target-plans/${planId}/dashboard?year=${CY}`);
    expect(res.statusCode, res.body).toBe(200);
    d = new Map((res.json().rows as Row[]).map((r) => [r.indicator.code, r]));
  });
  afterAll(() => t.close());

  const row = (code: string) => {
    const r = d.get(code);
    if (!r) throw new Error(`no row ${code}`);
    return r;
  };

  it('every indicator of the register is worked here', () => {
    expect([...d.keys()].sort()).toEqual(
      [
        'IND-QA',
        'IND-FLAG',
        'IND-KEYBRAND',
        'PQ-ADOPT',
        'PQ-STDCOV',
        'PQ-GREEN',
        'PQ-AGSTD',
        'PQ-KEYPASS',
        'PQ-EXPORT',
        'PQ-PASSGAP',
        'PQ-NEWPROD',
        'PQ-HNBRAND',
        'PQ-CNBRAND',
        'PQ-BRANDSHARE',
        'PQ-BRANDGROWTH',
        'PQ-BRANDGROWTH-OUTPUT',
        'PQ-BRANDGROWTH-SALES',
        'PQ-BRANDGROWTH-EXPORT',
        'PQ-BRANDGROWTH-PROFIT',
        'CON-STD',
        'CON-FIRSTPASS',
        'CON-EXCELLENT',
        'CON-UNQUALIFIED',
        'SVC-NOFAKE',
        'SVC-STD',
        'SVC-CERT',
        'SVC-HNBRAND',
        'ENV-DISCHARGE',
        'ENV-WASTE',
        'PROV-PASSRATE',
        'PROV-BRANDGROWTH',
        'PROV-BRANDGROWTH-SALES',
        'PROV-BRANDGROWTH-EXPORT',
        'PROV-BRANDGROWTH-PROFIT',
      ].sort(),
    );
  });

  it('industrial indicators count the industrial producers of the year only, over one output denominator', () => {
    // Products of industrial producers: M1a M1b M1c M2a M2b TBa TBb DNa F1 F2 F3 G1 = 12 (SVa: a service firm; DRa: deregistered
    // before the year). Made to standard with a standard: M1a M1c M2a TBa DNa = 5 (TBb is not made to its standard) → 5/12.
    expect(row('PQ-STDCOV')).toMatchObject({ numerator: 5, denominator: 12, status: 'not_met' });
    // Key (M1) and foreign-invested (M2) enterprises' products and brand products (TBa TBb, flagged by their honours):
    // M1a M1b M1c M2a M2b TBa TBb = 7 (SVa and DRa would adopt, but are out); international M1c, IDT M2a → 2/7.
    expect(row('PQ-ADOPT')).toMatchObject({ numerator: 2, denominator: 7 });
    // Output of industrial producers: M1 2,000,000 + M2 1,000,000 + TB 1,200,000 + DN 800,000 = 5,000,000 (not SV 9,000,000 nor DR 5,000,000).
    // New-product: 300,000 + 0 (M2 reports none) + 100,000 + 200,000 = 600,000 → 12 %.
    expect(row('PQ-NEWPROD')).toMatchObject({ value: 12, numerator: 600_000, denominator: 5_000_000, status: 'met' });
    // Brand holders among them: TB once for its two brands, 1,200,000 (SV holds one but serves) → 24 %, over the same 5,000,000.
    expect(row('PQ-BRANDSHARE')).toMatchObject({ value: 24, numerator: 1_200_000, denominator: 5_000_000, status: 'met' });
  });

  it('counts: enterprises not awards, brands created in the plan, honours in force', () => {
    // QA won twice in the plan: one enterprise; QB's award came before the plan → 1.
    expect(row('IND-QA')).toMatchObject({ value: 1, status: 'not_met' });
    // M1 on CY's flagship register; KB's 重点扶持大品牌 → 1 each.
    expect(row('IND-FLAG')).toMatchObject({ value: 1 });
    expect(row('IND-KEYBRAND')).toMatchObject({ value: 1 });
    // 湖南省名牌产品 in force: TB's two and SV's one → 3 (a count of honours: each names its product).
    expect(row('PQ-HNBRAND')).toMatchObject({ value: 3 });
    expect(row('PQ-CNBRAND')).toMatchObject({ value: 0 }); // no 中国名牌 granted
    // 创建湖南服务名牌: SV's of CY−1 (in the plan); SV2's of CY−2 is still in force but was created before the plan → 1.
    expect(row('SVC-HNBRAND')).toMatchObject({ value: 1, status: 'not_met' });
    // SV's 百城万店无假货 and its 服务标准化达标单位 → 1 each.
    expect(row('SVC-NOFAKE')).toMatchObject({ value: 1 });
    expect(row('SVC-STD')).toMatchObject({ value: 1 });
    // ISO 9001 held by SV (a service firm) and M1 (not one) → 1.
    expect(row('SVC-CERT')).toMatchObject({ value: 1 });
  });

  it('green food counts products: a certificate counts the products it names', () => {
    // AG1's food F1 F2 F3 (AG2 leads nothing): F1 named by the certificate, F3 by the certificate and an honour (once), F2 by neither → 2/3.
    expect(row('PQ-GREEN')).toMatchObject({ numerator: 2, denominator: 3, status: 'not_met' });
  });

  it('spot checks: a refused case is no result; key and brand products only for PQ-KEYPASS', () => {
    // National and provincial, decided, key or brand product: b1 (TBa qualified), b2 (TBa unqualified); b5 refused, b4 a city check → 1/2.
    expect(row('PQ-KEYPASS')).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    // All national and provincial decided: b1 b2 b3 → 2/3 = 66.67 % less the province's 90 % → −23.33 points.
    expect(row('PQ-PASSGAP')).toMatchObject({ numerator: 2, denominator: 3, compareValue: 90, status: 'not_met' });
    expect(row('PQ-PASSGAP').value).toBeCloseTo(200 / 3 - 90, 10);
  });

  it('brand growth: all four measures against the province’s, each shown, above (> 0) only when every one is', async () => {
    // TB (holding brands, both years reported; SV reported CY only):
    // output (1,200,000 − 1,000,000) / 1,000,000 = 20 % − 15 = +5; sales 90,000 / 900,000 = 10 % − 8 = +2;
    // export −5,000 / 100,000 = −5 % − (−10) = +5; profit and tax 10,000 / 50,000 = 20 % − 25 = −5.
    const measures = row('PQ-BRANDGROWTH').measures!;
    expect(measures.map((m) => [m.code, m.value, m.numerator, m.denominator, m.compareValue, m.status])).toEqual([
      ['PQ-BRANDGROWTH-OUTPUT', 5, 200_000, 1_000_000, 15, 'met'],
      ['PQ-BRANDGROWTH-SALES', 2, 90_000, 900_000, 8, 'met'],
      ['PQ-BRANDGROWTH-EXPORT', 5, -5_000, 100_000, -10, 'met'],
      ['PQ-BRANDGROWTH-PROFIT', -5, 10_000, 50_000, 25, 'not_met'],
    ]);
    expect(measures.map((m) => m.name)).toEqual([
      '名牌企业产值增幅高于全省平均',
      '名牌企业销售额增幅高于全省平均',
      '名牌企业出口创汇额增幅高于全省平均',
      '名牌企业利税增幅高于全省平均',
    ]);
    // The whole: the least of the four, −5; the target is above 0 (> 0), so not met.
    expect(row('PQ-BRANDGROWTH')).toMatchObject({
      value: -5,
      numerator: null,
      denominator: null,
      status: 'not_met',
      indicator: { direction: '>', target: 0 },
    });
    for (const m of measures) expect(row(m.code).value).toBe(m.value);
    // The composite has no records of its own: its measures do.
    expect(
      (await city.request('GET', `/api/v1/target-plans/${planId}/indicators/PQ-BRANDGROWTH/records?year=${CY}&side=numerator`)).json().error
        .code,
    ).toBe('validation_failed');
    expect(
      (await city.request('GET', `/api/v1/target-plans/${planId}/indicators/PQ-BRANDGROWTH-SALES/records?year=${CY}&side=denominator`))
        .json()
        .items.map((i: { enterpriseId: string }) => i.enterpriseId),
    ).toHaveLength(1);
  });

  it('reported figures: the city’s value says how many counties it adds up; a county not reported has no data', async () => {
    // Eight counties approved: (7 × 10 + 9) / 80 = 98.75 %; the ninth's draft and the last two count for nothing.
    expect(row('CON-FIRSTPASS')).toMatchObject({
      value: 98.75,
      numerator: 79,
      denominator: 80,
      reported: { regions: 8, of: 11, complete: false },
    });
    // 431002 alone: 20 / 20 = 100 %.
    expect(row('CON-STD')).toMatchObject({ value: 100, reported: { regions: 1, of: 11, complete: false } });
    // (17 + 9) / (20 + 10) = 86.67 %.
    expect(row('CON-EXCELLENT')).toMatchObject({ numerator: 26, denominator: 30, reported: { regions: 2, of: 11 } });
    // 1 + 0 unqualified projects: 1 against ≤ 0 — near (one unit of a target of 0).
    expect(row('CON-UNQUALIFIED')).toMatchObject({ value: 1, status: 'near', reported: { regions: 2 } });
    // One county each: 45 / 50 = 90 %, 960 / 1000 = 96 %, 19 / 20 = 95 %, 50 / 50 = 100 %.
    expect(row('ENV-DISCHARGE')).toMatchObject({ value: 90, status: 'not_met' });
    expect(row('ENV-WASTE')).toMatchObject({ value: 96, status: 'met' });
    expect(row('PQ-AGSTD')).toMatchObject({ value: 95, status: 'met' });
    expect(row('PQ-EXPORT')).toMatchObject({ value: 100, status: 'met' });
    // Provincial figures are entered once: no county count. 900 / 1000 = 90 %.
    expect(row('PROV-PASSRATE')).toMatchObject({ value: 90, status: 'no_target' });
    expect(row('PROV-PASSRATE').reported).toBeUndefined();
    expect([
      row('PROV-BRANDGROWTH').value,
      row('PROV-BRANDGROWTH-SALES').value,
      row('PROV-BRANDGROWTH-EXPORT').value,
      row('PROV-BRANDGROWTH-PROFIT').value,
    ]).toEqual([15, 8, -10, 25]);
    // Per county: a county that has not reported has no data, never 0 %.
    const m = (await city.request('GET', `/api/v1/target-plans/${planId}/matrix?year=${CY}`)).json();
    const cells = m.rows.find((r: { code: string }) => r.code === 'CON-FIRSTPASS').cells;
    expect(cells.filter((c: { value: number | null }) => c.value === null).map((c: { key: string }) => c.key)).toEqual(COUNTIES.slice(8));
  });

  it('the office does not approve a figure it entered itself', async () => {
    const admin = await t.as('admin', 'fx-admin');
    const saved = (
      await admin.request('PUT', '/api/v1/reported-values', {
        indicatorCode: 'PQ-EXPORT',
        regionCode: '431003',
        period: String(CY),
        numerator: 40,
        denominator: 50,
      })
    ).json();
    expect((await admin.request('POST', `/api/v1/reported-values/${saved.id}/submit`, { version: 1 })).statusCode).toBe(200);
    const own = await admin.request('POST', `/api/v1/reported-values/${saved.id}/decision`, { decision: 'approve', version: 2 });
    expect([own.statusCode, own.json().error.code]).toEqual([403, 'own_entry']);
    // Another officer may: (50 + 40) / (50 + 50) = 90 %.
    expect(
      (await city.request('POST', `/api/v1/reported-values/${saved.id}/decision`, { decision: 'approve', version: 2 })).json().status,
    ).toBe('approved');
    const dash = (await city.request('GET', `/api/v1/target-plans/${planId}/dashboard?year=${CY}`)).json();
    expect(dash.rows.find((r: Row) => r.indicator.code === 'PQ-EXPORT')).toMatchObject({
      value: 90,
      reported: { regions: 2, of: 11, complete: false },
    });
  });

  it('each definition says what is counted', () => {
    expect(row('IND-QA').indicator.definition).toContain('同一企业多次获奖计一家');
    expect(row('PQ-STDCOV').indicator.definition).toContain('未标为服务业企业');
    expect(row('PQ-NEWPROD').indicator.definition).toContain('与 PQ-BRANDSHARE 分母相同');
    expect(row('PQ-GREEN').indicator.definition).toContain('证书未载明的产品不计');
    expect(row('PQ-BRANDGROWTH').indicator.definition).toContain('四项均高于全省');
    expect(row('SVC-HNBRAND').indicator.definition).toContain('新创建');
  });
});
