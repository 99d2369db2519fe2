import type { Kysely } from 'kysely';

/**
 * The tables computed indicators read, indexed by their last change: the dashboard keeps each
 * indicator's sums until one of its sources changes, and learns that from max(updated_at).
 */
export const STAMPED = [
  'enterprises',
  'products',
  'product_standards',
  'certifications',
  'enterprise_yearly_figures',
  'honours',
  'flagship_designations',
  'inspections',
  'reported_values',
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of STAMPED) await db.schema.createIndex(`${table}_updated_idx`).on(table).column('updated_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of STAMPED) await db.schema.dropIndex(`${table}_updated_idx`).execute();
}
