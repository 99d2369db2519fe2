import type { Kysely } from 'kysely';
import type { Actor } from '../../authz/actor';
import type { Database } from '../../db/database';
import { AppError } from '../../errors';
import { findEnterprise, type EnterpriseRow, type EnterpriseScope } from './enterprises.repository';

/** A county officer's archive is their county; an enterprise user's is their enterprise. */
export function enterpriseScope(actor: Actor): EnterpriseScope {
  if (actor.role === 'county_officer') return { regionCode: actor.regionCode ?? '-' };
  if (actor.role === 'enterprise_user') return { enterpriseId: actor.enterpriseId ?? '-' };
  return {};
}

const EDITORS = new Set(['admin', 'city_officer', 'county_officer', 'system']);

/** Whether the actor may create, edit or delete archive records of an enterprise in this region. */
export function mayEditInRegion(actor: Actor, regionCode: string): boolean {
  if (!EDITORS.has(actor.role)) return false;
  return actor.role !== 'county_officer' || actor.regionCode === regionCode;
}

export function enterpriseAbilities(actor: Actor, row: EnterpriseRow) {
  const edit = mayEditInRegion(actor, row.region_code);
  return { update: edit, delete: edit };
}

/** An enterprise the actor may record work for (honours, listings, projects): 404 outside their scope, 403 when they may not edit it. */
export async function editableEnterprise(db: Kysely<Database>, actor: Actor, id: string) {
  const enterprise = await findEnterprise(db, id, enterpriseScope(actor));
  if (!enterprise) throw new AppError('not_found');
  if (!mayEditInRegion(actor, enterprise.region_code)) throw new AppError('out_of_scope');
  return enterprise;
}
