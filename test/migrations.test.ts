import { sql } from 'kysely';
import { NO_MIGRATIONS } from 'kysely/migration';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, migratorFor } from '../src/server/db/migrate';
import { migrations } from '../src/server/db/migrations';
import { emptyDb, type TestDb } from './helpers/db';

describe('migrations', () => {
  let db: TestDb;
  afterEach(() => db.drop());

  it('run from empty, seed the reference data, and are idempotent', async () => {
    db = await emptyDb();
    expect(await migrateToLatest(db.kysely)).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(db.kysely)).toEqual([]);
    const count = async (table: 'regions' | 'industries' | 'departments' | 'product_categories' | 'users') =>
      Number((await db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count('regions')).toBe(13); // Hunan, Chenzhou, 11 county-level units
    expect(await count('industries')).toBe(7);
    expect(await count('departments')).toBe(9);
    expect(await count('product_categories')).toBe(83 + 34); // DOMAIN.md §7.2, 14 groups; the food-safety catalogue's 34 大类 (migration 2026120701)
    expect(await count('users')).toBe(0);
  });

  it('enforce foreign keys and unique codes on this dialect', async () => {
    db = await emptyDb();
    await migrateToLatest(db.kysely);
    const now = new Date().toISOString();
    const user = (region: string, id: string, username: string) =>
      db.kysely.insertInto('users').values({
        id, username, display_name: 'x', role: 'county_officer', region_code: region, password_hash: 'x',
        must_change_password: 0, disabled: 0, failed_logins: 0, version: 1, created_at: now, updated_at: now,
      }).execute();
    await expect(user('999999', 'a', 'fk')).rejects.toThrow();
    await user('431002', 'b', 'same');
    await expect(user('431002', 'c', 'same')).rejects.toThrow();
  });

  it('roll back to empty and up again', async () => {
    db = await emptyDb();
    await migrateToLatest(db.kysely);
    const migrator = await migratorFor(db.kysely);
    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    // On PostgreSQL the introspection lists every schema's tables: only this database's count.
    const tables = (await db.kysely.introspection.getTables()).filter((t) => !db.schema || t.schema === db.schema);
    expect(tables.map((t) => t.name).filter((n) => !n.startsWith('kysely_'))).toEqual([]);
    expect(await migrateToLatest(db.kysely)).toEqual(Object.keys(migrations));
    const regions = await sql<{ n: number }>`select count(*) as n from regions`.execute(db.kysely);
    expect(Number(regions.rows[0]!.n)).toBe(13);
  });
});

describe('the database under test', () => {
  it('is PostgreSQL when DATABASE_URL is set, else SQLite (CI runs both)', async () => {
    const db = await emptyDb();
    try {
      expect(db.dialect).toBe(process.env.DATABASE_URL ? 'postgres' : 'sqlite');
      const version = await sql<{ v: string }>`select ${sql.raw(db.dialect === 'postgres' ? 'version()' : 'sqlite_version()')} as v`.execute(db.kysely);
      expect(version.rows[0]!.v).toMatch(db.dialect === 'postgres' ? /^PostgreSQL 15/ : /^3\./);
    } finally {
      await db.drop();
    }
  });
});
