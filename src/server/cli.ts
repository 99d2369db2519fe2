import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { ROLES, type Role } from '../contract/permissions';
import { IMPORT_KIND_VALUES } from '../contract/schemas/imports';
import { buildServices } from './app';
import { systemActor } from './authz/actor';
import { loadConfig, type Config } from './config';
import { connect, type Db } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { openSqlite } from './db/sqlite';
import { AppError } from './errors';
import { rotateKeyFile } from './modules/audit/audit-keys';
import type { BrokenReason, HeadProblem } from './modules/audit/audit.repository';
import { openAuditKeyring, parseCheckpoint, type Checkpoint } from './modules/audit/audit.service';
import { exportArchive } from './modules/enterprises/import/export';
import { unkeyedDuplicates } from './modules/enterprises/records.repository';
import { importFile, type ImportKind } from './modules/enterprises/import/importer';
import { seedDemoParts } from './demo';
import { seedArchive } from './modules/enterprises/seed';
import { rebuildVerdictCounts } from './modules/inspections/stats.repository';
import { recountKeptSums } from './modules/targets/values';
import { readTable, UnreadableFile, type TableRow } from './lib/tabular/read';
import { parseRegionFile } from './modules/reference/region-file';
import { findUserByUsername } from './modules/users/users.repository';
import { makeContext } from './context';

const USAGE = `用法 / usage: npm run cli -- <command>

  migrate                                   apply pending database migrations
  user add <username> --role <role> [--name 姓名] [--region 431002] [--department quality]
           [--enterprise <id>] [--password <pw>]
                                            create an account; prints a one-time password
                                            unless --password is given
  user reset-password <username>            new one-time password; unlocks the account
  audit verify [--checkpoint <file|json>]   check the keyed audit chain and its signed head; names the first
                                            broken event; with a checkpoint, that the chain still holds it
  audit checkpoint                          print a signed checkpoint of the chain's newest event, for an
                                            auditor to keep and later pass to audit verify --checkpoint
  audit rotate-key                          add a new audit signing key to the key file (old keys stay to
                                            verify old events); restart the server to sign with it
  regions load <file> [--retire-others]     load a region tree (CSV/XLSX: code,name,name_en,level,parent_code; or
                                            代码,名称,英文名称,级别,上级代码), parents before children in any order;
                                            --retire-others retires the regions not in the file (another city adopting
                                            the platform); QC_HOME_REGION names the served region when several cities load
  inspections recount                       rebuild the spot-check pass-rate counts from the cases
  targets recount                           forget the kept indicator sums; the next reads compute them from the records
  brands sync                               set the archive's brand-product flags from the honours in force
  archive duplicates                        list the products, former names and open cultivations kept as
                                            duplicates when natural keys came in, to merge or delete
  import <kind> <file> [--partial]
                                            verify and import an XLSX or CSV file (UTF-8 or GBK); by default
                                            nothing is written unless every row passes; --partial writes the
                                            valid rows and saves the rejected ones beside the file
  export <kind> <file.xlsx|file.csv>
                                            export the whole archive in the import template's columns
  seed [--enterprises 2000] [--seed 2010] [--no-details]
                                            generate a deterministic demo archive of fictional enterprises
  backup <file>                             SQLite: online backup to <file>; PostgreSQL: prints the pg_dump command
  restore <file>                            SQLite (server stopped): replace the database with <file>;
                                            PostgreSQL: prints the pg_restore command

kinds: ${IMPORT_KIND_VALUES.join(', ')}
roles: ${ROLES.join(', ')}`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

/** A migrated database whose audit writes are keyed; `readOnly` leaves the key file alone (verify a copy without it). */
async function withDb<T>(config: Config, fn: (db: Db) => Promise<T>, readOnly = false): Promise<T> {
  const db = await connect({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile });
  try {
    await migrateToLatest(db.kysely);
    if (!readOnly) await openAuditKeyring(db.kysely, config.auditKeyFile);
    return await fn(db);
  } finally {
    await db.close();
  }
}

function services(db: Db, config: Config) {
  return buildServices({ db, config, logger: pino({ level: 'warn' }) });
}

async function migrate(config: Config) {
  const db = await connect({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile });
  try {
    const applied = await migrateToLatest(db.kysely);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    const kept = (await unkeyedDuplicates(db.kysely)).length;
    if (kept)
      console.log(`${kept} duplicate archive records kept from before natural keys; list them with: npm run cli -- archive duplicates`);
  } finally {
    await db.close();
  }
}

/** The duplicates kept when natural keys came in (migration 2026120740), one per line, tab-separated. */
async function archiveDuplicates(config: Config) {
  const db = await connect({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile });
  try {
    const rows = await unkeyedDuplicates(db.kysely);
    for (const r of rows) console.log([r.kind, r.uscc, r.enterpriseName, r.name, r.id].join('\t'));
    console.log(rows.length ? `${rows.length} duplicate records: merge or delete them in the archive` : 'no duplicate records');
  } finally {
    await db.close();
  }
}

