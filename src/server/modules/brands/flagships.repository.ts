import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../../db/database';
import { bool, toBool } from '../../db/portable';
import { newRecordMeta } from '../../db/types';
import type { EnterpriseScope } from '../enterprises/enterprises.repository';
import { whereInRegions } from '../../authz/region-scope';

/** Narrows a query over `enterprises as e` to the actor's archive scope. */
function scoped<Q extends SelectQueryBuilder<any, any, any>>(q: Q, scope: EnterpriseScope): Q {
  let out: SelectQueryBuilder<any, any, any> = q;
  out = whereInRegions(out, 'e.region_code', scope.regions);
  if (scope.enterpriseId) out = out.where('e.id', '=', scope.enterpriseId);
  return out as Q;
}

/** The designations with each enterprise's sales revenue that year, within the actor's archive scope ({} for the whole register). */
function flagshipDesignations(db: Kysely<Database>, scope: EnterpriseScope) {
  return scoped(
    db
      .selectFrom('flagship_designations as f')
      .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
      .leftJoin('enterprise_yearly_figures as y', (j) =>
        j.onRef('y.enterprise_id', '=', 'f.enterprise_id').onRef('y.year', '=', 'f.year').on('y.deleted_at', 'is', null),
      )
      .selectAll('f')
      .select(['e.name as enterprise_name', 'y.sales_revenue'])
      .where('f.deleted_at', 'is', null),
    scope,
  );
}
export type FlagshipRow = Awaited<ReturnType<ReturnType<typeof flagshipDesignations>['executeTakeFirstOrThrow']>>;

/** How many enterprises the whole city's list of a year holds (the goal is the city's, whoever asks). */
export async function countFlagshipDesignations(db: Kysely<Database>, year: number): Promise<number> {
  const row = await db
    .selectFrom('flagship_designations')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('year', '=', year)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
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

/** A year's list within the scope, by sales revenue then name. */
export function flagshipsOfYear(db: Kysely<Database>, scope: EnterpriseScope, year: number): Promise<FlagshipRow[]> {
  return flagshipDesignations(db, scope).where('f.year', '=', year).orderBy('y.sales_revenue', 'desc').orderBy('e.name').execute();
}

/** A live designation, whatever the scope (the list is the city's). */
export function findFlagship(db: Kysely<Database>, id: string): Promise<FlagshipRow | undefined> {
  return flagshipDesignations(db, {}).where('f.id', '=', id).executeTakeFirst();
}

/** An enterprise's sales revenue of a year, or null when not reported. */
export async function salesRevenue(db: Kysely<Database>, enterpriseId: string, year: number): Promise<number | null> {
  const row = await db
    .selectFrom('enterprise_yearly_figures')
    .select('sales_revenue')
    .where('enterprise_id', '=', enterpriseId)
    .where('year', '=', year)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row?.sales_revenue === null || row?.sales_revenue === undefined ? null : Number(row.sales_revenue);
}

export async function insertFlagship(
  db: Kysely<Database>,
  f: { id: string; enterpriseId: string; regionCode: string; year: number; designatedOn: string; note: string; override: object | null },
  actorId: string | null,
): Promise<void> {
  await db
    .insertInto('flagship_designations')
    .values({
      id: f.id,
      enterprise_id: f.enterpriseId,
      region_code: f.regionCode,
      year: f.year,
      designated_on: f.designatedOn,
      note: f.note,
      override: f.override ? JSON.stringify(f.override) : null,
      ...newRecordMeta(actorId, new Date().toISOString()),
    })
    .execute();
}

/** Soft-deletes a designation if it is still live at `version`; false when another write came first. */
export async function removeFlagship(
  db: Kysely<Database>,
  id: string,
  version: number,
  by: string | null,
  reason: string,
): Promise<boolean> {
  const now = new Date().toISOString();
  const updated = await db
    .updateTable('flagship_designations')
    .set({ deleted_at: now, deleted_by: by, delete_reason: reason, version: version + 1, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/** The enterprises whose flagship flag differs from membership of the most recent yearly list, with the flag they should have. */
export async function flagshipFlagChanges(db: Kysely<Database>): Promise<{ id: string; flagship: boolean }[]> {
  const latest = await db
    .selectFrom('flagship_designations')
    .select(sql<number | null>`max(year)`.as('year'))
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  const members = db
    .selectFrom('flagship_designations')
    .select('enterprise_id')
    .where('year', '=', latest?.year ?? -1)
    .where('deleted_at', 'is', null);
  const differing = await db
    .selectFrom('enterprises')
    .select(['id', 'flagship'])
    .where((eb) =>
      eb.or([
        eb.and([eb('flagship', '=', bool(true)), eb('id', 'not in', members)]),
        eb.and([eb('flagship', '=', bool(false)), eb('id', 'in', members)]),
      ]),
    )
    .execute();
  return differing.map((e) => ({ id: e.id, flagship: !toBool(e.flagship) }));
}

/** Sets an enterprise's flagship flag. */
export async function setFlagshipFlag(db: Kysely<Database>, enterpriseId: string, flagship: boolean): Promise<void> {
  await db
    .updateTable('enterprises')
    .set({ flagship: bool(flagship), updated_at: new Date().toISOString() })
    .where('id', '=', enterpriseId)
    .execute();
}
