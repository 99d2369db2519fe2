import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { bool, toBool } from '../../db/portable';

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
        .exists(eb.selectFrom('inspections as i').select('i.id').whereRef('i.producer_enterprise_id', '=', 'e.id').where('i.final_verdict', '=', 'unqualified').where('i.sampled_on', '>=', dates.failuresSince))
        .as('prior_failure'),
      eb
        .exists(eb.selectFrom('certifications as c').select('c.id').whereRef('c.enterprise_id', '=', 'e.id').where('c.deleted_at', 'is', null).where('c.expires_on', '<', dates.today))
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
                w.not(w.exists(w.selectFrom('product_standards as s').select('s.id').whereRef('s.product_id', '=', 'p.id').where('s.deleted_at', 'is', null))),
              ]),
            ),
        )
        .as('no_standard'),
    ])
    .where('e.deleted_at', 'is', null)
    .where('e.status', '=', 'operating')
    .where((eb) => eb.exists(eb.selectFrom('products as p').select('p.id').whereRef('p.enterprise_id', '=', 'e.id').where('p.category_code', '=', categoryCode).where('p.deleted_at', 'is', null)));
  if (regionCode) q = q.where('e.region_code', '=', regionCode);
  const rows = await q.orderBy('e.id').execute();
  return rows.map((r) => ({
    id: r.id, name: r.name, uscc: r.uscc, region_code: r.region_code,
    priorFailure: toBool(r.prior_failure), expiredCertification: toBool(r.expired_certification), noStandard: toBool(r.no_standard),
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
