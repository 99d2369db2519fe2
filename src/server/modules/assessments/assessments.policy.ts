import { can } from '../../../contract/permissions';
import type { Actor } from '../../authz/actor';

/** The office sets schemes, reviews counties and records decisions: whoever holds `target.write`. */
const isOffice = (actor: Actor) => actor.role !== 'system' && can(actor.role, 'target.write');

/** A county officer reads their own county's assessment only (null: every county). */
export const countyRegionScope = (actor: Actor): readonly string[] | null => actor.regions;

/** Who files a county's targets and assesses it: that county's officer, or the administrator. */
export const actsForCounty = (actor: Actor, county: { region_code: string }) =>
  actor.role === 'admin' || (actor.role === 'county_officer' && actor.regionCode === county.region_code);

/** What the actor may do with a scheme: edit and open a draft, finalise an open one (the office). */
export function schemeAbilities(actor: Actor, scheme: { status: string }) {
  const office = isOffice(actor);
  return {
    edit: office && scheme.status === 'draft',
    open: office && scheme.status === 'draft',
    finalise: office && scheme.status === 'open',
  };
}

/**
 * What the actor may do with a county's assessment while its scheme runs: file the targets
 * (open), assess itself (filed) — the county's side; review it until it is final once filed,
 * and record the decision on a final one — the office's side.
 */
export function countyAbilities(actor: Actor, county: { region_code: string; status: string }) {
  const own = actsForCounty(actor, county);
  const office = isOffice(actor);
  return {
    file: own && county.status === 'open',
    selfAssess: own && county.status === 'filed',
    review: office && ['filed', 'self_assessed', 'reviewed'].includes(county.status),
    decide: office && county.status === 'final',
  };
}
