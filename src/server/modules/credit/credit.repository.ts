import type { Selectable } from 'kysely';
import type { CreditList, CreditListing } from '../../../contract/schemas/credit';
import type { Db } from '../../db/database';
import type { EnterpriseScope } from '../enterprises/enterprises.repository';
import type { CreditListEntryTable } from './credit.table';
import { whereInRegions } from '../../authz/region-scope';

/** An entry on the 经营异常名录 or the 严重违法失信名单, as the service sees it. */
export interface CreditListingRecord {
  id: string;
  enterpriseId: string;
  regionCode: string;
  list: CreditList;
  authority: string;
  decisionNo: string;
  reason: string;
  listedOn: string;
  removedOn: string | null;
  removalReason: CreditListing['removalReason'];
  removalNote: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

/** The removal of an entry: what changes on the record. */
export type CreditListingRemoval = Pick<CreditListingRecord, 'removedOn' | 'removalReason' | 'removalNote' | 'updatedAt'>;

type Row = Selectable<CreditListEntryTable>;

function fromRow(row: Row): CreditListingRecord {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    regionCode: row.region_code,
    list: row.list as CreditList,
    authority: row.authority,
    decisionNo: row.decision_no,
    reason: row.reason,
    listedOn: row.listed_on,
    removedOn: row.removed_on,
    removalReason: row.removal_reason as CreditListing['removalReason'],
    removalNote: row.removal_note,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by,
  };
}

/** Entries whose enterprise is in the scope and not deleted: outside it an entry does not exist for the actor. */
function scoped(db: Db, scope: EnterpriseScope) {
  let q = db
    .selectFrom('credit_list_entries')
    .innerJoin('enterprises', 'enterprises.id', 'credit_list_entries.enterprise_id')
    .selectAll('credit_list_entries')
    .where('enterprises.deleted_at', 'is', null);
  q = whereInRegions(q, 'enterprises.region_code', scope.regions);
  if (scope.enterpriseId) q = q.where('enterprises.id', '=', scope.enterpriseId);
  return q;
}

export async function findCreditListing(db: Db, id: string, scope: EnterpriseScope): Promise<CreditListingRecord | undefined> {
  const row = await scoped(db, scope).where('credit_list_entries.id', '=', id).executeTakeFirst();
  return row && fromRow(row);
}

/** An enterprise's entries, latest listing first. */
export async function listCreditListings(db: Db, enterpriseId: string, scope: EnterpriseScope): Promise<CreditListingRecord[]> {
  const rows = await scoped(db, scope)
    .where('credit_list_entries.enterprise_id', '=', enterpriseId)
    .orderBy('credit_list_entries.listed_on', 'desc')
    .orderBy('credit_list_entries.id')
    .execute();
  return rows.map(fromRow);
}

export async function insertCreditListing(db: Db, rec: CreditListingRecord): Promise<void> {
  await db
    .insertInto('credit_list_entries')
    .values({
      id: rec.id,
      enterprise_id: rec.enterpriseId,
      region_code: rec.regionCode,
      list: rec.list,
      authority: rec.authority,
      decision_no: rec.decisionNo,
      reason: rec.reason,
      listed_on: rec.listedOn,
      removed_on: rec.removedOn,
      removal_reason: rec.removalReason,
      removal_note: rec.removalNote,
      version: rec.version,
      created_at: rec.createdAt,
      updated_at: rec.updatedAt,
      created_by: rec.createdBy,
    })
    .execute();
}

/** Records the removal if the entry is still at `version`; false when another write came first. */
export async function updateCreditListingRemoval(db: Db, id: string, version: number, removal: CreditListingRemoval): Promise<boolean> {
  const updated = await db
    .updateTable('credit_list_entries')
    .set({
      removed_on: removal.removedOn,
      removal_reason: removal.removalReason,
      removal_note: removal.removalNote,
      updated_at: removal.updatedAt,
      version: version + 1,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/**
 * The lists an enterprise is on as of a day: what bars it from honours and awards
 * (企业信息公示暂行条例 art. 18).
 */
export async function listsInForce(db: Db, enterpriseId: string, on: string): Promise<CreditList[]> {
  const rows = await db
    .selectFrom('credit_list_entries')
    .select('list')
    .distinct()
    .where('enterprise_id', '=', enterpriseId)
    .where('listed_on', '<=', on)
    .where((eb) => eb.or([eb('removed_on', 'is', null), eb('removed_on', '>', on)]))
    .execute();
  return rows.map((r) => r.list as CreditList).sort();
}
