import type { Actor } from '../../authz/actor';
import type { EnterpriseScope } from './enterprises.repository';
import { reaches } from '../../authz/region-scope';

/** A county officer's archive is their county and the regions below it; an enterprise user's is their enterprise. */
export function enterpriseScope(actor: Actor): EnterpriseScope {
  if (actor.regions) return { regions: actor.regions };
  if (actor.role === 'enterprise_user') return { enterpriseId: actor.enterpriseId ?? '-' };
  return {};
}

const EDITORS = new Set(['admin', 'city_officer', 'county_officer', 'system']);

/** Whether the actor may create, edit or delete archive records of an enterprise in this region. */
export function mayEditInRegion(actor: Actor, regionCode: string): boolean {
  if (!EDITORS.has(actor.role)) return false;
  return reaches(actor, regionCode);
}

/** What the actor may do with an enterprise's record. */
export function enterpriseAbilities(actor: Actor, row: { region_code: string }) {
  const edit = mayEditInRegion(actor, row.region_code);
  return { update: edit, delete: edit };
}

/** What the actor may do with a proposal: decide it while pending, as an editor of its enterprise's region. */
export function proposalAbilities(actor: Actor, proposal: { status: string }, regionCode: string) {
  return { decide: proposal.status === 'pending' && mayEditInRegion(actor, regionCode) };
}
