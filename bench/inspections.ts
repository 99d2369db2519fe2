/**
 * `npm run bench -- inspections`: spot-check statistics and the public results API over
 * BENCH_INSPECTIONS (default 5,000,000) cases in 5 years × 4 levels of plans, 11 counties and the
 * 83 catalogue categories, about 12 % unqualified and 60 % published. The measured queries read
 * the cases, their plans and categories only (producers are by name here), so no enterprise
 * archive is generated. Baselines in the same run: the same county × category figures grouped from
 * the cases (what the running counts replace) for the statistics, and the bare indexed page query for the public API.
 * Goals (issue 5): county × category pass rates for one year ≤ 200 ms; public page p95 ≤ 20 ms.
 */
import { sql } from 'kysely';
import pino from 'pino';
import { systemActor } from '../src/server/authz/actor';
import { loadConfig } from '../src/server/config';
import { insertChunked } from '../src/server/db/bulk';
import { bool } from '../src/server/db/portable';
import { uuidv7 } from '../src/server/lib/ids';
import { Random } from '../src/server/lib/random';
import { publicationService } from '../src/server/modules/inspections/publication.service';
import { rebuildVerdictCounts } from '../src/server/modules/inspections/stats.repository';
import { statsService } from '../src/server/modules/inspections/stats.service';
import type { Db } from '../src/server/db/connect';
import { benchDatabase, machine, median, percentile, record } from './lib';
import { makeContext } from '../src/server/context';

const N = Number(process.env.BENCH_INSPECTIONS ?? 5_000_000);
const YEARS = [2021, 2022, 2023, 2024, 2025];
const LEVELS = ['national', 'provincial', 'city', 'county'];
const COUNTIES = ['431002', '431003', '431021', '431022', '431023', '431024', '431025', '431026', '431027', '431028', '431081'];

/**
 * `n` spot-check cases in 5 years × 4 levels of plans over the 11 counties and every category,
 * about 12 % unqualified and 60 % published; each case names one of `products` (an archive
 * product and its enterprise) when given. Returns the seconds spent writing.
 */
