import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertChunked } from '../src/server/db/bulk';
import { migrateToLatest } from '../src/server/db/migrate';
import { emptyDb, type TestDb } from './helpers/db';

// insertChunked writes row by row through the driver on SQLite inside a transaction, and in
// multi-row statements elsewhere: both must write the same rows, and only into their own transaction.
describe('bulk inserts', () => {
  let db: TestDb;
  beforeEach(async () => {
    db = await emptyDb();
    await migrateToLatest(db.kysely);
  });
  afterEach(() => db.drop());

  // enterprise_moves: two text columns, no keys — rows are what was written, in insertion order.
  const rows = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      enterprise_id: `e${from + i}`,
      moved_at: `2026-01-${String((i % 28) + 1).padStart(2, '0')}T0${i % 10}:00:00.000Z`,
    }));
  const stored = async () =>
    (await db.kysely.selectFrom('enterprise_moves').select(['enterprise_id', 'moved_at']).execute()).sort(
      (a, b) => Number(a.enterprise_id.slice(1)) - Number(b.enterprise_id.slice(1)),
    );

  it('inside a transaction and outside one, every row is written once with its values', async () => {
    await db.kysely.transaction().execute((trx) => insertChunked(trx, 'enterprise_moves', rows(0, 16_000)));
    // 16,000 rows of 2 columns are one statement of 32,000 parameters: over the limit, so two statements.
    await insertChunked(db.kysely, 'enterprise_moves', rows(16_000, 16_000));
    expect(await stored()).toEqual([...rows(0, 16_000), ...rows(16_000, 16_000)]);
  });

  it('rows written in a transaction that fails are gone with it', async () => {
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await insertChunked(trx, 'enterprise_moves', rows(0, 500));
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    expect(await stored()).toEqual([]);
  });

  it('rows written outside a transaction never land in another one that is open meanwhile', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const open = new Promise<void>((r) => (started = r));
    const other = db.kysely.transaction().execute(async (trx) => {
      await insertChunked(trx, 'enterprise_moves', rows(0, 3));
      started();
      await held;
      throw new Error('rolled back');
    });
    await open;
    const outside = insertChunked(db.kysely, 'enterprise_moves', rows(100, 3));
    release();
    await expect(other).rejects.toThrow('rolled back');
    await outside;
    expect((await stored()).map((r) => r.enterprise_id)).toEqual(['e100', 'e101', 'e102']);
  });
});
