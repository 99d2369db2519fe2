import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database';
import { bool, toBool } from '../../db/portable';
import type { InspectionDrawTable } from './inspections.table';

export interface DrawCandidateRow {
  id: string;
  name: string;
  uscc: string;
  region_code: string;
  priorFailure: boolean;
  expiredCertification: boolean;
  noStandard: boolean;
}

/**
 * Operating enterprises of the archive that make a product of the category (optionally in one
 * county), in id order, with the risk facts the weights read.
 */
export async function drawCandidates(
  db: Kysely<Database>,
  categoryCode: string,
  regionCode: string | null,
  dates: { today: string; failuresSince: string },
): Promise<DrawCandidateRow[]> {
  let q = db
    .selectFrom('enterprises as e')
    .select(['e.id', 'e.name', 'e.uscc', 'e.region_code'])
    .select((eb) => [
      eb
        .exists(
          eb
            .selectFrom('inspections as i')
            .select('i.id')
            .whereRef('i.producer_enterprise_id', '=', 'e.id')
            .where('i.final_verdict', '=', 'unqualified')
            .where('i.sampled_on', '>=', dates.failuresSince),
        )
        .as('prior_failure'),
      eb
        .exists(
          eb
            .selectFrom('certifications as c')
            .select('c.id')
            .whereRef('c.enterprise_id', '=', 'e.id')
            .where('c.deleted_at', 'is', null)
            .where('c.expires_on', '<', dates.today),
        )
        .as('expired_certification'),
      eb
        .exists(
          eb
            .selectFrom('products as p')
            .select('p.id')
            .whereRef('p.enterprise_id', '=', 'e.id')
            .where('p.category_code', '=', categoryCode)
            .where('p.deleted_at', 'is', null)
            .where((w) =>
              w.or([
                w('p.made_to_standard', '=', bool(false)),
                w.not(
                  w.exists(
                    w
                      .selectFrom('product_standards as s')
                      .select('s.id')
                      .whereRef('s.product_id', '=', 'p.id')
                      .where('s.deleted_at', 'is', null),
                  ),
                ),
              ]),
            ),
        )
        .as('no_standard'),
    ])
    .where('e.deleted_at', 'is', null)
    .where('e.status', '=', 'operating')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('products as p')
          .select('p.id')
          .whereRef('p.enterprise_id', '=', 'e.id')
          .where('p.category_code', '=', categoryCode)
          .where('p.deleted_at', 'is', null),
      ),
    );
  if (regionCode) q = q.where('e.region_code', '=', regionCode);
  const rows = await q.orderBy('e.id').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    uscc: r.uscc,
    region_code: r.region_code,
    priorFailure: toBool(r.prior_failure),
    expiredCertification: toBool(r.expired_certification),
    noStandard: toBool(r.no_standard),
  }));
}

/** Producers checked for a category since a date, with the level and department of the check. */
export async function recentChecksOfCategory(db: Kysely<Database>, categoryCode: string, since: string) {
  return db
    .selectFrom('inspections as i')
    .innerJoin('inspection_plans as p', 'p.id', 'i.plan_id')
    .select(['i.producer_enterprise_id', 'i.sampled_on', 'p.level', 'p.department_code'])
    .where('i.category_code', '=', categoryCode)
    .where('i.sampled_on', '>=', since)
    .where('i.state', '!=', 'refused')
    .where('i.producer_enterprise_id', 'is not', null)
    .execute();
}

/** Active officers who may be drawn as inspectors: the county's for a county plan, the city's otherwise. */
export async function inspectorPool(db: Kysely<Database>, regionCode: string | null) {
  let q = db.selectFrom('users').select(['id', 'display_name']).where('disabled', '=', bool(false));
  q = regionCode ? q.where('role', '=', 'county_officer').where('region_code', '=', regionCode) : q.where('role', '=', 'city_officer');
  return q.orderBy('id').execute();
}

export type DrawRow = Selectable<InspectionDrawTable> & { created_by_name: string | null; drawn_by_name: string | null };

function drawsWithNames(db: Kysely<Database>) {
  return db
    .selectFrom('inspection_draws as d')
    .leftJoin('users as c', 'c.id', 'd.created_by')
    .leftJoin('users as r', 'r.id', 'd.drawn_by')
    .selectAll('d')
    .select(['c.display_name as created_by_name', 'r.display_name as drawn_by_name']);
}

/** Every draw of a plan, oldest first: none is ever deleted. */
export async function listDraws(db: Kysely<Database>, planId: string): Promise<DrawRow[]> {
  return drawsWithNames(db).where('d.plan_id', '=', planId).orderBy('d.created_at').orderBy('d.id').execute();
}

export async function findDraw(db: Kysely<Database>, id: string): Promise<DrawRow | undefined> {
  return drawsWithNames(db).where('d.id', '=', id).executeTakeFirst();
}

/** How many draws a plan's category has had (the last round). */
export async function lastRound(db: Kysely<Database>, planId: string, categoryCode: string): Promise<number> {
  const row = await db
    .selectFrom('inspection_draws')
    .select((eb) => eb.fn.max('round').as('n'))
    .where('plan_id', '=', planId)
    .where('category_code', '=', categoryCode)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertDraw(db: Kysely<Database>, row: Insertable<InspectionDrawTable>): Promise<void> {
  await db.insertInto('inspection_draws').values(row).execute();
}

/** Reveals a committed draw once: false when it was already revealed. */
export async function revealDraw(db: Kysely<Database>, id: string, result: string, by: string | null, at: string): Promise<boolean> {
  const res = await db
    .updateTable('inspection_draws')
    .set({ result, drawn_by: by, drawn_at: at })
    .where('id', '=', id)
    .where('drawn_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
