import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/server/lib/uscc';
import { rolesExcept, testApp, type Agent, type TestApp } from '../helpers/app';

const today = new Date().toISOString().slice(0, 10);
const CY = Number(today.slice(0, 4));
const dayOffset = (days: number) => new Date(Date.parse(today) + days * 86_400_000).toISOString().slice(0, 10);
const COUNTIES = ['431002', '431003', '431021', '431022', '431023', '431024', '431025', '431026', '431027', '431028', '431081'];

type County = {
  id: string;
  regionCode: string;
  status: string;
  overdue: string[];
  total: number;
  grade: string | null;
  rank: number | null;
  version: number;
  items: {
    itemId: string;
    value: number | null;
    sample: number | null;
    fallback: boolean;
    computed: number | null;
    score: number | null;
  }[];
};

/**
 * A scheme of 100 points on a small archive, worked by hand: standard coverage (30, proportional),
 * first-time acceptance (30, all or nothing), two work items (20 each), a deduction (up to −10)
 * and a veto; a rate item with fewer than 3 records scores 0.
 */
describe('the county assessment: scheme, filing, self-assessment, review, grades and ranks', () => {
  let t: TestApp;
  let city: Agent;
  let planId = '';
  let scheme: { id: string; version: number; items: { id: string; code: string }[] };
  const item = (code: string) => scheme.items.find((i) => i.code === code)!.id;
  const items = [
    { code: 'I1', name: '工业产品标准覆盖率', kind: 'indicator', points: 30, indicatorCode: 'PQ-STDCOV', scoring: 'proportional' },
    { code: 'I2', name: '工程一次验收合格率', kind: 'indicator', points: 30, indicatorCode: 'CON-FIRSTPASS', scoring: 'full_or_zero' },
    { code: 'W1', name: '质量兴县工作方案备案', kind: 'work', points: 20, guidance: '方案文件' },
    { code: 'W2', name: '质量培训', kind: 'work', points: 20 },
    { code: 'D1', name: '质量投诉处理不力', kind: 'deduction', points: -10 },
    { code: 'V1', name: '重大质量安全事故', kind: 'veto', points: 0 },
  ];
  const counties = async (agent: Agent = city) =>
    (await agent.request('GET', `/api/v1/assessment-schemes/${scheme.id}/results`)).json().counties as County[];
  const of = async (region: string) => (await counties()).find((c) => c.regionCode === region)!;

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    const seeded = (await city.request('GET', '/api/v1/target-plans')).json().items[0];
    planId = (
      await city.request('POST', `/api/v1/target-plans/${seeded.id}/copy`, {
        code: 'assess-plan',
        name: '考评用计划',
        startYear: CY - 1,
        endYear: CY + 3,
      })
    ).json().id;
    // 北湖区: 4 products, 2 made to a standard on record (50 %); 苏仙区: 1 product (below the sample of 3).
    const firm = async (n: number, region: string) =>
      (
        await city.request('POST', '/api/v1/enterprises', {
          uscc: makeUscc('91', region, `MA4H${String(n).padStart(4, '0')}`),
          name: `郴州市考评测试${n}有限公司`,
          regionCode: region,
          industryCode: 'nonferrous',
        })
      ).json().id as string;
    const beihu = await firm(1, '431002');
    const suxian = await firm(2, '431003');
    for (const [owner, name, std] of [
      [beihu, 'P1', true],
      [beihu, 'P2', true],
      [beihu, 'P3', false],
      [beihu, 'P4', false],
      [suxian, 'P5', true],
    ] as const) {
      const p = (await city.request('POST', `/api/v1/enterprises/${owner}/products`, { name })).json();
      if (std)
        await city.request('POST', `/api/v1/enterprises/${owner}/products/${p.id}/standards`, {
          standardNo: `GB/T 1000${name.slice(1)}-2020`,
          kind: 'national',
        });
    }
    // First-time acceptance, approved: 北湖区 50/50, 苏仙区 45/50, 桂阳县 9/9.
    const housing = await t.as('department_reporter', 'housing-a', { departmentCode: 'housing' });
    for (const [region, num, den] of [
      ['431002', 50, 50],
      ['431003', 45, 50],
      ['431021', 9, 9],
    ] as const) {
      const v = (
        await housing.request('PUT', '/api/v1/reported-values', {
          indicatorCode: 'CON-FIRSTPASS',
          regionCode: region,
          period: String(CY),
          numerator: num,
          denominator: den,
        })
      ).json();
      await housing.request('POST', `/api/v1/reported-values/${v.id}/submit`, { version: 1 });
      await city.request('POST', `/api/v1/reported-values/${v.id}/decision`, { decision: 'approve', version: 2 });
    }
  });
  afterAll(() => t.close());

  it('401 and 403 per role', async () => {
    expect((await t.anonymous('GET', '/api/v1/assessment-schemes')).statusCode).toBe(401);
    const body = { year: CY, planId, name: '考评', items };
    for (const role of rolesExcept('admin', 'city_officer')) {
      const agent = await t.as(role, `s-${role}`);
      expect((await agent.request('POST', '/api/v1/assessment-schemes', body)).statusCode, role).toBe(403);
    }
    const enterprise = await t.as('enterprise_user', 'ent-a');
    expect((await enterprise.request('GET', '/api/v1/assessment-schemes')).statusCode).toBe(403);
  });

  it('a scheme must add up to 100 and name indicators with targets', async () => {
    const bad = await city.request('POST', '/api/v1/assessment-schemes', {
      year: CY,
      planId,
      name: '考评',
      items: items.map((i) => (i.code === 'W2' ? { ...i, points: 25 } : i)),
    });
    expect(bad.json().error.details[0].message).toBe('指标项和工作项合计应为 100 分，现为 105 分');
    const province = await city.request('POST', '/api/v1/assessment-schemes', {
      year: CY,
      planId,
      name: '考评',
      items: items.map((i) => (i.code === 'I2' ? { ...i, indicatorCode: 'PROV-PASSRATE' } : i)),
    });
    expect(province.json().error.details[0].path).toBe('body/items/1/indicatorCode');
    const deduction = await city.request('POST', '/api/v1/assessment-schemes', {
      year: CY,
      planId,
      name: '考评',
      items: items.map((i) => (i.code === 'D1' ? { ...i, points: 5 } : i)),
    });
    expect(deduction.json().error.details[0].path).toBe('body/items/4/points');
    // Targets were due yesterday; the self-assessment in 30 days; no review date.
    const created = await city.request('POST', '/api/v1/assessment-schemes', {
      year: CY,
      planId,
      name: `${CY} 年度质量兴县考评`,
      items,
      minSample: 3,
      smallSampleRule: 'zero',
      targetsDueOn: dayOffset(-1),
      selfDueOn: dayOffset(30),
    });
    expect(created.statusCode, created.body).toBe(201);
    scheme = created.json();
    expect(scheme).toMatchObject({ status: 'draft', gradeA: 90, gradeB: 80, gradeC: 60 });
    expect((await city.request('POST', '/api/v1/assessment-schemes', { year: CY, planId, name: '重复', items })).json().error.code).toBe(
      'duplicate_record',
    );
    const opened = (await city.request('POST', `/api/v1/assessment-schemes/${scheme.id}/open`, { version: 1 })).json();
    scheme = { ...scheme, version: opened.version };
    expect((await counties()).map((c) => c.regionCode).sort()).toEqual([...COUNTIES].sort());
    expect(
      (
        await city.request('PUT', `/api/v1/assessment-schemes/${scheme.id}`, { planId, name: '改名', items, version: opened.version })
      ).json().error.code,
    ).toBe('invalid_transition');
  });

  it('indicator items are scored from the county’s values, a small sample by the rule', async () => {
    const beihu = await of('431002');
    // 2 of 4 products: 50 % of a 98 % target → 30 × 50 / 98.
    expect(beihu.items.find((i) => i.itemId === item('I1'))).toMatchObject({ value: 50, sample: 4, fallback: false });
    expect(beihu.items.find((i) => i.itemId === item('I1'))!.computed).toBeCloseTo((30 * 50) / 98, 10);
    // 50/50 meets 100 %: 30.
    expect(beihu.items.find((i) => i.itemId === item('I2'))).toMatchObject({ value: 100, computed: 30 });
    const suxian = await of('431003');
    // One product, below the sample of 3: zero. 45/50 = 90 % misses 100 %: zero.
    expect(suxian.items.find((i) => i.itemId === item('I1'))).toMatchObject({ sample: 1, fallback: true, computed: 0 });
    expect(suxian.items.find((i) => i.itemId === item('I2'))).toMatchObject({ value: 90, computed: 0 });
  });

  it('a county files, saves and submits its self-assessment; the office reviews; all reviewed, the scheme is finalised', async () => {
    const officer = await t.as('county_officer', 'beihu-a', { regionCode: '431002' });
    const suxianOfficer = await t.as('county_officer', 'suxian-a', { regionCode: '431003' });
    let mine = await of('431002');
    // Not filed and the date has passed: late; filed today, after the date: still late. Nothing else is due yet.
    expect(mine.overdue).toEqual(['targets']);
    expect(
      (await officer.request('POST', `/api/v1/county-assessments/${mine.id}/self-assessment`, { scores: [], version: mine.version })).json()
        .error.details[0].message,
    ).toBe('请先备案目标');
    expect(
      (await suxianOfficer.request('POST', `/api/v1/county-assessments/${mine.id}/filing`, { version: mine.version })).statusCode,
    ).toBe(404);
    mine = (await officer.request('POST', `/api/v1/county-assessments/${mine.id}/filing`, { version: mine.version })).json();
    expect(mine.status).toBe('filed');
    expect(mine.overdue).toEqual(['targets']);
    expect(
      (
        await officer.request('POST', `/api/v1/county-assessments/${mine.id}/self-assessment`, {
          scores: [{ itemId: item('W1'), score: 25 }],
          version: mine.version,
        })
      ).json().error.details[0].message,
    ).toBe('质量兴县工作方案备案：得分应在 0 到 20 之间');
    expect(
      (
        await officer.request('POST', `/api/v1/county-assessments/${mine.id}/self-assessment`, {
          scores: [{ itemId: item('I1'), score: 30 }],
          version: mine.version,
        })
      ).json().error.details[0].path,
    ).toBe('body/scores/0/itemId');
    mine = (
      await officer.request('POST', `/api/v1/county-assessments/${mine.id}/self-assessment`, {
        scores: [
          { itemId: item('W1'), score: 20, evidence: '郴北政发〔2026〕3号' },
          { itemId: item('W2'), score: 18 },
        ],
        submit: true,
        version: mine.version,
      })
    ).json();
    expect(mine.status).toBe('self_assessed');
    // Before the county has filed, the office cannot review it.
    const guiyang = await of('431021');
    expect(
      (await city.request('POST', `/api/v1/county-assessments/${guiyang.id}/review`, { scores: [], version: guiyang.version })).json().error
        .code,
    ).toBe('invalid_transition');
    expect(
      (await city.request('POST', `/api/v1/assessment-schemes/${scheme.id}/finalise`, { version: scheme.version })).json().error.code,
    ).toBe('invalid_transition');

    // The office: an indicator override needs a reason; 北湖区 W1 20, W2 15, a deduction of 2.
    expect(
      (
        await city.request('POST', `/api/v1/county-assessments/${mine.id}/review`, {
          scores: [{ itemId: item('I1'), score: 30 }],
          version: mine.version,
        })
      ).json().error.details[0].path,
    ).toBe('body/scores/0/comment');
    mine = (
      await city.request('POST', `/api/v1/county-assessments/${mine.id}/review`, {
        scores: [
          { itemId: item('W1'), score: 20 },
          { itemId: item('W2'), score: 15, comment: '培训记录不全' },
          { itemId: item('D1'), score: -2, comment: '投诉逾期 1 件' },
        ],
        version: mine.version,
      })
    ).json();
    // 30 × 50/98 + 30 + 20 + 15 − 2.
    expect(mine.total).toBeCloseTo((30 * 50) / 98 + 63, 10);
    expect(mine.status).toBe('reviewed');
    // Every other county: filed by the office on their behalf is not allowed — each files itself; then reviewed.
    for (const region of COUNTIES.filter((r) => r !== '431002')) {
      const officerOf = await t.as('county_officer', `c-${region}`, { regionCode: region });
      let c = await of(region);
      c = (await officerOf.request('POST', `/api/v1/county-assessments/${c.id}/filing`, { version: c.version })).json();
      const work = region === '431003' || region === '431021' ? 20 : 10;
      c = (
        await city.request('POST', `/api/v1/county-assessments/${c.id}/review`, {
          scores: [
            { itemId: item('W1'), score: work },
            { itemId: item('W2'), score: work },
          ],
          ...(region === '431021' ? { vetoReason: '发生重大食品安全事故' } : {}),
          version: c.version,
        })
      ).json();
      expect(c.status, region).toBe('reviewed');
    }
    const decideEarly = await city.request('POST', `/api/v1/county-assessments/${mine.id}/decision`, {
      decision: 'commend',
      version: mine.version,
    });
    expect(decideEarly.json().error.code).toBe('invalid_transition');
    expect(
      (await city.request('POST', `/api/v1/assessment-schemes/${scheme.id}/finalise`, { version: scheme.version })).json().status,
    ).toBe('final');

    const all = await counties();
    const by = (r: string) => all.find((c) => c.regionCode === r)!;
    // 北湖区 78.31 → C, first; 苏仙区 40 (0 + 0 + 20 + 20) → D, second; the eight with 20 share third;
    // 桂阳县 (9/9 met: 30 + 40 = 70) is vetoed: D and last.
    expect([by('431002').grade, by('431002').rank]).toEqual(['C', 1]);
    expect([by('431003').total, by('431003').grade, by('431003').rank]).toEqual([40, 'D', 2]);
    expect(COUNTIES.filter((r) => !['431002', '431003', '431021'].includes(r)).map((r) => [by(r).total, by(r).rank])).toEqual(
      Array(8).fill([20, 3]),
    );
    expect([by('431021').total, by('431021').grade, by('431021').rank]).toEqual([70, 'D', 11]);
    // The suxian officer now sees every county; the decision is recorded.
    expect(await counties(suxianOfficer)).toHaveLength(11);
    const decided = (
      await city.request('POST', `/api/v1/county-assessments/${by('431002').id}/decision`, {
        decision: 'commend',
        reward: '通报表彰，奖励工作经费 10 万元',
        version: by('431002').version,
      })
    ).json();
    expect(decided).toMatchObject({ decision: 'commend', reward: '通报表彰，奖励工作经费 10 万元' });
    const csv = await city.request('GET', `/api/v1/assessment-schemes/${scheme.id}/export?format=csv`);
    const lines = csv.body
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(
      '名次,县市区,工业产品标准覆盖率（30）,工程一次验收合格率（30）,质量兴县工作方案备案（20）,质量培训（20）,质量投诉处理不力（-10）,总分,等级,否决事项,奖惩',
    );
    expect(lines[1]).toBe('1,北湖区,15.31,30,20,15,-2,78.31,C,,表彰');
  });

  it('the draft: items named as the indicators they read; count targets split by above-scale enterprises; a county scored against its own target', async () => {
    const draftUrl = `/api/v1/assessment-schemes/draft?planId=${planId}`;
    expect((await t.anonymous('GET', draftUrl)).statusCode).toBe(401);
    for (const role of rolesExcept('admin', 'city_officer'))
      expect((await (await t.as(role, `d-${role}`)).request('GET', draftUrl)).statusCode, role).toBe(403);
    expect((await city.request('GET', '/api/v1/assessment-schemes/draft?planId=nope')).json().error.code).toBe('validation_failed');
    expect((await city.request('GET', '/api/v1/assessment-schemes/draft?planId=0192f0c4-0000-7000-8000-000000000009')).statusCode).toBe(
      404,
    );
    // Above-scale enterprises: two in 北湖区, one in 苏仙区; one in 桂阳县 deregistered (not counted).
    const firm = async (n: number, region: string, extra: object = {}) =>
      expect(
        (
          await city.request('POST', '/api/v1/enterprises', {
            uscc: makeUscc('91', region, `MA4J${String(n).padStart(4, '0')}`),
            name: `郴州市规上测试${n}有限公司`,
            regionCode: region,
            industryCode: 'nonferrous',
            aboveScale: true,
            ...extra,
          })
        ).statusCode,
      ).toBe(201);
    await firm(1, '431002');
    await firm(2, '431002');
    await firm(3, '431003');
    await firm(4, '431021', { status: 'deregistered', deregisteredOn: `${CY - 1}-03-01` });
    const draft = (await city.request('GET', draftUrl)).json();
    const plan = (await city.request('GET', `/api/v1/target-plans/${planId}`)).json();
    // Every indicator item is named as the indicator it reads: 国家和省级监督抽查合格率 reads PQ-KEYPASS, key and brand products only.
    for (const i of draft.items.filter((x: { kind: string }) => x.kind === 'indicator'))
      expect(i.name, i.indicatorCode).toBe(plan.indicators.find((x: { code: string }) => x.code === i.indicatorCode).name);
    expect(draft.items.find((i: { code: string }) => i.code === 'Z2')).toMatchObject({
      indicatorCode: 'PQ-KEYPASS',
      name: '重点产品、名牌产品国家和省级监督抽查合格率',
    });
    // 湖南省名牌产品 ≥ 40 split 2 : 1 : 0…: 26.67, 13.33 → 26 + 13 = 39, the one left to the larger remainder (北湖区): 27, 13, 0 × 9. Rates get no county target.
    const hn = Object.fromEntries(
      draft.countyTargets
        .filter((x: { indicatorCode: string }) => x.indicatorCode === 'PQ-HNBRAND')
        .map((x: { regionCode: string; target: number }) => [x.regionCode, x.target]),
    );
    expect(hn).toEqual(Object.fromEntries(COUNTIES.map((c) => [c, c === '431002' ? 27 : c === '431003' ? 13 : 0])));
    expect(draft.countyTargets.every((x: { indicatorCode: string }) => x.indicatorCode === 'PQ-HNBRAND')).toBe(true);

    // A count item without a target for every county is refused: never scored against the city's 40.
    const body = { year: CY + 1, planId, name: `${CY + 1} 年度考评`, items: draft.items };
    const refused = (
      await city.request('POST', '/api/v1/assessment-schemes', { ...body, countyTargets: draft.countyTargets.slice(1) })
    ).json();
    expect([refused.error.code, refused.error.details[0].path]).toEqual(['validation_failed', 'body/countyTargets']);
    const created = (await city.request('POST', '/api/v1/assessment-schemes', { ...body, countyTargets: draft.countyTargets })).json();
    expect(created.countyTargets).toHaveLength(11);
    await city.request('POST', `/api/v1/assessment-schemes/${created.id}/open`, { version: created.version });
    // One 湖南省名牌产品 in force in 北湖区: 1 of its own 27 → 10 × 1/27 (against the city's 40 it would be 10 × 1/40).
    const owner = (await city.request('GET', '/api/v1/enterprises?regionCode=431002&aboveScale=true')).json().items[0].id;
    expect(
      (
        await city.request('POST', '/api/v1/honours', {
          programmeCode: 'hunan_top_brand',
          enterpriseId: owner,
          grantedOn: `${CY}-01-05`,
          title: '考评名牌',
        })
      ).statusCode,
    ).toBe(201);
    const results = (await city.request('GET', `/api/v1/assessment-schemes/${created.id}/results`)).json();
    const z4 = created.items.find((i: { code: string }) => i.code === 'Z4').id;
    const itemOf = (region: string) =>
      results.counties.find((c: County) => c.regionCode === region).items.find((i: { itemId: string }) => i.itemId === z4);
    expect(itemOf('431002')).toMatchObject({ value: 1, target: 27 });
    expect(itemOf('431002').computed).toBeCloseTo(10 / 27, 10);
    expect(itemOf('431003')).toMatchObject({ value: 0, target: 13, computed: 0 });
    // A rate item keeps the plan's target: 工业产品标准覆盖率 ≥ 98.
    const z1 = created.items.find((i: { code: string }) => i.code === 'Z1').id;
    expect(
      results.counties.find((c: County) => c.regionCode === '431002').items.find((i: { itemId: string }) => i.itemId === z1).target,
    ).toBe(98);
  });
});
