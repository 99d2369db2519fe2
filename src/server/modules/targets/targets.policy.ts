import { can } from '../../../contract/permissions';
import type { ReportedValue } from '../../../contract/schemas/targets';
import type { Actor } from '../../authz/actor';
import type { ReportedScope } from './reported.repository';

/** A county officer sees their county; others the scope they ask for. */
export const regionFor = (actor: Actor, asked?: string) => (actor.role === 'county_officer' ? (actor.regionCode ?? '-') : asked);

/** Which figures the actor sees: a reporter their department's, a county officer their county's, the office all. */
export function reportedScope(actor: Actor): ReportedScope {
  if (actor.role === 'department_reporter') return { departmentCode: actor.departmentCode ?? '-' };
  if (actor.regions) return { regions: actor.regions };
  return {};
}

/** Who enters and submits a department's figures: its reporters, and the administrator. */
export const mayReport = (actor: Actor, departmentCode: string) =>
  actor.role === 'admin' || (actor.role === 'department_reporter' && actor.departmentCode === departmentCode);

/** The office reviews figures: whoever holds `target.write`. */
const mayReview = (actor: Actor) => actor.role !== 'system' && can(actor.role, 'target.write');

type Status = ReportedValue['status'];
/** A figure not yet entered, a draft or a returned one may be (re-)entered; a submitted or approved one is locked. */
const open = (status: Status | null) => status === null || status === 'draft' || status === 'returned';

/**
 * What the actor may do with a figure of a department (status null: none entered yet): enter or
 * correct it and submit it (its department's reporters), approve or return a submitted one, unlock
 * an approved one (the office). Four eyes is checked when deciding, against the figure's history.
 */
export function reportedValueAbilities(actor: Actor, figure: { departmentCode: string; status: Status | null }) {
  const reporter = mayReport(actor, figure.departmentCode);
  const review = mayReview(actor);
  return {
    edit: reporter && open(figure.status),
    submit: reporter && figure.status !== null && open(figure.status),
    approve: review && figure.status === 'submitted',
    return: review && figure.status === 'submitted',
    unlock: review && figure.status === 'approved',
  };
}