async function userAdd(config: Config, args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      region: { type: 'string' },
      department: { type: 'string' },
      enterprise: { type: 'string' },
      password: { type: 'string' },
    },
  });
  const username = positionals[0];
  if (!username || !values.role) fail(USAGE);
  if (!ROLES.includes(values.role as Role)) fail(`unknown role "${values.role}"; one of ${ROLES.join(', ')}`);
  await withDb(config, async (db) => {
    const result = await services(db, config).users.create(
      systemActor('cli'),
      {
        username,
        displayName: values.name ?? username,
        role: values.role as Role,
        regionCode: values.region,
        departmentCode: values.department,
        enterpriseId: values.enterprise,
      },
      values.password,
    );
    console.log(`created ${result.user.username} (${result.user.role})`);
    if (!values.password) console.log(`one-time password: ${result.oneTimePassword}`);
  });
}

async function userResetPassword(config: Config, username: string | undefined) {
  if (!username) fail(USAGE);
  await withDb(config, async (db) => {
    const user = await findUserByUsername(db.kysely, username);
    if (!user) fail(`no user "${username}"`);
    const result = await services(db, config).users.resetPassword(systemActor('cli'), user.id, user.version);
    console.log(`one-time password for ${username}: ${result.oneTimePassword}`);
  });
}

const BROKEN: Record<BrokenReason, string> = {
  sequence_gap: 'an event is missing or renumbered',
  chain_broken: 'prev_hash does not name the event before',
  hash_mismatch: 'a recorded field was changed',
  unknown_key: 'keyed with a key the key file does not hold',
  not_keyed: 'unkeyed after keying began: rewritten without the key',
  legacy_mismatch: 'the events before keying are not those sealed in the key file',
};
const HEAD: Record<HeadProblem, string> = {
  missing: 'the signed head is missing',
  bad_signature: 'the head was not signed with the audit key',
  events_removed: 'the newest events were removed',
  mismatch: 'the newest event is not the one the signed head names',
};

async function auditVerify(config: Config, args: string[]) {
  const { values } = parseArgs({ args, options: { checkpoint: { type: 'string' } } });
  let checkpoint: Checkpoint | undefined;
  if (values.checkpoint !== undefined) {
    const text = values.checkpoint.trim().startsWith('{')
      ? values.checkpoint
      : fs.existsSync(values.checkpoint)
        ? fs.readFileSync(values.checkpoint, 'utf8')
        : '';
    checkpoint = parseCheckpoint(text) ?? fail(`not a checkpoint: ${values.checkpoint}`);
  }
  await withDb(
    config,
    async (db) => {
      const check = await services(db, config).audit.verify(checkpoint);
      if (check.firstBroken) {
        const b = check.firstBroken;
        console.log(
          `audit chain BROKEN at event seq=${b.seq} id=${b.id} (${b.reason}: ${BROKEN[b.reason]}); ${check.checked} events before it are intact`,
        );
      } else {
        console.log(
          `audit chain intact: ${check.checked} events (${check.checked - check.keyed} from before keying, ${check.keyed} keyed)`,
        );
      }
      if (!check.withKeys) console.log(`no audit key file at ${config.auditKeyFile}: keyed events and the head cannot be checked`);
      if (check.head)
        console.log(`signed head: seq=${check.head.seq} id=${check.head.eventId} hash=${check.head.hash} key=${check.head.keyId}`);
      if (check.headProblem) console.log(`audit head PROBLEM (${check.headProblem}): ${HEAD[check.headProblem]}`);
      if (check.checkpoint) {
        const p = check.checkpoint.problem;
        console.log(
          p ? `checkpoint at seq=${check.checkpoint.seq} FAILS (${p})` : `checkpoint at seq=${check.checkpoint.seq} is in the chain`,
        );
      }
      if (!check.ok) process.exitCode = 1;
    },
    true,
  );
}

async function auditCheckpoint(config: Config) {
  await withDb(
    config,
    async (db) => {
      const checkpoint = await services(db, config).audit.checkpoint();
      if (!checkpoint) fail('the audit chain is empty: nothing to checkpoint');
      process.stderr.write(`checkpoint of event seq=${checkpoint.seq}; keep this line where the database's users cannot change it:\n`);
      console.log(JSON.stringify(checkpoint));
    },
    true,
  );
}

function auditRotateKey(config: Config) {
  const id = rotateKeyFile(config.auditKeyFile);
  console.log(
    `new audit signing key ${id} added to ${config.auditKeyFile}; restart the server to sign with it, and back the file up again`,
  );
}

