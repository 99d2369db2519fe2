import { sql, type Expression, type SqlBool } from 'kysely';
import type { RegionDirectory } from '../modules/reference/region-directory';
import type { Actor } from './actor';

/**
 * The one region filter of every repository. `regions` is an actor's reach (Actor.regions: a county
 * and everything below it) or null for no confinement; an empty reach matches nothing.
 */
export function whereInRegions<QB extends { where(expression: Expression<SqlBool>): QB }>(
  q: QB,
  column: string,
  regions: readonly string[] | null | undefined,
): QB {
  if (!regions) return q;
  return q.where(regionIn(column, regions));
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

/**
 * The regions a list is confined to: the actor's reach, narrowed to a region asked for in the query
 * and the regions below it; undefined when neither confines it.
 */
export async function listRegions(
  actor: Pick<Actor, 'regions'>,
  asked: string | undefined,
  directory: RegionDirectory,
): Promise<readonly string[] | undefined> {
  if (!asked) return actor.regions ?? undefined;
  const below = (await directory.tree()).subtree(asked);
  return actor.regions ? below.filter((code) => actor.regions!.includes(code)) : below;
}
