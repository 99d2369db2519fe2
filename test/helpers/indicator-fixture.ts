import { expect } from 'vitest';
import { makeUscc } from '../../src/server/lib/uscc';
import type { Agent, TestApp } from './app';

/** The eleven counties in the order the reference data lists them. */
export const COUNTIES = ['431002', '431003', '431021', '431022', '431023', '431024', '431025', '431026', '431027', '431028', '431081'];

/**
 * An archive with the records that break a loose definition, every indicator of the register
 * worked out from it by hand in test/api/indicator-definitions.test.ts. The year read is CY (this
 * year, read as of today); the plan starts in CY−1.
 *
 * Enterprises (有色冶金 unless said):
 * - M1 北湖区: key enterprise, above scale, ISO 9001 (not a service firm: no SVC-CERT), flagship of CY.
 *   Products M1a (national standard), M1b (no standard), M1c (international standard).
 *   CY: output 2,000,000, new-product 300,000, sales 3,200,000,000.
 * - M2 苏仙区: foreign-invested. M2a (national standard adopting IEC, IDT), M2b (no standard). CY: output 1,000,000, no new-product figure.
 * - TB 北湖区 — counted twice if counted by honour: two 湖南省名牌产品 honours (TBa, TBb). TBa (national
 *   standard), TBb (a standard, but not made to it). CY−1: output 1,000,000, sales 900,000, export 100,000, profit 50,000;
 *   CY: output 1,200,000, new-product 100,000, sales 990,000, export 95,000, profit 60,000.
 * - SV 北湖区 — a service firm: key enterprise, ISO 9001, a 湖南省名牌产品 honour, a 湖南服务名牌 of CY−1,
 *   百城万店无假货 and 服务标准化达标单位. SVa (international standard). CY: output 9,000,000, new-product 1,000,000 (no CY−1).
 * - SV2 苏仙区: a service firm with a 湖南服务名牌 granted in CY−2, before the plan, still in force.
 * - DR 桂阳县 — deregistered before the year (CY−1-06-30): key enterprise; DRa (international standard,
 *   key product). CY: output 5,000,000, new-product 4,000,000.
 * - DN 桂阳县: deregistered on CY-01-01, so it operated in the year. DNa (national standard). CY: output 800,000, new-product 200,000.
 * - QA 苏仙区 — a firm with two 湖南省质量管理奖 (CY−1-03-01, CY-02-01); QB 苏仙区 won one in CY−3, before the plan.
 * - AG1 北湖区: city-level agricultural leader; food F1, F2, F3 (no standards). Its green-food certificate
 *   names F1 and F3; a green-food honour names F3 too (counted once). F2 is named by neither.
 * - AG2 苏仙区: no leader level; food G1.
 * - KB 北湖区: a 重点扶持大品牌 honour.
 *
 * Spot checks of CY (category 有色金属及合金制品): b1 national TBa qualified, b2 provincial TBa
 * unqualified, b3 national M2b qualified, b4 city TBa qualified, b5 national TBa refused (拒检, no verdict).
 *
 * Reported figures, approved unless said: CON-FIRSTPASS in the first eight counties (10/10 each, 431025 9/10),
 * the ninth a draft, the last two nothing; CON-STD 431002 20/20; CON-EXCELLENT 431002 17/20, 431003 9/10;
 * CON-UNQUALIFIED 431002 1, 431003 0; ENV-DISCHARGE 431002 45/50; ENV-WASTE 431002 960/1000; PQ-AGSTD
 * 431002 19/20; PQ-EXPORT 431002 50/50; PROV-PASSRATE 900/1000; PROV-BRANDGROWTH 15, -SALES 8, -EXPORT −10, -PROFIT 25.
 */
