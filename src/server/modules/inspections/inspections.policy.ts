import { can, type Permission } from '../../../contract/permissions';
import type { Actor } from '../../authz/actor';
import { AppError } from '../../errors';
import type { CaseScope, PlanScope } from './inspections.repository';
import { ALLOWED, type CaseState } from './workflow';

const LEVEL_RANK: Record<string, number> = { national: 4, provincial: 3, city: 2, county: 1 };

/**
 * SAMR Order No. 18: an earlier check of the same product within 6 months forbids this one when
 * it was by the same department, or by a higher level.
 */
export const repeatForbidden = (earlier: { department_code: string; level: string }, plan: { department_code: string; level: string }) =>
  earlier.department_code === plan.department_code || LEVEL_RANK[earlier.level]! > LEVEL_RANK[plan.level]!;

/** A county officer works on their county's cases; city roles on all. */
export const caseScope = (actor: Actor): CaseScope => (actor.regions ? { regions: actor.regions } : {});

type PlanFacts = { level: string; region_code: string };

/** Whether the actor organises a plan (draws, publishes, numbers its notice): a county officer only their own county's plans. */
export const organises = (actor: Actor, plan: PlanFacts) =>
  actor.role !== 'county_officer' || (plan.level === 'county' && plan.region_code === actor.regionCode);

export function assertOrganiser(actor: Actor, plan: PlanFacts): void {
  if (!organises(actor, plan)) throw new AppError('out_of_scope');
}

/** The system (CLI, demo data) may do anything; a user what their role's permissions allow. */
const may = (actor: Actor, permission: Permission) => actor.role === 'system' || can(actor.role, permission);

/** What the actor may do with a plan, for the console to show or hide its actions. */
export function planAbilities(actor: Actor, plan: PlanFacts) {
  const organiser = may(actor, 'inspection.write') && organises(actor, plan);
  return { draw: organiser, publish: organiser, issueNumber: organiser, importResults: organiser && may(actor, 'inspection.import') };
}

/** Testing bodies are registered by the city (admin, city officers). */
export const registersTestingBodies = (actor: Actor) => actor.role === 'admin' || actor.role === 'city_officer' || actor.role === 'system';

/** The plans listed to an actor (see seesPlan). */
export const planScope = (actor: Actor): PlanScope => (actor.role === 'county_officer' ? { countyCode: actor.regionCode ?? '-' } : {});

/** The workflow actions the actor may take on a case in this state: the leading group only reads. */
export const caseActions = (actor: Actor, state: string): string[] =>
  actor.role === 'leading_group' ? [] : [...(ALLOWED[state as CaseState] ?? [])];

/** Which plans an actor sees: a county officer the plans above the county and their own county's, city roles all. */
export const seesPlan = (actor: Actor, plan: { level: string; region_code: string }) =>
  actor.role !== 'county_officer' || plan.level !== 'county' || plan.region_code === actor.regionCode;

/** An enterprise user responds to its own published results. */
export const respondsToResults = (actor: Actor) => actor.role !== 'system' && can(actor.role, 'inspection.respond');
/** Officers read the responses of the cases in their scope. */
export const readsResponses = (actor: Actor) => may(actor, 'inspection.read');

/** What the actor may do with a published case's response: write it (its enterprise, on an unqualified result), or decide it once submitted. */
export function responseAbilities(actor: Actor, c: { final_verdict: string | null }, response: { status: string } | undefined) {
  return {
    respond: respondsToResults(actor) && c.final_verdict === 'unqualified',
    decide: may(actor, 'inspection.write') && response?.status === 'submitted',
  };
}
