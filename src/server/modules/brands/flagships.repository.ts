import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from '../../db/database';
import type { EnterpriseScope } from '../enterprises/enterprises.repository';

/** Narrows a query over `enterprises as e` to the actor's archive scope. */
function scoped<Q extends SelectQueryBuilder<any, any, any>>(q: Q, scope: EnterpriseScope): Q {
  let out: SelectQueryBuilder<any, any, any> = q;
  if (scope.regionCode) out = out.where('e.region_code', '=', scope.regionCode);
  if (scope.enterpriseId) out = out.where('e.id', '=', scope.enterpriseId);
  return out as Q;
}

/** The designations with each enterprise's sales revenue that year, within the actor's archive scope ({} for the whole register). */
export function flagshipDesignations(db: Kysely<Database>, scope: EnterpriseScope) {
  return scoped(
    db
      .selectFrom('flagship_designations as f')
      .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
      .leftJoin('enterprise_yearly_figures as y', (j) => j.onRef('y.enterprise_id', '=', 'f.enterprise_id').onRef('y.year', '=', 'f.year').on('y.deleted_at', 'is', null))
      .selectAll('f')
      .select(['e.name as enterprise_name', 'y.sales_revenue'])
      .where('f.deleted_at', 'is', null),
    scope,
  );
}
export type FlagshipRow = Awaited<ReturnType<ReturnType<typeof flagshipDesignations>['executeTakeFirstOrThrow']>>;

/** How many enterprises the whole city's list of a year holds (the goal is the city's, whoever asks). */
export async function countFlagshipDesignations(db: Kysely<Database>, year: number): Promise<number> {
  const row = await db.selectFrom('flagship_designations').select((eb) => eb.fn.countAll().as('n')).where('year', '=', year).where('deleted_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The enterprises in scope whose sales revenue of `year` reaches `floor`, largest first, at most `limit`. */
export function flagshipCandidates(db: Kysely<Database>, scope: EnterpriseScope, year: number, floor: number, limit: number) {
  return scoped(
    db
      .selectFrom('enterprise_yearly_figures as y')
      .innerJoin('enterprises as e', 'e.id', 'y.enterprise_id')
      .select(['e.id', 'e.name', 'e.region_code', 'y.sales_revenue'])
      .where('y.year', '=', year)
      .where('y.sales_revenue', '>=', floor)
      .where('y.deleted_at', 'is', null)
      .where('e.deleted_at', 'is', null),
    scope,
  )
    .orderBy('y.sales_revenue', 'desc')
    .limit(limit)
    .execute();
}
