// node:sqlite (through src/server/db/sqlite.ts, as the platform uses it) against better-sqlite3, the
// native addon it replaced, on the same Node, file, settings and statements, in alternating rounds.
// better-sqlite3 is no dependency any more: BENCH_BETTER_SQLITE3 names a directory where it was
// built for this Node (README, "Benchmarks"). Workloads, in the platform's own shapes:
//   bulk insert   rows of 25 columns with 3 indexes, one prepared statement in one transaction
//                 (db/portable.ts sqliteRowWriter, used by every import)
//   point lookup  one row by a unique key (the by-USCC lookup)
//   page read     50 rows by an indexed column in name order (a list page)
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { openSqlite } from '../src/server/db/sqlite';
import { machine, median, record } from './lib';

interface Driver {
  name: string;
  open(file: string): {
    exec(sqlText: string): void;
    prepare(sqlText: string): { run(p: unknown[]): unknown; get(p: unknown[]): unknown; all(p: unknown[]): unknown[] };
    close(): void;
  };
}

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const LOOKUPS = 20_000;
const PAGES = 2_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const COLUMNS = Array.from({ length: 25 }, (_, i) => `c${i}`);
const SETTINGS = ['journal_mode = WAL', 'synchronous = NORMAL', 'foreign_keys = ON', 'mmap_size = 268435456', 'cache_size = -65536'];

function betterSqlite3(dir: string): Driver {
  const SQLite = createRequire(import.meta.url)(dir) as new (file: string) => {
    exec(s: string): void;
    prepare(s: string): { run(...p: unknown[]): unknown; get(...p: unknown[]): unknown; all(...p: unknown[]): unknown[] };
    close(): void;
  };
  return {
    name: `better-sqlite3 ${JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version}`,
    open(file) {
      const db = new SQLite(file);
      return {
        exec: (s) => db.exec(s),
        prepare(s) {
          const st = db.prepare(s);
          // As Kysely calls it: the parameters as one array, which better-sqlite3 spreads itself.
          return { run: (p) => st.run(p), get: (p) => st.get(p), all: (p) => st.all(p) };
        },
        close: () => db.close(),
      };
    },
  };
}

const nodeSqlite: Driver = { name: `node:sqlite (Node ${process.version})`, open: (file) => openSqlite(file) };

function row(i: number): unknown[] {
  return COLUMNS.map((_, c) =>
    c === 0
      ? `9143${String((i * 7919) % 1_000_003).padStart(14, '0')}`
      : c === 1
        ? `企业名称${(i * 31) % 9973}号${i}`
        : c === 2
          ? `4310${i % 12}`
          : c % 3 === 0
            ? i * c
            : `值${c}-${i % 1000}`,
  );
}

// CPU time of this process (user + system), not wall time: the machine is shared, and a driver's
// cost is the work it does on the server's one thread.
const clock = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

function timeOne(driver: Driver, dir: string) {
  const file = path.join(dir, `${driver.name.replace(/\W+/g, '_')}.db`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  const db = driver.open(file);
  for (const s of SETTINGS) db.exec(`pragma ${s}`);
  db.exec(`create table t (${COLUMNS.map((c, i) => `${c} ${i % 3 === 0 && i > 0 ? 'integer' : 'text'}`).join(', ')})`);
  db.exec('create unique index t_c0 on t (c0); create index t_c2_c1 on t (c2, c1); create index t_c1 on t (c1)');
  const rows = Array.from({ length: ROWS }, (_, i) => row(i));
  let t0 = clock();
  const insert = db.prepare(`insert into t (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`);
  db.exec('begin');
  for (const r of rows) insert.run(r);
  db.exec('commit');
  const insertMs = clock() - t0;

  const byKey = db.prepare('select * from t where c0 = ?');
  t0 = clock();
  for (let i = 0; i < LOOKUPS; i++) if (!byKey.get([rows[(i * 7) % ROWS]![0]])) throw new Error('lookup missed');
  const lookupUs = ((clock() - t0) * 1000) / LOOKUPS;

  const page = db.prepare('select * from t where c2 = ? order by c1 limit 50');
  t0 = clock();
  for (let i = 0; i < PAGES; i++) if (page.all([`4310${i % 12}`]).length !== 50) throw new Error('short page');
  const pageUs = ((clock() - t0) * 1000) / PAGES;
  db.close();
  return { insertMs, lookupUs, pageUs };
}

export async function benchSqliteDriver(): Promise<void> {
  const baseline = process.env.BENCH_BETTER_SQLITE3;
  if (!baseline) throw new Error('BENCH_BETTER_SQLITE3=<directory of better-sqlite3 built for this Node> is needed for the baseline');
  const drivers = [betterSqlite3(path.resolve(baseline)), nodeSqlite];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qc-sqlite-driver-'));
  const results = new Map(drivers.map((d) => [d.name, [] as ReturnType<typeof timeOne>[]]));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      // Alternating which driver goes first, so neither always meets a warmer disk cache.
      for (const d of round % 2 ? [...drivers].reverse() : drivers) {
        const r = timeOne(d, dir);
        results.get(d.name)!.push(r);
        console.log(
          `round ${round + 1} ${d.name}: insert ${r.insertMs.toFixed(0)} ms, lookup ${r.lookupUs.toFixed(2)} µs, page ${r.pageUs.toFixed(1)} µs`,
        );
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const med = (name: string, key: keyof ReturnType<typeof timeOne>) => median(results.get(name)!.map((r) => r[key]));
  const [base, built] = drivers.map((d) => d.name) as [string, string];
  const line = (what: string, key: keyof ReturnType<typeof timeOne>, unit: string, digits: number) =>
    `| ${what} | ${med(base, key).toFixed(digits)} ${unit} | ${med(built, key).toFixed(digits)} ${unit} | ${(med(built, key) / med(base, key)).toFixed(2)} |`;
  const markdown = `# SQLite driver benchmark — ${new Date().toISOString()}

Machine: ${machine()}

${ROUNDS} alternating rounds, medians of CPU time (user + system) of the process; a file database with the platform's settings (WAL, synchronous NORMAL, 64 MiB cache).

| workload | ${base} | ${built} | node:sqlite / better-sqlite3 |
|---|---|---|---|
${line(`bulk insert, ${ROWS} rows × 25 columns, 3 indexes, one transaction`, 'insertMs', 'ms', 0)}
${line(`point lookup by unique key (${LOOKUPS} × get)`, 'lookupUs', 'µs', 2)}
${line(`page read, 50 rows by index in name order (${PAGES} × all)`, 'pageUs', 'µs', 1)}
`;
  console.log(markdown);
  console.log(`written to ${record('sqlite-driver', markdown)}`);
}
