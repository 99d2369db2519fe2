import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { bool } from '../../db/portable';

/** The county targets of some schemes, in the order a scheme shows them. */
export function countyTargetsOf(db: Kysely<Database>, schemeIds: string[]) {
  if (!schemeIds.length) return Promise.resolve([]);
  return db.selectFrom('assessment_county_targets').selectAll().where('scheme_id', 'in', schemeIds).orderBy('indicator_code').orderBy('region_code').execute();
}

/** Replaces a scheme's county targets with `targets`. */
export async function replaceCountyTargets(trx: Kysely<Database>, schemeId: string, targets: { regionCode: string; indicatorCode: string; target: number }[]): Promise<void> {
  await trx.deleteFrom('assessment_county_targets').where('scheme_id', '=', schemeId).execute();
  if (targets.length) await trx.insertInto('assessment_county_targets').values(targets.map((t) => ({ scheme_id: schemeId, region_code: t.regionCode, indicator_code: t.indicatorCode, target: t.target }))).execute();
}

/** The archive's above-scale enterprises (operating or suspended, not deregistered) per region: the draft's split weights. */
export async function aboveScaleByRegion(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('enterprises')
    .select(['region_code', sql<number>`count(*)`.as('n')])
    .where('above_scale', '=', bool(true))
    .where('deleted_at', 'is', null)
    .where('status', '<>', 'deregistered')
    .groupBy('region_code')
    .execute();
  return new Map(rows.map((r) => [r.region_code, Number(r.n)]));
}
