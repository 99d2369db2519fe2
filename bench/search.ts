/**
 * `npm run bench -- search`: p50/p95 of 2- and 3-character name searches through the archive's
 * list service (search, total count and first page of 50) over 1,000,000 enterprises, against
 * the naive way in the same run: `name like '%…%'` over the whole table.
 * On PostgreSQL when DATABASE_URL is set (a schema of its own, dropped afterwards).
 * Goal (issue 3): p95 ≤ 50 ms.
 */
import { sql } from 'kysely';
import pino from 'pino';
import { systemActor } from '../src/server/authz/actor';
import { loadConfig } from '../src/server/config';
import { demoEnterprise } from '../src/server/modules/enterprises/demo-data';
import { enterpriseService } from '../src/server/modules/enterprises/enterprises.service';
import { seedArchive } from '../src/server/modules/enterprises/seed';
import { Random } from '../src/server/lib/random';
import { benchDatabase, machine, median, percentile, record } from './lib';
import { makeContext } from '../src/server/context';

const N = Number(process.env.BENCH_ENTERPRISES ?? 1_000_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const BASELINE_QUERIES = 10;
const SEED = 2010;

export async function benchSearch(): Promise<void> {
  const { db, drop } = await benchDatabase('search');
  try {
    let t0 = Date.now();
    await seedArchive(db.kysely, systemActor('cli'), {
      enterprises: N,
      seed: SEED,
      details: false,
      onProgress: (done) => done % 100_000 === 0 && console.log(`  seeded ${done}`),
    });
    const seedSeconds = (Date.now() - t0) / 1000;
    // Steady state: what autovacuum does after a bulk load (visibility map, GIN pending list, statistics).
    if (db.dialect === 'postgres') await sql`vacuum analyze`.execute(db.kysely);
    console.log(`${N} enterprises written in ${seedSeconds.toFixed(1)} s (${db.dialect})`);

    // Queries: 2 and 3 consecutive characters of what a user types to find a firm — its trade
    // name and trade (e.g. 瑞禾, 银业, 禾银业) — from random enterprises, and a few place names
    // (永兴: a tenth of the city). Never the legal-form suffix every name shares.
    const r = new Random(99);
    const queries: Record<2 | 3, string[]> = { 2: [], 3: [] };
    for (const len of [2, 3] as const) {
      for (let k = 0; k < QUERIES / 2; k++) {
        const e = demoEnterprise(SEED, r.int(0, N - 1));
        const core = [
          ...e.name
            .replace(/^(郴州市|郴州|湖南|北湖|苏仙|桂阳|宜章|永兴|嘉禾|临武|汝城|桂东|安仁|资兴)/, '')
            .replace(/(股份有限公司|有限责任公司|有限公司)$/, ''),
        ];
        const start = r.int(0, core.length - len);
        queries[len].push(len === 2 && k % 10 === 0 ? r.pick(['永兴', '资兴', '桂阳', '北湖']) : core.slice(start, start + len).join(''));
      }
    }
    const config = loadConfig({ QC_LOG_LEVEL: 'silent' });
    const service = enterpriseService(makeContext(db.kysely, config, pino({ level: 'silent' })));
    const actor = { ...systemActor('cli'), role: 'city_officer' as const };
    const timings: Record<2 | 3, number[]> = { 2: [], 3: [] };
    const totals: number[] = [];
    for (const len of [2, 3] as const) {
      for (const q of queries[len].slice(0, 5)) await service.list(actor, { q, limit: 50 }); // warm-up
      for (const q of queries[len]) {
        t0 = performance.now();
        const res = await service.list(actor, { q, limit: 50 });
        timings[len].push(performance.now() - t0);
        totals.push(res.meta.total);
        if (process.env.BENCH_VERBOSE) console.log(`  ${q}\t${res.meta.total}\t${(performance.now() - t0).toFixed(1)} ms`);
      }
    }
    const baseline: number[] = [];
    for (const q of queries[2].slice(0, BASELINE_QUERIES)) {
      t0 = performance.now();
      await sql`select count(*) from enterprises where lower(name) like ${`%${q}%`}`.execute(db.kysely);
      await sql`select * from enterprises where lower(name) like ${`%${q}%`} order by name limit 50`.execute(db.kysely);
      baseline.push(performance.now() - t0);
    }
    const rows = ([2, 3] as const).map(
      (len) =>
        `| ${len}-character names (${timings[len].length} queries) | ${percentile(timings[len], 50).toFixed(1)} | ${percentile(timings[len], 95).toFixed(1)} |`,
    );
    const base = `| baseline: \`lower(name) like '%…%'\` count + first page (${baseline.length} two-character queries) | ${percentile(baseline, 50).toFixed(1)} | ${percentile(baseline, 95).toFixed(1)} |`;
    const p95 = Math.max(percentile(timings[2], 95), percentile(timings[3], 95));
    const table = [
      '| search (list service: count up to 10,000 + first 50, index order) | p50 ms | p95 ms |',
      '|---|---|---|',
      ...rows,
      base,
      '',
      `matches per query: median ${median(totals)}, max ${Math.max(...totals)}. ` +
        `**p95 ${p95.toFixed(1)} ms (goal ≤ 50 → ${p95 <= 50 ? 'met' : 'NOT met'}); baseline p50 ÷ indexed 2-character p50 = ${(percentile(baseline, 50) / percentile(timings[2], 50)).toFixed(0)}×.**`,
    ].join('\n');
    console.log(`\n${table}\n`);
    const file = record(
      `search-${db.dialect}`,
      `# Search benchmark (${db.dialect}) — ${new Date().toISOString()}\n\nMachine: ${machine()}\n\n` +
        `${N} demo enterprises (seed ${SEED}, no details) written in ${seedSeconds.toFixed(1)} s by the seed path; ` +
        `queries are 2 and 3 consecutive characters from random enterprises' names.\n\n${table}\n`,
    );
    console.log(`recorded in ${file}`);
  } finally {
    await drop();
  }
}