export async function seedCases(
  db: Db,
  n: number,
  years: number[],
  products: { id: string; enterprise_id: string }[] = [],
): Promise<number> {
  const categories = (await db.kysely.selectFrom('product_categories').select('code').execute()).map((c) => c.code);
  const now = new Date().toISOString();
  const plans = years.flatMap((year) => LEVELS.map((level) => ({ id: uuidv7(), year, level })));
  await insertChunked(
    db.kysely,
    'inspection_plans',
    plans.map((p) => ({
      id: p.id,
      year: p.year,
      level: p.level,
      title: `${p.year} ${p.level}`,
      department_code: 'quality',
      region_code: p.level === 'county' ? '431002' : '431000',
      categories: JSON.stringify(categories.map((c) => ({ categoryCode: c, plannedBatches: 100, testItems: ['项目'] }))),
      version: 1,
      created_at: now,
      updated_at: now,
      created_by: null,
    })),
  );
  const r = new Random(2026);
  const t0 = Date.now();
  const BATCH = 50_000;
  for (let start = 0; start < n; start += BATCH) {
    const cases: Record<string, unknown>[] = [];
    const items: Record<string, unknown>[] = [];
    for (let i = start; i < Math.min(n, start + BATCH); i++) {
      const plan = plans[r.int(0, plans.length - 1)]!;
      const unqualified = r.chance(0.12);
      const day = `${plan.year}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
      const id = uuidv7();
      const product = products.length ? products[r.int(0, products.length - 1)]! : null;
      cases.push({
        id,
        plan_id: plan.id,
        year: plan.year,
        level: plan.level,
        product_id: product?.id ?? null,
        category_code: categories[r.int(0, categories.length - 1)],
        check_type: 'routine',
        region_code: COUNTIES[r.int(0, COUNTIES.length - 1)],
        sampled_enterprise_id: product?.enterprise_id ?? null,
        sampled_unit_name: `受检单位${i % 50_000}`,
        producer_enterprise_id: product?.enterprise_id ?? null,
        producer_name: `生产企业${i % 200_000}`,
        producer_region_code: null,
        product_name: '产品',
        brand: '',
        model: `M${i}`,
        standard_no: '',
        batch: '',
        place: 'production',
        sampled_on: day,
        document_no: `B-${i}`,
        samplers: '["甲","乙"]',
        test_quantity: '',
        reserve_quantity: '',
        state: unqualified ? 'final_unqualified' : 'closed',
        verdict: unqualified ? 'unqualified' : 'qualified',
        final_verdict: unqualified ? 'unqualified' : 'qualified',
        testing_body_id: null,
        report_no: null,
        report_on: day,
        received_on: null,
        objection_until: null,
        objection_filed_on: null,
        recheck_body_id: null,
        recheck_payer: null,
        rectification_ordered_on: null,
        rectification_due: null,
        first_review_due: null,
        announced_on: null,
        second_review_from: null,
        second_review_until: null,
        closed_on: day,
        published_on: r.chance(0.6) ? day : null,
        version: 1,
        created_at: `${day}T12:00:00.000Z`,
        updated_at: `${day}T12:00:00.000Z`,
        created_by: null,
      });
      if (unqualified)
        items.push({
          id: uuidv7(),
          inspection_id: id,
          stage: 'initial',
          seq: 0,
          item: `项目${r.int(1, 30)}`,
          requirement: '',
          measured: '',
          passed: bool(false),
          severity: 'general',
        });
    }
    await db.kysely.transaction().execute(async (trx) => {
      await insertChunked(trx, 'inspections', cases as never);
      await insertChunked(trx, 'inspection_items', items as never);
    });
    if ((start + BATCH) % 1_000_000 === 0) console.log(`  written ${start + BATCH}`);
  }
  // Loaded with SQL, as `npm run cli -- inspections recount` is for: the running counts are rebuilt once.
  await rebuildVerdictCounts(db.kysely);
  if (db.dialect === 'postgres') await sql`vacuum analyze`.execute(db.kysely);
  else await sql`analyze`.execute(db.kysely);
  return (Date.now() - t0) / 1000;
}

export async function benchInspections(): Promise<void> {
  const { db, dir, drop } = await benchDatabase('inspections');
  try {
    const categories = (await db.kysely.selectFrom('product_categories').select('code').execute()).map((c) => c.code);
    const writeSeconds = await seedCases(db, N, YEARS);
    console.log(`${N} cases written in ${writeSeconds.toFixed(1)} s (${db.dialect})`);

    const ctx = makeContext(db.kysely, { ...loadConfig({ QC_LOG_LEVEL: 'silent' }), dataDir: dir }, pino({ level: 'silent' }));
    const stats = statsService(ctx);
    const publication = publicationService(ctx);
    const city = { ...systemActor('cli'), role: 'city_officer' as const };
    const time = async (fn: () => Promise<unknown>) => {
      const t = performance.now();
      await fn();
      return performance.now() - t;
    };

    const statTimes: number[] = [];
    const scanTimes: number[] = [];
    await stats.passRates(city, { by: 'county', then: 'category', year: 2024 }); // warm-up
    for (let k = 0; k < 7; k++) {
      statTimes.push(await time(() => stats.passRates(city, { by: 'county', then: 'category', year: YEARS[k % YEARS.length] })));
      const year = YEARS[k % YEARS.length];
      scanTimes.push(
        await time(() =>
          sql`select region_code, category_code, count(*), sum(case when final_verdict = 'qualified' then 1 else 0 end) from inspections where year = ${year} and final_verdict is not null group by 1, 2`.execute(
            db.kysely,
          ),
        ),
      );
    }
    const pageTimes: number[] = [];
    const rawTimes: number[] = [];
    const byShape = new Map<string, number[]>();
    const q = new Random(7);
    for (let k = 0; k < 100; k++) {
      const shapes = [
        {},
        { year: YEARS[q.int(0, 4)], result: 'unqualified' as const },
        { categoryCode: categories[q.int(0, categories.length - 1)] },
        { regionCode: COUNTIES[q.int(0, COUNTIES.length - 1)] },
        { year: YEARS[q.int(0, 4)], level: LEVELS[q.int(0, 3)] as 'city' },
      ];
      const query = shapes[k % shapes.length]!;
      const took = await time(() => publication.list({ ...query, limit: 20 }));
      pageTimes.push(took);
      const shape = Object.keys(query).join(' + ') || 'none';
      byShape.set(shape, [...(byShape.get(shape) ?? []), took]);
      rawTimes.push(
        await time(() =>
          sql`select * from inspections where published_on is not null order by published_on desc, id desc limit 21`.execute(db.kysely),
        ),
      );
    }
    const table = [
      '| query | p50 ms | p95 ms (or max of 7) | baseline | ratio (p50 ÷ baseline p50) | goal |',
      '|---|---|---|---|---|---|',
      `| pass rates by county × category for one year (service) | ${median(statTimes).toFixed(1)} | ${Math.max(...statTimes).toFixed(1)} | the same figures from the cases ${median(scanTimes).toFixed(1)} ms | ${(median(statTimes) / median(scanTimes)).toFixed(2)} | ≤ 200 ms → ${Math.max(...statTimes) <= 200 ? 'met' : 'NOT met'} |`,
      `| public results page of 20 (count to 10,000, filters: none / year + unqualified / category / county / year + level) | ${percentile(pageTimes, 50).toFixed(1)} | ${percentile(pageTimes, 95).toFixed(1)} | bare indexed page ${percentile(rawTimes, 50).toFixed(1)} ms | ${(percentile(pageTimes, 50) / percentile(rawTimes, 50)).toFixed(1)} | p95 ≤ 20 ms → ${percentile(pageTimes, 95) <= 20 ? 'met' : 'NOT met'} |`,
      '',
      '| public page filter | p50 ms | max ms |',
      '|---|---|---|',
      ...[...byShape].map(([shape, times]) => `| ${shape} | ${median(times).toFixed(1)} | ${Math.max(...times).toFixed(1)} |`),
    ].join('\n');
    console.log(`\n${table}\n`);
    console.log(
      `recorded in ${record(`inspections-${db.dialect}`, `# Spot-check benchmark (${db.dialect}) — ${new Date().toISOString()}\n\nMachine: ${machine()}\n\n${N} cases (written in ${writeSeconds.toFixed(0)} s).\n\n${table}\n`)}`,
    );
  } finally {
    await drop();
  }
}
