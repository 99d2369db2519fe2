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
    expect(await count('product_categories')).toBe(83); // DOMAIN.md §7.2, 14 groups
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

  it('number the draws made before commitments per category, drawn when made', async () => {
    db = await emptyDb();
    const migrator = await migratorFor(db.kysely);
    expect((await migrator.migrateTo('2026112521_indicator_sums')).error).toBeUndefined();
    const now = (s: number) => `2026-11-0${s}T00:00:00.000Z`;
    await db.kysely.insertInto('inspection_plans').values({ id: 'p', year: 2026, level: 'city', title: 't', department_code: 'quality', region_code: '431000', categories: '[]', version: 1, created_at: now(1), updated_at: now(1), created_by: null }).execute();
    const draw = (id: string, category: string, at: number) =>
      sql`insert into inspection_draws (id, plan_id, category_code, seed, count, inputs, result, created_by, created_at) values (${id}, 'p', ${category}, 1, 1, '{}', '{}', 'u', ${now(at)})`.execute(db.kysely);
    await draw('b', 'x', 2);
    await draw('a', 'x', 3);
    await draw('c', 'y', 1);
    await migrateToLatest(db.kysely);
    const rows = await db.kysely.selectFrom('inspection_draws').select(['id', 'round', 'drawn_by', 'drawn_at', 'reason', 'commitment']).orderBy('id').execute();
    // x: b (2 Nov) then a (3 Nov); y: c alone.
    expect(rows).toEqual([
      { id: 'a', round: 2, drawn_by: 'u', drawn_at: now(3), reason: '', commitment: null },
      { id: 'b', round: 1, drawn_by: 'u', drawn_at: now(2), reason: '', commitment: null },
      { id: 'c', round: 1, drawn_by: 'u', drawn_at: now(1), reason: '', commitment: null },
    ]);
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
