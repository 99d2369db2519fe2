import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import type { EnterpriseScope } from './enterprises.repository';
import { whereInRegions } from '../../authz/region-scope';

export interface WorkbenchCounts {
  enterprises: number;
  products: number;
  certificationsExpiring: number;
  licencesRenewalDue: number;
}

/**
 * The workbench figures for a scope: live enterprises and products, valid certifications that
 * expire between today and `certificatesBy`, valid licences that expire between today and `licencesBy`.
 */
export async function workbenchCounts(
  db: Kysely<Database>,
  scope: EnterpriseScope,
  dates: { today: string; certificatesBy: string; licencesBy: string },
): Promise<WorkbenchCounts> {
  const live = () => {
    let q = db.selectFrom('enterprises as e').where('e.deleted_at', 'is', null);
    q = whereInRegions(q, 'e.region_code', scope.regions);
    if (scope.enterpriseId) q = q.where('e.id', '=', scope.enterpriseId);
    return q;
  };
  const n = (row: { n: string | number | bigint } | undefined) => Number(row?.n ?? 0);
  const enterprises = await live()
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  const products = await live()
    .innerJoin('products as p', 'p.enterprise_id', 'e.id')
    .where('p.deleted_at', 'is', null)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  const certificationsExpiring = await live()
    .innerJoin('certifications as c', 'c.enterprise_id', 'e.id')
    .where('c.deleted_at', 'is', null)
    .where('c.status', '=', 'valid')
    .where('c.expires_on', '>=', dates.today)
    .where('c.expires_on', '<=', dates.certificatesBy)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  const licencesRenewalDue = await live()
    .innerJoin('licences as l', 'l.enterprise_id', 'e.id')
    .where('l.deleted_at', 'is', null)
    .where('l.status', '=', 'valid')
    .where('l.expires_on', '>=', dates.today)
    .where('l.expires_on', '<=', dates.licencesBy)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return {
    enterprises: n(enterprises),
    products: n(products),
    certificationsExpiring: n(certificationsExpiring),
    licencesRenewalDue: n(licencesRenewalDue),
  };
}