export async function buildIndicatorFixture(t: TestApp, city: Agent, CY: number) {
  const today = new Date().toISOString().slice(0, 10);
  const e: Record<string, string> = {};
  const p: Record<string, string> = {};
  let n = 0;
  const enterprise = async (key: string, region: string, extra: object = {}) => {
    const res = await city.request('POST', '/api/v1/enterprises', {
      uscc: makeUscc('91', region, `MA4K${String(++n).padStart(4, '0')}`),
      name: `郴州市口径测试${key}有限公司`,
      regionCode: region,
      industryCode: 'nonferrous',
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    e[key] = res.json().id;
  };
  const product = async (key: string, owner: string, body: object = {}, standards: object[] = []) => {
    const res = await city.request('POST', `/api/v1/enterprises/${e[owner]}/products`, { name: `产品${key}`, ...body });
    expect(res.statusCode, res.body).toBe(201);
    p[key] = res.json().id;
    for (const s of standards)
      expect((await city.request('POST', `/api/v1/enterprises/${e[owner]}/products/${p[key]}/standards`, s)).statusCode).toBe(201);
  };
  const national = { standardNo: 'GB/T 1-2020', kind: 'national' };
  const international = { standardNo: 'ISO 4287:1997', kind: 'international' };

  await enterprise('M1', '431002', { keyEnterprise: true, aboveScale: true });
  await enterprise('M2', '431003', { foreignInvested: true });
  await enterprise('TB', '431002');
  await enterprise('SV', '431002', { serviceEnterprise: true, keyEnterprise: true });
  await enterprise('SV2', '431003', { serviceEnterprise: true });
  await enterprise('DR', '431021', { keyEnterprise: true, status: 'deregistered', deregisteredOn: `${CY - 1}-06-30` });
  await enterprise('DN', '431021', { status: 'deregistered', deregisteredOn: `${CY}-01-01` });
  await enterprise('QA', '431003');
  await enterprise('QB', '431003');
  await enterprise('AG1', '431002', { agriLeaderLevel: 'city' });
  await enterprise('AG2', '431003');
  await enterprise('KB', '431002');

  await product('M1a', 'M1', {}, [national]);
  await product('M1b', 'M1');
  await product('M1c', 'M1', {}, [international]);
  await product('M2a', 'M2', {}, [
    { standardNo: 'GB 4943.1-2022', kind: 'national', adoption: 'IDT', adoptedStandardNo: 'IEC 62368-1:2018' },
  ]);
  await product('M2b', 'M2');
  await product('TBa', 'TB', {}, [national]);
  await product('TBb', 'TB', { madeToStandard: false }, [national]);
  await product('SVa', 'SV', {}, [international]);
  await product('DRa', 'DR', { keyProduct: true }, [international]);
  await product('DNa', 'DN', {}, [national]);
  for (const f of ['F1', 'F2', 'F3']) await product(f, 'AG1', { foodProduct: true });
  await product('G1', 'AG2', { foodProduct: true });

  const cert = async (owner: string, kind: string, no: string, productIds?: string[]) =>
    expect(
      (
        await city.request('POST', `/api/v1/enterprises/${e[owner]}/certifications`, {
          kind,
          certificateNo: no,
          issuedOn: `${CY - 1}-01-01`,
          expiresOn: `${CY + 2}-01-01`,
          productIds,
        })
      ).statusCode,
    ).toBe(201);
  await cert('M1', 'ISO9001', 'Q-M1');
  await cert('SV', 'ISO9001', 'Q-SV');
  await cert('AG1', 'GREEN_FOOD', 'LB-AG1', [p.F1!, p.F3!]);

  const figures = async (owner: string, body: object) =>
    expect((await city.request('POST', `/api/v1/enterprises/${e[owner]}/yearly-figures`, body)).statusCode).toBe(201);
  await figures('M1', { year: CY, outputValue: 2_000_000, newProductOutputValue: 300_000, salesRevenue: 3_200_000_000 });
  await figures('M2', { year: CY, outputValue: 1_000_000 });
  await figures('TB', { year: CY - 1, outputValue: 1_000_000, salesRevenue: 900_000, exportValue: 100_000, profitAndTax: 50_000 });
  await figures('TB', {
    year: CY,
    outputValue: 1_200_000,
    newProductOutputValue: 100_000,
    salesRevenue: 990_000,
    exportValue: 95_000,
    profitAndTax: 60_000,
  });
  await figures('SV', { year: CY, outputValue: 9_000_000, newProductOutputValue: 1_000_000 });
  await figures('DR', { year: CY, outputValue: 5_000_000, newProductOutputValue: 4_000_000 });
  await figures('DN', { year: CY, outputValue: 800_000, newProductOutputValue: 200_000 });

  const grant = async (programmeCode: string, owner: string, grantedOn: string, productIds?: string[]) => {
    const res = await city.request('POST', '/api/v1/honours', {
      programmeCode,
      enterpriseId: e[owner],
      grantedOn,
      title: `${owner}-${programmeCode}-${grantedOn}`,
      productIds,
    });
    expect(res.statusCode, res.body).toBe(201);
  };
  await grant('hunan_top_brand', 'TB', `${CY - 1}-06-01`, [p.TBa!]);
  await grant('hunan_top_brand', 'TB', `${CY - 1}-09-01`, [p.TBb!]);
  await grant('hunan_top_brand', 'SV', `${CY - 1}-06-01`, [p.SVa!]);
  await grant('hunan_service_brand', 'SV', `${CY - 1}-05-01`);
  await grant('hunan_service_brand', 'SV2', `${CY - 2}-06-01`);
  await grant('no_fake_demo', 'SV', `${CY - 1}-04-01`);
  await grant('service_std_unit', 'SV', `${CY - 1}-04-01`);
  await grant('hunan_qm_award', 'QA', `${CY - 1}-03-01`);
  await grant('hunan_qm_award', 'QA', `${CY}-02-01`);
  await grant('hunan_qm_award', 'QB', `${CY - 3}-03-01`);
  await grant('green_food', 'AG1', `${CY - 1}-02-01`, [p.F3!]);
  await grant('key_big_brand', 'KB', `${CY - 1}-02-01`);
  expect((await city.request('POST', '/api/v1/flagships', { enterpriseId: e.M1, year: CY, designatedOn: today })).statusCode).toBe(201);

  // Spot checks: registered, then given their level, product, state and verdict directly.
  const category = (
    await t.db.kysely.selectFrom('product_categories').select('code').where('name', '=', '有色金属及合金制品').executeTakeFirstOrThrow()
  ).code;
  const plan = (
    await city.request('POST', '/api/v1/inspection-plans', {
      year: CY,
      level: 'city',
      title: '口径测试计划',
      departmentCode: 'quality',
      regionCode: '431000',
      categories: [{ categoryCode: category, plannedBatches: 5, testItems: ['X'] }],
    })
  ).json();
  const batches: [string, string, string, string, string | null, string | null][] = [
    ['b1', 'national', 'TB', 'TBa', 'qualified', null],
    ['b2', 'provincial', 'TB', 'TBa', 'unqualified', null],
    ['b3', 'national', 'M2', 'M2b', 'qualified', null],
    ['b4', 'city', 'TB', 'TBa', 'qualified', null],
    ['b5', 'national', 'TB', 'TBa', null, 'refused'],
  ];
  for (const [doc, level, owner, prod, verdict, state] of batches) {
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
    await t.db.kysely
      .updateTable('inspections')
      .set({ level, product_id: p[prod]!, final_verdict: verdict, ...(state ? { state } : {}) })
      .where('id', '=', res.json().id)
      .execute();
  }

  // Reported figures: entered and submitted by the department, approved by the office.
  const reporters = new Map<string, Agent>();
  const report = async (
    indicatorCode: string,
    department: string,
    regionCode: string,
    figures: { numerator?: number; denominator?: number; value?: number },
    approve = true,
  ) => {
    if (!reporters.has(department))
      reporters.set(department, await t.as('department_reporter', `fx-${department}`, { departmentCode: department }));
    const reporter = reporters.get(department)!;
    const saved = await reporter.request('PUT', '/api/v1/reported-values', { indicatorCode, regionCode, period: String(CY), ...figures });
    expect(saved.statusCode, saved.body).toBe(200);
    if (!approve) return;
    expect((await reporter.request('POST', `/api/v1/reported-values/${saved.json().id}/submit`, { version: 1 })).statusCode).toBe(200);
    expect(
      (await city.request('POST', `/api/v1/reported-values/${saved.json().id}/decision`, { decision: 'approve', version: 2 })).statusCode,
    ).toBe(200);
  };
  for (const region of COUNTIES.slice(0, 8))
    await report('CON-FIRSTPASS', 'housing', region, { numerator: region === '431025' ? 9 : 10, denominator: 10 });
  await report('CON-FIRSTPASS', 'housing', COUNTIES[8]!, { numerator: 1, denominator: 10 }, false);
  await report('CON-STD', 'housing', '431002', { numerator: 20, denominator: 20 });
  await report('CON-EXCELLENT', 'housing', '431002', { numerator: 17, denominator: 20 });
  await report('CON-EXCELLENT', 'housing', '431003', { numerator: 9, denominator: 10 });
  await report('CON-UNQUALIFIED', 'housing', '431002', { value: 1 });
  await report('CON-UNQUALIFIED', 'housing', '431003', { value: 0 });
  await report('ENV-DISCHARGE', 'environment', '431002', { numerator: 45, denominator: 50 });
  await report('ENV-WASTE', 'urban_mgmt', '431002', { numerator: 960, denominator: 1000 });
  await report('PQ-AGSTD', 'agriculture', '431002', { numerator: 19, denominator: 20 });
  await report('PQ-EXPORT', 'ciq', '431002', { numerator: 50, denominator: 50 });
  await report('PROV-PASSRATE', 'quality', '430000', { numerator: 900, denominator: 1000 });
  await report('PROV-BRANDGROWTH', 'statistics', '430000', { value: 15 });
  await report('PROV-BRANDGROWTH-SALES', 'statistics', '430000', { value: 8 });
  await report('PROV-BRANDGROWTH-EXPORT', 'statistics', '430000', { value: -10 });
  await report('PROV-BRANDGROWTH-PROFIT', 'statistics', '430000', { value: 25 });
  return { e, p };
}
