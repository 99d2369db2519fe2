import type { Kysely } from 'kysely';

/** A product standard whose number is of no known form is kept with a reason, as a pilot-area USCC is. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('product_standards').addColumn('standard_no_override_reason', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('product_standards').dropColumn('standard_no_override_reason').execute();
}
