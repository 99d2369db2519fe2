import type { Actor } from '../../authz/actor';
import { AppError } from '../../errors';

/** A county officer works on their county's honours, cultivations and rewards; city roles on all. */
export const countyOf = (actor: Actor): string | undefined => (actor.role === 'county_officer' ? (actor.regionCode ?? '-') : undefined);

/** The city's decisions (reward rules, key-project selection, the flagship list): 403 for a county officer. */
export function cityOnly(actor: Actor): void {
  if (countyOf(actor) !== undefined) throw new AppError('forbidden');
}
