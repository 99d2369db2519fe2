import type { Actor } from '../../authz/actor';
import { AppError } from '../../errors';
import type { CaseScope } from './inspections.repository';

/** Chenzhou: the organising area of every plan above county level. */
export const CITY = '431000';

const LEVEL_RANK: Record<string, number> = { national: 4, provincial: 3, city: 2, county: 1 };

/**
 * SAMR Order No. 18: an earlier check of the same product within 6 months forbids this one when
 * it was by the same department, or by a higher level.
 */
export const repeatForbidden = (earlier: { department_code: string; level: string }, plan: { department_code: string; level: string }) =>
  earlier.department_code === plan.department_code || LEVEL_RANK[earlier.level]! > LEVEL_RANK[plan.level]!;

/** A county officer works on their county's cases; city roles on all. */
export const caseScope = (actor: Actor): CaseScope => (actor.role === 'county_officer' ? { regionCode: actor.regionCode ?? '-' } : {});

/** The organiser draws and publishes: a county officer only for their own county's plans. */
export function assertOrganiser(actor: Actor, plan: { level: string; region_code: string }): void {
  if (actor.role === 'county_officer' && (plan.level !== 'county' || plan.region_code !== actor.regionCode)) throw new AppError('out_of_scope');
}

/** Which plans an actor sees: a county officer the plans above the county and their own county's, city roles all. */
export const seesPlan = (actor: Actor, plan: { level: string; region_code: string }) =>
  actor.role !== 'county_officer' || plan.level !== 'county' || plan.region_code === actor.regionCode;
