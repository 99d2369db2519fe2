import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { connect, type Db } from '../src/server/db/connect';
import { migrateToLatest } from '../src/server/db/migrate';
import { openAuditKeyring } from '../src/server/modules/audit/audit.service';

export interface LoadResult {
  reqPerSec: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

/** autocannon against one URL on loopback, bounded in time. */
export async function load(
  url: string,
  options: { headers?: Record<string, string>; seconds: number; connections: number },
): Promise<LoadResult> {
  const r = await autocannon({ url, headers: options.headers, duration: options.seconds, connections: options.connections });
  return { reqPerSec: r.requests.average, p99Ms: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** A TypeScript file run as a child process; resolves once it sends 'ready'. */
export async function forkTs(file: string, env: Record<string, string>): Promise<ChildProcess> {
  const child = fork(file, [], { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env }, stdio: 'inherit' });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
  });
  return child;
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** Writes a result file to bench/results/<name>-<date>.md and prints where. */
export function record(name: string, markdown: string): string {
  const dir = path.resolve('bench/results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${new Date().toISOString().slice(0, 10)}.md`);
  fs.writeFileSync(file, markdown);
  return file;
}

export const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

/**
 * A fresh, migrated database for a benchmark: a SQLite file in a temporary directory, or with
 * DATABASE_URL a PostgreSQL schema of its own. `drop` removes it (a BENCH_KEEP database stays).
 */
export async function benchDatabase(name: string): Promise<{ db: Db; dir: string; drop(): Promise<void> }> {
  const databaseUrl = process.env.DATABASE_URL || null;
  // BENCH_KEEP=<file>: a database kept between runs (a million enterprises take most of an hour to
  // seed) — that SQLite file, or with DATABASE_URL a schema named after it.
  const keep = process.env.BENCH_KEEP ? path.resolve(process.env.BENCH_KEEP) : undefined;
  const dir = keep ? path.dirname(keep) : fs.mkdtempSync(path.join(os.tmpdir(), `qc-${name}-`));
  const schema = keep ? `bench_keep_${path.basename(keep).replace(/\W/g, '_')}` : `bench_${name}_${process.pid}`;
  const setup = databaseUrl ? await connect({ databaseUrl, sqliteFile: '' }) : null;
  if (setup) await sql`create schema if not exists ${sql.id(schema)}`.execute(setup.kysely);
  if (keep) {
    await setup?.close();
    const db = await connect({ databaseUrl, sqliteFile: keep, searchPath: databaseUrl ? schema : undefined });
    await migrateToLatest(db.kysely);
    await openAuditKeyring(db.kysely, `${keep}.audit.keys`);
    return { db, dir, drop: () => db.close() };
  }
  const db = await connect({ databaseUrl, sqliteFile: path.join(dir, 'bench.db'), searchPath: databaseUrl ? schema : undefined });
  await migrateToLatest(db.kysely);
  await openAuditKeyring(db.kysely, path.join(dir, 'audit.keys'));
  return {
    db,
    dir,
    async drop() {
      await db.close();
      if (setup) {
        await sql`drop schema ${sql.id(schema)} cascade`.execute(setup.kysely);
        await setup.close();
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
