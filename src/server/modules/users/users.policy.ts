import type { Actor } from '../../authz/actor';
import type { UserRow, UserScope } from './users.repository';
import { registersTestingBodies } from '../inspections/inspections.policy';

const isAdmin = (actor: Actor) => actor.role === 'admin';

/** A county officer sees the accounts of their own county (and the regions below it); the city sees all. */
export function userScope(actor: Actor): UserScope {
  return { regions: actor.regions };
}

/** The signed-in user's abilities beyond single records (Me.abilities). */
export function sessionAbilities(actor: Actor) {
  return { cityWide: actor.regions === null && actor.enterpriseId === null, registerTestingBodies: registersTestingBodies(actor) };
}

export function userAbilities(actor: Actor, _row: UserRow) {
  return { update: isAdmin(actor), resetPassword: isAdmin(actor) };
}
