import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { columnTypes } from './dialect';

/**
 * One source of truth for 标志性企业: the yearly flagship register. The archive's flag had been
 * set by hand, by import and by the demo, beside the register, so the two disagreed (enterprises
 * flagged in the archive, none on the list or in IND-FLAG). Every enterprise flagged in the
 * archive and not on the most recent list (this year's when there is none) is put on that list,
 * marked as moved from the archive flag (its revenue unchecked: the override says why); then the
 * flag is set for exactly the enterprises on that list, as the register keeps it from now on.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const now = new Date().toISOString();
  const latest = await db
    .selectFrom('flagship_designations')
    .select((eb) => eb.fn.max('year').as('year'))
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  const year = latest?.year ? Number(latest.year) : Number(now.slice(0, 4));
  const listed = db.selectFrom('flagship_designations').select('enterprise_id').where('year', '=', year).where('deleted_at', 'is', null);
  const flagged = await db
    .selectFrom('enterprises')
    .select(['id', 'region_code'])
    .where('flagship', '=', t.true)
    .where('deleted_at', 'is', null)
    .where('id', 'not in', listed)
    .execute();
  const override = JSON.stringify({
    salesRevenue: null,
    floor: null,
    reason: '由档案“标志性企业”标记迁入名单（迁移 2026120760），销售收入未核对',
  });
  for (let i = 0; i < flagged.length; i += 200) {
    await db
      .insertInto('flagship_designations')
      .values(
        flagged.slice(i, i + 200).map((e) => ({
          id: randomUUID(),
          enterprise_id: e.id,
          region_code: e.region_code,
          year,
          designated_on: now.slice(0, 10),
          note: '',
          override,
          deleted_at: null,
          deleted_by: null,
          delete_reason: null,
          version: 1,
          created_at: now,
          updated_at: now,
          created_by: null,
        })),
      )
      .execute();
  }
  await db
    .updateTable('enterprises')
    .set({ flagship: t.true, updated_at: now })
    .where('flagship', '=', t.false)
    .where('id', 'in', listed)
    .execute();
  await db
    .updateTable('enterprises')
    .set({ flagship: t.false, updated_at: now })
    .where('flagship', '=', t.true)
    .where('id', 'not in', listed)
    .execute();
}

/** The designations stay: they are the register's now, and the flag follows them either way. */
export async function down(): Promise<void> {}
