import type { Actor } from '../../authz/actor';
import type { UserRow, UserScope } from './users.repository';

const isAdmin = (actor: Actor) => actor.role === 'admin';

/** A county officer sees the accounts of their own county (and the regions below it); the city sees all. */
export function userScope(actor: Actor): UserScope {
  return { regions: actor.regions };
}

export function userAbilities(actor: Actor, _row: UserRow) {
  return { update: isAdmin(actor), resetPassword: isAdmin(actor) };
}
