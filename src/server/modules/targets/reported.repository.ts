import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';

/** The figures of a period for some indicators; with `regionCode`, that region's only (a county officer's scope). */
export function reportedValuesOf(db: Kysely<Database>, period: string, indicatorCodes: string[], regionCode: string | null) {
  if (!indicatorCodes.length) return Promise.resolve([]);
  let q = db.selectFrom('reported_values').selectAll().where('period', '=', period).where('indicator_code', 'in', indicatorCodes);
  if (regionCode) q = q.where('region_code', '=', regionCode);
  return q.execute();
}

/** Who did what to a figure, newest first (the four-eyes check reads back to the last decision). */
export function reportedValueActions(db: Kysely<Database>, reportedValueId: string) {
  return db.selectFrom('reported_value_events').select(['action', 'actor_id']).where('reported_value_id', '=', reportedValueId).orderBy('at', 'desc').execute();
}
