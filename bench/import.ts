/**
 * `npm run bench -- import`: 1,000,000 demo enterprises as a CSV in the import template, imported
 * through the CLI's path (read, verify every row, upsert by USCC, index for search) into a fresh
 * database, against the physical limit measured in the same run: the sqlite3 shell's `.import`
 * of the same file into an equivalent table (PostgreSQL, with DATABASE_URL: `COPY`).
 * Goal (issue 3): ≥ 150k rows/s verified, ratio ≥ 0.5.
 * Measured beside it: the platform's finished rows copied by the database itself into a second,
 * empty database of the same schema (`insert … select`: the table, its indexes, the search
 * documents and their index; no parsing, no checks) — the most this schema takes in, whatever
 * the code in front of it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import pino from 'pino';
import { systemActor } from '../src/server/authz/actor';
import { loadConfig } from '../src/server/config';
import { connect } from '../src/server/db/connect';
import { migrateToLatest } from '../src/server/db/migrate';
import { demoEnterprise } from '../src/server/modules/enterprises/demo-data';
import { ENTERPRISE_COLUMNS } from '../src/server/modules/enterprises/import/columns';
import { openAuditKeyring } from '../src/server/modules/audit/audit.service';
import { importFile, loadLookups } from '../src/server/modules/enterprises/import/importer';
import { machine, record } from './lib';
import { makeContext } from '../src/server/context';

const N = Number(process.env.BENCH_ROWS ?? 1_000_000);

async function writeCsv(file: string, lookups: Awaited<ReturnType<typeof loadLookups>>) {
  const out = fs.createWriteStream(file);
  out.write(`\ufeff${stringify([ENTERPRISE_COLUMNS.map((c) => c.header)])}`);
  for (let start = 0; start < N; start += 10_000) {
    const rows: string[][] = [];
    for (let i = start; i < Math.min(N, start + 10_000); i++) {
      const e = demoEnterprise(7, i) as unknown as Record<string, unknown>;
      rows.push(ENTERPRISE_COLUMNS.map((c) => c.format(e[c.field] ?? null, lookups)));
    }
    if (!out.write(stringify(rows))) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

/** Seconds to copy the imported enterprises and their search documents into a fresh, migrated schema in one transaction. */
async function copyIntoEmptySchema(
  db: Awaited<ReturnType<typeof connect>>,
  dir: string,
  schema: string,
  databaseUrl: string | null,
): Promise<number> {
  if (databaseUrl) {
    const target = `${schema}_copy`;
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`create schema ${target}`);
    const copy = await connect({ databaseUrl, sqliteFile: '', searchPath: target });
    try {
      await migrateToLatest(copy.kysely);
      const t0 = Date.now();
      await client.query('begin');
      await client.query(`insert into ${target}.enterprises select * from ${schema}.enterprises`);
      await client.query(`insert into ${target}.enterprise_search select * from ${schema}.enterprise_search`);
      await client.query('commit');
      return (Date.now() - t0) / 1000;
    } finally {
      await copy.close();
      await client.query(`drop schema ${target} cascade`);
      await client.end();
    }
  }
  const file = path.join(dir, 'copy.db');
  const copy = await connect({ databaseUrl: null, sqliteFile: file });
  await migrateToLatest(copy.kysely);
  await copy.close();
  const source = db.sqlite!;
  source.exec(`attach '${file}' as copy`);
  try {
    const t0 = Date.now();
    source.exec('begin');
    source.exec('insert into copy.enterprises select * from main.enterprises');
    source.exec('insert into copy.enterprise_search select * from main.enterprise_search');
    source.exec('insert into copy.enterprise_search_fts (rowid, grams) select rowid, grams from copy.enterprise_search');
    source.exec('commit');
    return (Date.now() - t0) / 1000;
  } finally {
    source.exec('detach copy');
  }
}