/** Brings the archive's 名牌产品 flags in line with the honours in force (the server does it twice a day). */
/** Loads a bureau's region tree (regions load): nothing is written unless every row passes. */
async function regionsLoad(config: Config, file: string | undefined, retireOthers: boolean) {
  if (!file) fail(USAGE);
  await withDb(config, async (db) => {
    const s = services(db, config);
    const rows: TableRow[] = [];
    for await (const row of readTable(path.resolve(file), { maxUncompressedBytes: 64 * 2 ** 20, maxRows: 1_000_000 })) rows.push(row);
    const known = new Set((await s.reference.list('regions')).map((r) => r.code));
    const { entries, problems } = parseRegionFile(rows, known);
    if (problems.length) fail(`区划文件有误，未写入 / nothing written:\n  ${problems.slice(0, 50).join('\n  ')}`);
    const counts = await s.reference.loadRegions(systemActor('cli'), entries, { retireOthers });
    s.regions.forget();
    const home = (await s.regions.tree()).home.code;
    console.log(
      `regions: ${counts.created} created, ${counts.updated} updated, ${counts.retired} retired, ${counts.unchanged} unchanged; serving region ${home}`,
    );
  });
}

async function brandsSync(config: Config) {
  await withDb(config, async (db) => {
    console.log(`brand product flags changed: ${await services(db, config).honours.syncBrandFlags()}`);
  });
}

/** Rebuilds the spot-check pass-rate counts from the cases (after loading cases outside the API). */
async function inspectionsRecount(config: Config) {
  await withDb(config, async (db) => {
    console.log(`pass-rate counts rebuilt from ${await rebuildVerdictCounts(db.kysely)} cases with a final result`);
  });
}

async function targetsRecount(config: Config) {
  await withDb(config, async (db) => {
    console.log(
      `kept indicator sums forgotten for ${await recountKeptSums(db.kysely)} indicator-years; the next reads compute them from the records`,
    );
  });
}

async function backup(config: Config, file: string | undefined) {
  if (!file) fail(USAGE);
  if (config.databaseUrl) {
    console.log(`PostgreSQL: run\n  pg_dump --format=custom --file=${JSON.stringify(file)} "$DATABASE_URL"`);
    return;
  }
  if (!fs.existsSync(config.sqliteFile)) fail(`no database at ${config.sqliteFile}`);
  const db = openSqlite(config.sqliteFile, { readOnly: true });
  try {
    await db.backup(path.resolve(file));
  } finally {
    db.close();
  }
  console.log(`backed up ${config.sqliteFile} → ${path.resolve(file)}`);
}

async function restore(config: Config, file: string | undefined) {
  if (!file) fail(USAGE);
  if (config.databaseUrl) {
    console.log(`PostgreSQL: run\n  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" ${JSON.stringify(file)}`);
    return;
  }
  if (!fs.existsSync(file)) fail(`no file ${file}`);
  // Refuse anything that is not an intact platform database before touching the live one.
  let check: string;
  try {
    // Read-only opening fails on a missing file instead of creating one.
    const probe = openSqlite(file, { readOnly: true });
    check = String(probe.pragma('integrity_check'));
    const hasAudit = probe.prepare("select 1 from sqlite_master where name = 'audit_events'").get();
    probe.close();
    if (!hasAudit) check = 'not a platform database (no audit_events table)';
  } catch (err) {
    check = (err as Error).message;
  }
  if (check !== 'ok') fail(`refusing to restore ${file}: ${check}`);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(config.sqliteFile + suffix, { force: true });
  fs.mkdirSync(path.dirname(config.sqliteFile), { recursive: true });
  fs.copyFileSync(file, config.sqliteFile);
  console.log(`restored ${file} → ${config.sqliteFile}; run "npm run cli -- audit verify" to check its history`);
}

