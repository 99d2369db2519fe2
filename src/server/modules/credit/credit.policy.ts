import type { Actor } from '../../authz/actor';
import { mayEditInRegion } from '../enterprises/enterprises.policy';
import type { CreditListingRecord } from './credit.repository';

/** Whether the entry is on its list on a day: listed by then and not yet removed. */
export const inForceOn = (rec: Pick<CreditListingRecord, 'listedOn' | 'removedOn'>, on: string): boolean =>
  rec.listedOn <= on && (rec.removedOn === null || rec.removedOn > on);

/** What the actor may do with an entry: remove it while it is on its list, in a region they edit. */
export function creditListingAbilities(actor: Actor, rec: CreditListingRecord) {
  return { remove: rec.removedOn === null && mayEditInRegion(actor, rec.regionCode) };
}
