import { sql, type Kysely } from 'kysely';

/**
 * Natural keys the archive enforces with a unique index, over a `natural_key` column the app
 * writes (SQL cannot fold case or normalise Unicode alike on both databases):
 * - products: name, brand and model, per enterprise, among live products;
 * - former names: the name, per enterprise, among live ones;
 * - cultivations: programme and products, per enterprise, while open (neither 认定 nor 落选).
 *
 * Rows already stored are keyed here. Where they hold duplicates, every row is kept: the oldest
 * of each group takes the key, the others stay unkeyed (outside the index). `npm run cli --
 * archive duplicates` lists them, `migrate` prints how many; an import row matching several
 * reports it, and editing one without resolving the duplicate answers 409.
 */

// Frozen copy of lib/natural-key.ts (migrations import no app code): NFC, trimmed, white space runs as one, lower case.
const keyText = (value: unknown) =>
  String(value ?? '')
    .normalize('NFC')
    .trim()
    .replace(/\s+/gu, ' ')
    .toLowerCase();
const naturalKey = (values: unknown[]) => values.map(keyText).join('\u001f');

type Keyed = { id: string; enterprise_id: string; key: string | null };

/** Writes each row's key, the first (oldest) of a duplicate group only. */
async function keyRows(db: Kysely<any>, table: string, rows: Keyed[]): Promise<void> {
  const taken = new Set<string>();
  for (const row of rows) {
    if (row.key === null) continue;
    const scoped = `${row.enterprise_id}\u001e${row.key}`;
    if (taken.has(scoped)) continue;
    taken.add(scoped);
    await db.updateTable(table).set({ natural_key: row.key }).where('id', '=', row.id).execute();
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['products', 'enterprise_former_names', 'cultivations']) {
    await db.schema.alterTable(table).addColumn('natural_key', 'text').execute();
  }

  const products = await db
    .selectFrom('products')
    .select(['id', 'enterprise_id', 'name', 'brand', 'model', 'deleted_at'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  await keyRows(
    db,
    'products',
    products.map((r) => ({
      id: r.id,
      enterprise_id: r.enterprise_id,
      key: r.deleted_at === null ? naturalKey([r.name, r.brand, r.model]) : null,
    })),
  );
  const names = await db
    .selectFrom('enterprise_former_names')
    .select(['id', 'enterprise_id', 'name', 'deleted_at'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  await keyRows(
    db,
    'enterprise_former_names',
    names.map((r) => ({ id: r.id, enterprise_id: r.enterprise_id, key: r.deleted_at === null ? naturalKey([r.name]) : null })),
  );
  const cultivations = await db
    .selectFrom('cultivations')
    .select(['id', 'enterprise_id', 'programme_code', 'product_ids', 'stage'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  await keyRows(
    db,
    'cultivations',
    cultivations.map((r) => ({
      id: r.id,
      enterprise_id: r.enterprise_id,
      key:
        r.stage === 'granted' || r.stage === 'rejected'
          ? null
          : naturalKey([r.programme_code, ...(JSON.parse(r.product_ids) as string[]).sort()]),
    })),
  );

  // Unique where keyed: deleted, closed and kept duplicates carry no key (both databases let NULLs repeat).
  for (const [index, table] of [
    ['products_natural_key', 'products'],
    ['former_names_natural_key', 'enterprise_former_names'],
  ] as const) {
    // A deleted record keeps its key for the history; the name may be entered again.
    await db.schema
      .createIndex(index)
      .unique()
      .on(table)
      .columns(['enterprise_id', 'natural_key'])
      .where('natural_key', 'is not', null)
      .where(sql.ref('deleted_at'), 'is', null)
      .execute();
  }
  await db.schema
    .createIndex('cultivations_natural_key')
    .unique()
    .on('cultivations')
    .columns(['enterprise_id', 'natural_key'])
    .where('natural_key', 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [index, table] of [
    ['products_natural_key', 'products'],
    ['former_names_natural_key', 'enterprise_former_names'],
    ['cultivations_natural_key', 'cultivations'],
  ] as const) {
    await db.schema.dropIndex(index).execute();
    await db.schema.alterTable(table).dropColumn('natural_key').execute();
  }
}
