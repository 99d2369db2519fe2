import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_URL, emptyDb, type TestDb } from './helpers/db';
import { openSqlite } from '../src/server/db/sqlite';

/**
 * The CLI as an operator runs it: a child process reading the same environment variables.
 * On PostgreSQL each run is pointed at this file's own schema through PGOPTIONS.
 */
// Each case runs the CLI as a process several times: seconds each on a busy two-core machine.
describe('CLI', { timeout: 180_000 }, () => {
  let dir: string;
  let pgDb: TestDb | null = null;
  const env = () => ({
    ...process.env,
    QC_DATA_DIR: dir,
    ...(pgDb ? { PGOPTIONS: `-c search_path=${pgDb.schema},public` } : { DATABASE_URL: '' }),
  });
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args], { env: env(), encoding: 'utf8' });
    return { code: r.status, out: r.stdout + r.stderr };
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qc-cli-'));
    if (DATABASE_URL) pgDb = await emptyDb();
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await pgDb?.drop();
  });

  it('migrate, then user add with a one-time password, and refuses a bad role or scope', () => {
    expect(cli('migrate')).toMatchObject({ code: 0, out: expect.stringContaining('applied: 2026112501_foundation') });
    expect(cli('migrate').out).toContain('database is up to date');
    const added = cli('user', 'add', 'beihu', '--role', 'county_officer', '--region', '431002', '--name', '北湖管理员');
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/created beihu \(county_officer\)\none-time password: [A-Za-z2-9]{14}/);
    expect(cli('user', 'add', 'x1', '--role', 'king')).toMatchObject({ code: 2, out: expect.stringContaining('unknown role "king"') });
    expect(cli('user', 'add', 'x2', '--role', 'county_officer', '--region', '431000')).toMatchObject({
      code: 2,
      out: expect.stringContaining('invalid_scope'),
    });
    expect(cli('user', 'add', 'beihu', '--role', 'leading_group')).toMatchObject({
      code: 2,
      out: expect.stringContaining('username_taken'),
    });
    expect(cli('bogus').code).toBe(2);
  });

  it('user add --password holds the password to the API’s rule (lib/passwords.ts)', () => {
    const refused = cli('user', 'add', 'suxian', '--role', 'leading_group', '--password', 'password12');
    expect(refused.code).toBe(2);
    expect(refused.out).toContain('weak_password: 密码强度不足');
    expect(refused.out).toContain(
      '  - 密码太容易被猜到：请加长，或用几个不常见的词组合 / Too easy to guess: make it longer, or combine a few uncommon words',
    );
    expect(cli('user', 'add', 'suxian', '--role', 'leading_group', '--password', 'Lantern-tea-river-58').out).toBe(
      'created suxian (leading_group)\n',
    );
  });

  it('user reset-password prints a new one-time password', () => {
    const r = cli('user', 'reset-password', 'beihu');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/one-time password for beihu: [A-Za-z2-9]{14}/);
    expect(cli('user', 'reset-password', 'nobody').code).toBe(2);
  });

  /** Runs SQL on the CLI's database, as someone with write access to it would. */
  const tamper = async (...statements: string[]) => {
    if (pgDb) {
      for (const text of statements) await sql.raw(text).execute(pgDb.kysely);
      return;
    }
    const raw = openSqlite(path.join(dir, 'platform.db'));
    for (const text of statements) raw.exec(text);
    raw.close();
  };

  it('audit verify, checkpoint and rotate-key: the removal of the newest event is caught, a kept checkpoint still holds; a changed event is named', async () => {
    const ok = cli('audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('audit chain intact: 3 events (0 from before keying, 3 keyed)');
    expect(ok.out).toMatch(/signed head: seq=3 id=[0-9a-f-]{36} hash=[0-9a-f]{64} key=[0-9a-f]{8}/);

    const taken = cli('audit', 'checkpoint');
    expect(taken.code).toBe(0);
    const line = taken.out.split('\n').find((l) => l.startsWith('{'))!;
    expect(JSON.parse(line)).toMatchObject({
      seq: 3,
      count: 3,
      eventId: expect.any(String),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      mac: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const kept = path.join(dir, 'checkpoint.json');
    fs.writeFileSync(kept, line);

    // A new key signs what follows; the events before keep theirs.
    expect(cli('audit', 'rotate-key')).toMatchObject({ code: 0, out: expect.stringMatching(/new audit signing key [0-9a-f]{8} added/) });
    expect(cli('user', 'add', 'after-checkpoint', '--role', 'leading_group').code).toBe(0);
    const later = cli('audit', 'verify', '--checkpoint', kept);
    expect(later).toMatchObject({ code: 0, out: expect.stringContaining('checkpoint at seq=3 is in the chain') });
    expect(later.out).toContain('audit chain intact: 4 events (0 from before keying, 4 keyed)');

    // Someone with write access removes the newest event: the chain alone still fits, the signed head does not.
    await tamper('create table audit_saved as select * from audit_events where seq = 4', 'delete from audit_events where seq = 4');
    const cut = cli('audit', 'verify', '--checkpoint', line);
    expect(cut.code).toBe(1);
    expect(cut.out).toContain('audit chain intact: 3 events');
    expect(cut.out).toContain('audit head PROBLEM (events_removed): the newest events were removed');
    await tamper('insert into audit_events select * from audit_saved', 'drop table audit_saved');
    expect(cli('audit', 'verify', '--checkpoint', 'nonsense')).toMatchObject({ code: 2, out: expect.stringContaining('not a checkpoint') });

    await tamper("update audit_events set actor_name = 'someone-else' where seq = 1");
    const broken = cli('audit', 'verify', '--checkpoint', kept);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(
      /audit chain BROKEN at event seq=1 id=[0-9a-f-]{36} \(hash_mismatch: a recorded field was changed\); 0 events before it are intact/,
    );
  }, 240_000); // nine runs of the CLI, seconds each on a busy machine

  it.skipIf(DATABASE_URL)('backup and restore the SQLite database; a corrupt file is refused', () => {
    const backupFile = path.join(dir, 'backup.db');
    expect(cli('backup', backupFile)).toMatchObject({ code: 0, out: expect.stringContaining('backed up') });
    cli('user', 'add', 'after-backup', '--role', 'leading_group');
    const garbage = path.join(dir, 'garbage.db');
    fs.writeFileSync(garbage, 'this is not a database');
    expect(cli('restore', garbage)).toMatchObject({ code: 2, out: expect.stringContaining('refusing to restore') });
    expect(cli('user', 'reset-password', 'after-backup').code).toBe(0);
    expect(cli('restore', backupFile)).toMatchObject({ code: 0, out: expect.stringContaining('restored') });
    expect(cli('user', 'reset-password', 'after-backup').code).toBe(2);
    expect(cli('user', 'reset-password', 'beihu').code).toBe(0);
  });

  it.runIf(DATABASE_URL)('backup and restore on PostgreSQL print the pg_dump / pg_restore commands', () => {
    expect(cli('backup', 'x.dump').out).toContain('pg_dump --format=custom --file="x.dump" "$DATABASE_URL"');
    expect(cli('restore', 'x.dump').out).toContain('pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" "x.dump"');
  });
});