export async function benchImport(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qc-import-bench-'));
  const databaseUrl = process.env.DATABASE_URL || null;
  const schema = `bench_import_${process.pid}`;
  const admin = databaseUrl ? new pg.Client({ connectionString: databaseUrl }) : null;
  if (admin) {
    await admin.connect();
    await admin.query(`create schema ${schema}`);
  }
  const db = await connect({ databaseUrl, sqliteFile: path.join(dir, 'platform.db'), searchPath: databaseUrl ? schema : undefined });
  try {
    await migrateToLatest(db.kysely);
    await openAuditKeyring(db.kysely, path.join(dir, 'audit.keys'));
    const lookups = await loadLookups(db.kysely);
    const csv = path.join(dir, 'enterprises.csv');
    let t0 = Date.now();
    await writeCsv(csv, lookups);
    console.log(`wrote ${N} rows (${(fs.statSync(csv).size / 2 ** 20).toFixed(0)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const config = { ...loadConfig({ QC_LOG_LEVEL: 'silent' }), dataDir: dir };
    t0 = Date.now();
    const report = await importFile(makeContext(db.kysely, config, pino({ level: 'silent' })), systemActor('cli'), 'enterprises', csv, {
      mode: 'all',
      fileName: 'enterprises.csv',
      onProgress: (done) => done % 100_000 === 0 && console.log(`  imported ${done}`),
    });
    const importSeconds = (Date.now() - t0) / 1000;
    if (report.inserted !== N)
      throw new Error(`expected ${N} inserted: ${JSON.stringify({ ...report, errors: report.errors.slice(0, 3) })}`);

    // The same rows into an equivalent table (the template's 17 columns), by the database's own loader.
    const columns = ENTERPRISE_COLUMNS.map((_, i) => `c${i} text`).join(', ');
    let baselineSeconds: number;
    let baselineName: string;
    if (databaseUrl) {
      const client = new pg.Client({ connectionString: databaseUrl, options: `-c search_path=${schema}` });
      await client.connect();
      await client.query(`create table raw_enterprises (${columns})`);
      t0 = Date.now();
      await pipeline(
        fs.createReadStream(csv, { start: 3 }),
        client.query(copyFrom('copy raw_enterprises from stdin with (format csv, header true)')),
      );
      baselineSeconds = (Date.now() - t0) / 1000;
      await client.end();
      baselineName = 'PostgreSQL `COPY … FROM STDIN (FORMAT csv)`';
    } else {
      const base = path.join(dir, 'baseline.db');
      const script = `create table raw_enterprises (${columns});\n.mode csv\n.import --skip 1 ${csv} raw_enterprises\n`;
      t0 = Date.now();
      const r = spawnSync('sqlite3', [base], { input: script, encoding: 'utf8' });
      baselineSeconds = (Date.now() - t0) / 1000;
      if (r.status !== 0) throw new Error(`sqlite3 .import failed: ${r.stderr}`);
      baselineName = 'sqlite3 shell `.import` (csv mode)';
    }
    const ceilingSeconds = await copyIntoEmptySchema(db, dir, schema, databaseUrl);
    const rate = N / importSeconds;
    const baseRate = N / baselineSeconds;
    const ceilingRate = N / ceilingSeconds;
    const table = [
      '| path | seconds | rows/s |',
      '|---|---|---|',
      `| platform import (CLI path: parse, verify, upsert by USCC, search index; one transaction) | ${importSeconds.toFixed(1)} | ${Math.round(rate)} |`,
      `| baseline: ${baselineName} into an equivalent text table | ${baselineSeconds.toFixed(1)} | ${Math.round(baseRate)} |`,
      `| reference: the imported rows copied by the database itself into an empty copy of the schema (table, indexes, search documents and index) | ${ceilingSeconds.toFixed(1)} | ${Math.round(ceilingRate)} |`,
      '',
      `**ratio ${(rate / baseRate).toFixed(2)}** (goal ≥ 0.5 → ${rate / baseRate >= 0.5 ? 'met' : 'NOT met'}); ` +
        `**${Math.round(rate)} rows/s** (goal ≥ 150,000 → ${rate >= 150_000 ? 'met' : 'NOT met'}); ` +
        `the schema alone takes ${Math.round(ceilingRate)} rows/s (${(ceilingRate / baseRate).toFixed(2)} of the baseline); the platform reaches ${(rate / ceilingRate).toFixed(2)} of that`,
    ].join('\n');
    console.log(`\n${table}\n`);
    console.log(
      `recorded in ${record(`import-${db.dialect}`, `# Import benchmark (${db.dialect}) — ${new Date().toISOString()}\n\nMachine: ${machine()}\n\n${N} demo enterprises as UTF-8 CSV with a BOM.\n\n${table}\n`)}`,
    );
  } finally {
    await db.close();
    if (admin) {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
