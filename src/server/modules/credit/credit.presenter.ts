import type { CreditListing } from '../../../contract/schemas/credit';
import type { Actor } from '../../authz/actor';
import { creditListingAbilities, inForceOn } from './credit.policy';
import type { CreditListingRecord } from './credit.repository';

/** An entry as the API sends it; `today` decides `inForce`. */
export function presentCreditListing(actor: Actor, rec: CreditListingRecord, today: string): CreditListing {
  return {
    id: rec.id,
    enterpriseId: rec.enterpriseId,
    list: rec.list,
    authority: rec.authority,
    decisionNo: rec.decisionNo,
    reason: rec.reason,
    listedOn: rec.listedOn,
    removedOn: rec.removedOn,
    removalReason: rec.removalReason,
    removalNote: rec.removalNote,
    inForce: inForceOn(rec, today),
    version: rec.version,
    updatedAt: rec.updatedAt,
    abilities: creditListingAbilities(actor, rec),
  };
}

/** The entry as the audit log keeps it: the record's fields, without what depends on the reader or the day. */
export function auditedCreditListing(rec: CreditListingRecord) {
  return {
    id: rec.id,
    enterpriseId: rec.enterpriseId,
    list: rec.list,
    authority: rec.authority,
    decisionNo: rec.decisionNo,
    reason: rec.reason,
    listedOn: rec.listedOn,
    removedOn: rec.removedOn,
    removalReason: rec.removalReason,
    removalNote: rec.removalNote,
    version: rec.version,
    updatedAt: rec.updatedAt,
  };
}
