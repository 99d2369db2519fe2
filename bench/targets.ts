/**
 * `npm run bench -- targets`: the targets dashboard of the seeded 2010–2015 plan for 2015 (every
 * indicator, its trend over six years) and one drill-down page, over a demo archive of
 * BENCH_ENTERPRISES (default 100,000) enterprises with products, standards, certifications,
 * yearly figures and demo honours. Baseline in the same run: one full scan of the products
 * (`count(*)`), the least any archive-wide indicator must read. Goal (issue 7, at 1,000,000
 * enterprises): dashboard ≤ 300 ms cold, ≤ 30 ms when nothing changed, drill-down page ≤ 100 ms.
 */
import { sql } from 'kysely';
import { systemActor } from '../src/server/authz/actor';
import { loadConfig } from '../src/server/config';
import { seedDemoHonours } from '../src/server/modules/brands/demo';
import { seedArchive } from '../src/server/modules/enterprises/seed';
import { targetService } from '../src/server/modules/targets/targets.service';
import pino from 'pino';
import { benchDatabase, machine, median, record } from './lib';

const N = Number(process.env.BENCH_ENTERPRISES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

export async function benchTargets(): Promise<void> {
  const { db, drop } = await benchDatabase('targets');
  try {
    const started = Date.now();
    await seedArchive(db.kysely, systemActor('cli'), { enterprises: N, seed: 2010, details: true, onProgress: (d) => d % 50_000 === 0 && console.log(`  seeded ${d}`) });
    const honours = await seedDemoHonours(db.kysely, systemActor('cli'));
    console.log(`seeded ${N} enterprises and ${honours} honours in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const products = Number((await sql<{ n: number }>`select count(*) as n from products`.execute(db.kysely)).rows[0]!.n);
    const targets = targetService({ db: db.kysely, config: loadConfig({ QC_LOG_LEVEL: 'silent' }), log: pino({ level: 'silent' }) });
    const plan = (await targets.listPlans()).items.find((p) => p.code === 'zlxc-2010-2015')!;
    const admin = systemActor('cli');
    const time = async (run: () => Promise<unknown>) => {
      const t = performance.now();
      await run();
      return performance.now() - t;
    };
    const dashboard: number[] = [];
    const unchanged: number[] = [];
    const drill: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      // A write first (one product touched): every kept sum is stale, the dashboard reads the records.
      await sql`update products set updated_at = ${new Date(Date.now() + i).toISOString()} where id = (select min(id) from products)`.execute(db.kysely);
      dashboard.push(await time(() => targets.dashboard(admin, plan.id, { year: 2015 })));
      unchanged.push(await time(() => targets.dashboard(admin, plan.id, { year: 2015 })));
      drill.push(await time(() => targets.records(admin, plan.id, 'PQ-STDCOV', { year: 2015, side: 'numerator', limit: 50 })));
      baseline.push(await time(() => sql`select count(*) from products`.execute(db.kysely)));
      console.log(`round ${i + 1}: dashboard after a write ${dashboard[i]!.toFixed(0)} ms, unchanged ${unchanged[i]!.toFixed(1)} ms, drill-down ${drill[i]!.toFixed(0)} ms, product scan ${baseline[i]!.toFixed(1)} ms`);
    }
    const dialect = process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite';
    const table = [
      `# Targets benchmark (${dialect}) — ${new Date().toISOString()}`,
      '',
      `Machine: ${machine()}`,
      '',
      `${N} demo enterprises, ${products} products, ${honours} honours; plan 2010–2015, year 2015 (27 indicators, each read for 6 years); ${ROUNDS} rounds, medians.`,
      '',
      '| measure | ms (median) |',
      '|---|---|',
      `| whole dashboard after a write (every sum read from the records) | ${median(dashboard).toFixed(0)} |`,
      `| the same again, nothing changed (kept sums, one stamp query) | ${median(unchanged).toFixed(1)} |`,
      `| drill-down page of 50 (standard coverage, numerator) | ${median(drill).toFixed(0)} |`,
      `| baseline: one count(*) over the products | ${median(baseline).toFixed(1)} |`,
      '',
      `**dashboard / baseline: ${(median(dashboard) / median(baseline)).toFixed(0)}×** (goal at 1,000,000 enterprises: dashboard ≤ 300 ms cold, ≤ 30 ms unchanged, drill-down ≤ 100 ms)`,
      '',
    ].join('\n');
    console.log(`\n${table}`);
    console.log(`written to ${record(`targets-${dialect.toLowerCase()}`, table)}`);
  } finally {
    await drop();
  }
}
