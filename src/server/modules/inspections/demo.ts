import type { Kysely } from 'kysely';
import type { CaseActionBody } from '../../../contract/schemas/inspections';
import type { Actor } from '../../authz/actor';
import type { Database } from '../../db/database';
import { bool } from '../../db/portable';
import { addDays, today } from '../../lib/dates';
import type { InspectionService } from './inspections.service';
import { LEVEL_NAMES } from './labels';
import type { PublicationService } from './publication.service';
import type { RegionDirectory } from '../reference/region-directory';

/** A step after sampling: the action, its day counted from the sampling day, and what it needs besides. */
type Step = [action: CaseActionBody['action'], day: number, extra?: Record<string, unknown>];
/**
 * The demo's paths through the case workflow, one for each state a case can rest in: how many
 * days ago it was sampled and the steps since. Old enough ones run past their deadlines
 * (an unqualified result not notified, a rectification past its 60 days, a refusal not acted on).
 */
const FAIL: Step = ['record_result', 20, { fail: true }];
const NOTIFY: Step = ['notify', 23, { receivedOn: 25 }];
const PATHS: Record<string, { daysAgo: number; steps: Step[]; refused?: true }> = {
  sampled: { daysAgo: 6, steps: [] },
  refused: { daysAgo: 40, steps: [], refused: true },
  refusal_warned: { daysAgo: 50, steps: [['warn_refusal', 3]], refused: true },
  qualified: { daysAgo: 30, steps: [['record_result', 20]] },
  unqualified: { daysAgo: 60, steps: [FAIL] },
  notified: { daysAgo: 32, steps: [FAIL, NOTIFY] },
  objected: { daysAgo: 34, steps: [FAIL, NOTIFY, ['object', 27]] },
  rechecking: { daysAgo: 50, steps: [FAIL, NOTIFY, ['object', 27], ['decide_objection', 30, { accept: true }]] },
  final_unqualified: { daysAgo: 70, steps: [FAIL, NOTIFY, ['finalize', 41]] },
  rectifying: { daysAgo: 150, steps: [FAIL, NOTIFY, ['finalize', 41], ['order_rectification', 45]] },
  review_failed: { daysAgo: 140, steps: [FAIL, NOTIFY, ['finalize', 41], ['order_rectification', 45], ['review', 121, { passed: false }]] },
  announced: {
    daysAgo: 170,
    steps: [FAIL, NOTIFY, ['finalize', 41], ['order_rectification', 45], ['review', 121, { passed: false }], ['announce', 125]],
  },
  suspended: {
    daysAgo: 90,
    steps: [
      ['warn_refusal', 3],
      ['suspend', 35],
    ],
    refused: true,
  },
  closed: { daysAgo: 200, steps: [FAIL, NOTIFY, ['finalize', 41], ['order_rectification', 45], ['review', 110, { passed: true }]] },
  licence_revoked: {
    daysAgo: 120,
    steps: [
      ['warn_refusal', 3],
      ['revoke_licence', 60],
    ],
    refused: true,
  },
};
const TEST_ITEMS = ['标志和说明', '外观质量', '理化指标'];
// 资质认定 (CMA) certificate numbers are 12 digits: year, province, body (invented here).
const BODIES = [
  { name: '湖南省产品质量检验检测研究院', accreditationNo: '201818000268' },
  { name: '郴州市产品质量监督检验所', accreditationNo: '211812055127' },
  { name: '国家有色金属及电子材料质量检验检测中心（郴州）', accreditationNo: '191800128806' },
];

/**
 * Demo spot checks on dates relative to today, through the services as officers would make them:
 * a case resting in every state of the workflow (some overdue), and this year's and last year's
 * national and provincial checks of key and brand products with their results published. Once.
 */
