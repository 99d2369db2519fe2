import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_URL, emptyDb, type TestDb } from './helpers/db';

/**
 * The CLI as an operator runs it: a child process reading the same environment variables.
 * On PostgreSQL each run is pointed at this file's own schema through PGOPTIONS.
 */
describe('CLI', () => {
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
    expect(cli('user', 'add', 'beihu', '--role', 'leading_group')).toMatchObject({ code: 2, out: expect.stringContaining('username_taken') });
    expect(cli('bogus').code).toBe(2);
  });

  it('user reset-password prints a new one-time password', () => {
    const r = cli('user', 'reset-password', 'beihu');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/one-time password for beihu: [A-Za-z2-9]{14}/);
    expect(cli('user', 'reset-password', 'nobody').code).toBe(2);
  });

  it('audit verify passes, then names the first event after tampering', async () => {
    const ok = cli('audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('audit chain intact: 2 events');
    if (pgDb) {
      await pgDb.kysely.updateTable('audit_events').set({ actor_name: 'someone-else' }).where('seq', '=', 1).execute();
    } else {
      const SQLite = (await import('better-sqlite3')).default;
      const raw = new SQLite(path.join(dir, 'platform.db'));
      raw.prepare("update audit_events set actor_name = 'someone-else' where seq = 1").run();
      raw.close();
    }
    const broken = cli('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/audit chain BROKEN at event seq=1 id=[0-9a-f-]{36} \(hash_mismatch\); 0 events before it are intact/);
  });

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