async function importCommand(config: Config, args: string[]) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { partial: { type: 'boolean', default: false } } });
  const [kind, file] = positionals;
  if (!IMPORT_KIND_VALUES.includes(kind as never) || !file) fail(USAGE);
  if (!fs.existsSync(file)) fail(`no file ${file}`);
  // Lines in the file, for the progress bar (a close estimate for CSV; none for XLSX).
  const total = file.toLowerCase().endsWith('.csv') ? Math.max(1, countLines(file) - 1) : 0;
  await withDb(config, async (db) => {
    const started = Date.now();
    const ctx = makeContext(db.kysely, config, pino({ level: 'warn' }));
    let report;
    try {
      report = await importFile(ctx, systemActor('cli'), kind as ImportKind, path.resolve(file), {
        mode: values.partial ? 'partial' : 'all',
        fileName: path.basename(file),
        onProgress: (done) => (total ? progress(Math.min(done, total), total) : process.stderr.write(`\r${done} rows`)),
      });
    } catch (err) {
      if (err instanceof UnreadableFile) fail(`${err.code}: ${err.message}`);
      throw err;
    }
    process.stderr.write('\n');
    const seconds = (Date.now() - started) / 1000;
    for (const w of report.warnings) console.log(`warning: ${w}`);
    for (const e of report.errors.slice(0, 50))
      console.log(`line ${e.line}, ${e.column || '-'}: ${e.message}${e.value ? ` [${e.value}]` : ''}`);
    if (report.errors.length > 50 || report.errorsTruncated) console.log(`… and more; every rejected row is in the rejected-rows file`);
    if (report.rejectedFile) {
      const target = `${file}.rejected.csv`;
      fs.copyFileSync(path.join(config.dataDir, 'imports', report.rejectedFile), target);
      console.log(`rejected rows: ${target}`);
    }
    console.log(
      `${report.rows} rows in ${seconds.toFixed(1)} s (${Math.round(report.rows / Math.max(seconds, 0.001))} rows/s): ` +
        `${report.inserted} inserted, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected} rejected` +
        (report.written ? '' : ' — nothing written'),
    );
    if (report.rejected && !values.partial) process.exitCode = 1;
  });
}

function countLines(file: string): number {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(1 << 20);
  let lines = 0;
  for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0;) for (let i = 0; i < n; i++) if (buf[i] === 10) lines++;
  fs.closeSync(fd);
  return lines;
}

async function exportCommand(config: Config, args: string[]) {
  const [kind, file] = args;
  if (!IMPORT_KIND_VALUES.includes(kind as never) || !file) fail(USAGE);
  const format = file.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
  await withDb(config, async (db) => {
    const s = services(db, config);
    const admin = { ...systemActor('cli'), role: 'admin' as const };
    const n = await exportArchive(
      makeContext(db.kysely, config, pino({ level: 'warn' })),
      s.enterprises,
      admin,
      kind as ImportKind,
      {},
      format,
      path.resolve(file),
    );
    console.log(`exported ${n} rows to ${file}`);
  });
}

async function seed(config: Config, args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      enterprises: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '2010' },
      'no-details': { type: 'boolean', default: false },
    },
  });
  const enterprises = Number(values.enterprises);
  const seedValue = Number(values.seed);
  if (!Number.isInteger(enterprises) || enterprises < 1 || enterprises > 10_000_000)
    fail('--enterprises must be a whole number from 1 to 10000000');
  if (!Number.isInteger(seedValue) || seedValue < 0) fail('--seed must be a whole number');
  await withDb(config, async (db) => {
    const started = Date.now();
    await seedArchive(db.kysely, systemActor('cli'), {
      enterprises,
      seed: seedValue,
      details: !values['no-details'],
      onProgress: (done, total) => progress(done, total),
    });
    process.stderr.write('\n');
    const honours = values['no-details'] ? 0 : await seedDemoParts(db, services(db, config), config, systemActor('cli'));
    console.log(
      `seeded ${enterprises} enterprises (seed ${seedValue}) and ${honours} demo honours in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });
}

/** A one-line progress bar on stderr, redrawn in place. */
function progress(done: number, total: number) {
  if (!process.stderr.isTTY && done !== total) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
}

async function main(argv: string[]) {
  const config = loadConfig();
  const [command, sub, ...rest] = argv;
  const key =
    command === 'user' ||
    command === 'audit' ||
    command === 'regions' ||
    command === 'inspections' ||
    command === 'brands' ||
    command === 'archive'
      ? `${command} ${sub}`
      : command;
  switch (key) {
    case 'migrate':
      return migrate(config);
    case 'user add':
      return userAdd(config, rest);
    case 'user reset-password':
      return userResetPassword(config, rest[0]);
    case 'audit verify':
      return auditVerify(config, rest);
    case 'audit checkpoint':
      return auditCheckpoint(config);
    case 'audit rotate-key':
      return auditRotateKey(config);
    case 'regions load':
      return regionsLoad(config, rest[0], rest.includes('--retire-others'));
    case 'brands sync':
      return brandsSync(config);
    case 'archive duplicates':
      return archiveDuplicates(config);
    case 'inspections recount':
      return inspectionsRecount(config);
    case 'targets recount':
      return targetsRecount(config);
    case 'seed':
      return seed(config, argv.slice(1));
    case 'import':
      return importCommand(config, argv.slice(1));
    case 'export':
      return exportCommand(config, argv.slice(1));
    case 'backup':
      return backup(config, sub);
    case 'restore':
      return restore(config, sub);
    default:
      fail(USAGE);
  }
}

main(process.argv.slice(2)).catch((err) => {
  if (err instanceof AppError) fail(err.toText());
  fail(err instanceof Error ? err.message : String(err));
});
