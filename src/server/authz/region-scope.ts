import { sql, type Expression, type SqlBool, type WhereInterface } from 'kysely';
import type { Actor } from './actor';

/**
 * The one region filter of every repository. `regions` is an actor's reach (Actor.regions: a county
 * and everything below it) or null for no confinement; an empty reach matches nothing.
 */
export function whereInRegions<QB extends WhereInterface<any, any>>(q: QB, column: string, regions: readonly string[] | null | undefined): QB {
  if (!regions) return q;
  return q.where(regionIn(column, regions)) as QB;
}

/** The same filter as an expression, for a scope that is one branch of an OR. */
export function regionIn(column: string, regions: readonly string[]): Expression<SqlBool> {
  if (regions.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`${sql.ref(column)} in (${sql.join(regions)})`;
}

/** True when a record's region lies within the actor's reach (always, for actors not confined to a region). */
export function reaches(actor: Pick<Actor, 'regions'>, regionCode: string | null | undefined): boolean {
  return actor.regions === null || (!!regionCode && actor.regions.includes(regionCode));
}
