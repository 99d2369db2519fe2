import { sql, type Kysely } from 'kysely';
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
      Number(
        (
          await db.kysely
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
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
      db.kysely
        .insertInto('users')
        .values({
          id,
          username,
          display_name: 'x',
          role: 'county_officer',
          region_code: region,
          password_hash: 'x',
          must_change_password: 0,
          disabled: 0,
          failed_logins: 0,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
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

  it('2026120710 brings the indicators of every plan already in a database to the policy’s definitions and forgets the kept sums', async () => {
    db = await emptyDb();
    const migrator = await migratorFor(db.kysely);
    expect((await migrator.migrateTo('2026112521_indicator_sums')).error).toBeUndefined();
    // A city's own plan, copied before the migration (an edited PQ-STDCOV target stays), and a kept sum under the old definitions.
    const k = db.kysely as unknown as Kysely<any>;
    const seeded = await k.selectFrom('plan_indicators').selectAll().execute();
    await k
      .insertInto('target_plans')
      .values({
        id: 'p2',
        code: 'city-2016',
        name: '2016—2020',
        name_en: '',
        start_year: 2016,
        end_year: 2020,
        version: 1,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
        created_by: null,
      })
      .execute();
    await k
      .insertInto('plan_indicators')
      .values(seeded.map((i) => ({ ...i, id: `p2-${i.code}`, plan_id: 'p2', ...(i.code === 'PQ-STDCOV' ? { target: 99 } : {}) })))
      .execute();
    await k
      .insertInto('indicator_sum_runs')
      .values({ indicator_id: 'p2-IND-QA', year: 2016, basis: '[1,2016,"2016-12-31"]', stamp: '{}', computed_at: new Date().toISOString() })
      .execute();
    await migrateToLatest(db.kysely);
    for (const plan of [seeded[0]!.plan_id as string, 'p2']) {
      const rows = new Map(
        (await k.selectFrom('plan_indicators').selectAll().where('plan_id', '=', plan).execute()).map((r) => [r.code as string, r]),
      );
      expect(rows.size, plan).toBe(34);
      expect(rows.get('IND-QA')).toMatchObject({ version: 2 });
      expect(JSON.parse(rows.get('IND-QA')!.reading)).toEqual({
        programme: 'hunan_qm_award',
        count: 'granted_in_plan',
        distinctEnterprises: true,
      });
      expect(JSON.parse(rows.get('SVC-HNBRAND')!.reading)).toMatchObject({ count: 'granted_in_plan' });
      expect(rows.get('PQ-BRANDGROWTH')).toMatchObject({
        name: '名牌企业产值、销售额、出口创汇额、利税增幅高于全省平均',
        direction: '>',
        target: 0,
        compare_code: null,
        version: 2,
      });
      expect(rows.get('PQ-GREEN')!.definition).toContain('证书未载明的产品不计');
      expect(rows.get('PQ-BRANDGROWTH-PROFIT')).toMatchObject({
        calculator: 'brand_growth',
        compare_code: 'PROV-BRANDGROWTH-PROFIT',
        sort_order: rows.get('PQ-BRANDGROWTH')!.sort_order + 4,
      });
      // Untouched: an indicator whose definition was right, and a city's own target.
      expect(rows.get('PQ-KEYPASS')).toMatchObject({ version: 1 });
    }
    expect((await k.selectFrom('plan_indicators').select('target').where('id', '=', 'p2-PQ-STDCOV').executeTakeFirstOrThrow()).target).toBe(
      99,
    );
    expect(await k.selectFrom('indicator_sum_runs').selectAll().execute()).toEqual([]);
  });

  it('number the draws made before commitments per category, drawn when made', async () => {
    db = await emptyDb();
    const migrator = await migratorFor(db.kysely);
    expect((await migrator.migrateTo('2026112521_indicator_sums')).error).toBeUndefined();
    const now = (s: number) => `2026-11-0${s}T00:00:00.000Z`;
    await db.kysely
      .insertInto('inspection_plans')
      .values({
        id: 'p',
        year: 2026,
        level: 'city',
        title: 't',
        department_code: 'quality',
        region_code: '431000',
        categories: '[]',
        version: 1,
        created_at: now(1),
        updated_at: now(1),
        created_by: null,
      })
      .execute();
    const draw = (id: string, category: string, at: number) =>
      sql`insert into inspection_draws (id, plan_id, category_code, seed, count, inputs, result, created_by, created_at) values (${id}, 'p', ${category}, 1, 1, '{}', '{}', 'u', ${now(at)})`.execute(
        db.kysely,
      );
    await draw('b', 'x', 2);
    await draw('a', 'x', 3);
    await draw('c', 'y', 1);
    await migrateToLatest(db.kysely);
    const rows = await db.kysely
      .selectFrom('inspection_draws')
      .select(['id', 'round', 'drawn_by', 'drawn_at', 'reason', 'commitment'])
      .orderBy('id')
      .execute();
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
      const version = await sql<{
        v: string;
      }>`select ${sql.raw(db.dialect === 'postgres' ? 'version()' : 'sqlite_version()')} as v`.execute(db.kysely);
      expect(version.rows[0]!.v).toMatch(db.dialect === 'postgres' ? /^PostgreSQL 15/ : /^3\./);
    } finally {
      await db.drop();
    }
  });
});