export async function seedDemoInspections(
  s: { inspections: InspectionService; publication: PublicationService; regions: RegionDirectory },
  db: Kysely<Database>,
  actor: Actor,
): Promise<number> {
  const home = (await s.regions.tree()).home.code;
  if (await db.selectFrom('inspection_plans').select('id').executeTakeFirst()) return 0;
  const now = today();
  const year = Number(now.slice(0, 4));
  const bodies: { id: string }[] = [];
  for (const b of BODIES) bodies.push(await s.inspections.createTestingBody(actor, { ...b, scope: '工业产品' }));
  // Operating producers' products in a category; key and brand ones first (PQ-KEYPASS reads them).
  const products = await db
    .selectFrom('products as p')
    .innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .select(['p.id', 'p.name', 'p.model', 'p.brand', 'p.category_code', 'e.id as enterprise_id', 'e.name as enterprise_name'])
    .where('p.deleted_at', 'is', null)
    .where('e.deleted_at', 'is', null)
    .where('e.status', '=', 'operating')
    .where('p.category_code', 'is not', null)
    .orderBy((eb) =>
      eb
        .case()
        .when(eb.or([eb('p.brand_product', '=', bool(true)), eb('p.key_product', '=', bool(true))]))
        .then(0)
        .else(1)
        .end(),
    )
    .orderBy('p.id')
    .limit(80)
    .execute();
  type Case = { product: (typeof products)[number]; level: keyof typeof LEVEL_NAMES; sampledOn: string; steps: Step[]; refused?: true };
  const cases: Case[] = [];
  const take = () => products.shift();
  // This year's and last year's national and provincial checks of key and brand products: decided, one in five unqualified.
  const yearStart = `${year}-01-01`;
  for (const [level, n] of [
    ['national', 6],
    ['provincial', 10],
  ] as const) {
    for (let i = 0; i < n; i++) {
      const thisYear = take();
      const lastYear = take();
      const recent = addDays(now, -(25 + i * 9));
      if (thisYear)
        cases.push({
          product: thisYear,
          level,
          sampledOn: recent < yearStart ? yearStart : recent,
          steps:
            i % 5 === 4
              ? [
                  ['record_result', 10, { fail: true }],
                  ['notify', 12, { receivedOn: 13 }],
                  ['object', 14],
                  ['decide_objection', 15, { accept: false }],
                ]
              : [['record_result', 10]],
        });
      if (lastYear)
        cases.push({
          product: lastYear,
          level,
          sampledOn: `${year - 1}-${String(3 + (i % 8)).padStart(2, '0')}-${String(5 + i).padStart(2, '0')}`,
          steps: i % 5 === 4 ? [FAIL, NOTIFY, ['finalize', 41]] : [['record_result', 20]],
        });
    }
  }
  // The city's own checks: a case in every state.
  for (const path of Object.values(PATHS)) {
    const product = take();
    if (!product) break;
    cases.push({ product, level: 'city', sampledOn: addDays(now, -path.daysAgo), steps: path.steps, refused: path.refused });
  }

  // One plan per level and year, of the categories it samples.
  const plans = new Map<string, string>();
  for (const c of cases) {
    const key = `${c.level}|${c.sampledOn.slice(0, 4)}`;
    if (plans.has(key)) continue;
    const of = cases.filter((x) => `${x.level}|${x.sampledOn.slice(0, 4)}` === key);
    const categories = [...new Set(of.map((x) => x.product.category_code!))].map((categoryCode) => ({
      categoryCode,
      plannedBatches: of.filter((x) => x.product.category_code === categoryCode).length,
      testItems: TEST_ITEMS,
      testingBodyId: bodies[0]!.id,
    }));
    const planYear = Number(c.sampledOn.slice(0, 4));
    const plan = await s.inspections.createPlan(actor, {
      year: planYear,
      level: c.level,
      title: `${planYear}年${LEVEL_NAMES[c.level]}产品质量监督抽查（郴州）`,
      departmentCode: 'quality',
      regionCode: home,
      categories,
    });
    plans.set(key, plan.id);
  }

  const on = (sampledOn: string, day: number) => {
    const d = addDays(sampledOn, day);
    return d > now ? now : d;
  };
  let n = 0;
  for (const c of cases) {
    n++;
    const p = c.product;
    let { version, id } = await s.inspections.registerSample(actor, {
      planId: plans.get(`${c.level}|${c.sampledOn.slice(0, 4)}`)!,
      categoryCode: p.category_code!,
      sampledEnterpriseId: p.enterprise_id,
      productName: p.name,
      productId: p.id,
      brand: p.brand || undefined,
      model: p.model || undefined,
      batch: `${c.sampledOn.replaceAll('-', '')}${String(n).padStart(2, '0')}`,
      place: 'production',
      sampledOn: c.sampledOn,
      documentNo: `郴质抽〔${c.sampledOn.slice(0, 4)}〕${String(n).padStart(3, '0')}号`,
      samplers: ['王建国', '李湘平'],
      testQuantity: '2 件',
      reserveQuantity: '2 件',
      refused: c.refused,
    });
    // The lab of the first test, and another for a re-test (never the same one).
    const tester = bodies[n % bodies.length]!.id;
    const rechecker = bodies[(n + 1) % bodies.length]!.id;
    for (const [action, day, extra = {}] of c.steps) {
      const date = on(c.sampledOn, day);
      const { fail, receivedOn, ...rest } = extra as { fail?: boolean; receivedOn?: number };
      const items = TEST_ITEMS.map((item, i) => ({
        item,
        passed: !(fail && i === 2),
        ...(fail && i === 2 ? { requirement: '符合产品标准要求', measured: '不符合', severity: 'general' as const } : {}),
      }));
      const body = {
        action,
        on: date,
        version,
        ...rest,
        ...(action === 'record_result'
          ? { testingBodyId: tester, reportNo: `ZJ${date.replaceAll('-', '')}${String(n).padStart(3, '0')}`, items }
          : {}),
        ...(action === 'record_recheck' ? { reportNo: `FJ${date.replaceAll('-', '')}${String(n).padStart(3, '0')}`, items } : {}),
        ...(action === 'notify' ? { receivedOn: on(c.sampledOn, receivedOn!), method: '直接送达' } : {}),
        ...(action === 'object' ? { applicant: p.enterprise_name, items: [TEST_ITEMS[2]!] } : {}),
        ...(action === 'decide_objection' && (rest as { accept?: boolean }).accept ? { recheckBodyId: rechecker } : {}),
        ...(['order_rectification', 'warn_refusal', 'suspend', 'revoke_licence'].includes(action)
          ? { documentNo: `郴质责改〔${date.slice(0, 4)}〕${String(n).padStart(3, '0')}号` }
          : {}),
        ...(action === 'announce' ? { announcementNo: `郴质公告〔${date.slice(0, 4)}〕${String(n).padStart(2, '0')}号` } : {}),
      } as CaseActionBody;
      ({ version, id } = (await s.inspections.act(actor, id, body)).inspection);
    }
  }
  // The national and provincial results are published (their decided batches).
  for (const [key, planId] of plans) if (!key.startsWith('city')) await s.publication.publish(actor, planId);
  return cases.length;
}
