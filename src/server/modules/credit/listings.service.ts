import type { Kysely, Selectable } from 'kysely';
import type { Static } from 'typebox';
import type { CreateCreditListing, CreditList, CreditListing, RemoveCreditListing } from '../../../contract/schemas/credit';
import { systemActor, type Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import type { Database } from '../../db/database';
import { AppError } from '../../errors';
import { today } from '../../lib/dates';
import { uuidv7 } from '../../lib/ids';
import { recordAudit } from '../audit/audit.service';
import { enterpriseScope, mayEditInRegion } from '../enterprises/enterprises.policy';
import { editableEnterprise } from '../enterprises/enterprises.service';
import { findEnterprise } from '../enterprises/enterprises.repository';
import type { CreditListEntryTable } from './credit.table';

type Row = Selectable<CreditListEntryTable>;

const inForceOn = (row: Pick<Row, 'listed_on' | 'removed_on'>, on: string) => row.listed_on <= on && (row.removed_on === null || row.removed_on > on);

function present(actor: Actor, row: Row, now: string): CreditListing {
  return {
    id: row.id, enterpriseId: row.enterprise_id, list: row.list as CreditList, authority: row.authority, decisionNo: row.decision_no, reason: row.reason, listedOn: row.listed_on,
    removedOn: row.removed_on, removalReason: row.removal_reason as CreditListing['removalReason'], removalNote: row.removal_note, inForce: inForceOn(row, now),
    version: row.version, updatedAt: row.updated_at, abilities: { remove: row.removed_on === null && mayEditInRegion(actor, row.region_code) },
  };
}
const audited = (row: Row) => {
  const { abilities: _a, inForce: _i, ...rest } = present(systemActor('system'), row, today());
  return rest;
};

/**
 * The lists an enterprise is on as of a day: what bars it from honours and awards
 * (企业信息公示暂行条例 art. 18).
 */
export async function listsInForce(db: Kysely<Database>, enterpriseId: string, on: string): Promise<CreditList[]> {
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

/** Entries on the 经营异常名录 and 严重违法失信名单, kept on the enterprise until the credit module takes them over. */
export function creditListingService(ctx: AppContext) {
  const { db } = ctx;

  async function load(trx: Kysely<Database>, actor: Actor, id: string): Promise<Row> {
    const row = await trx.selectFrom('credit_list_entries').selectAll().where('id', '=', id).executeTakeFirst();
    // Outside the actor's archive the entry does not exist for them.
    if (!row || !(await findEnterprise(trx, row.enterprise_id, enterpriseScope(actor)))) throw new AppError('not_found');
    return row;
  }

  return {
    async list(actor: Actor, enterpriseId: string) {
      if (!(await findEnterprise(db, enterpriseId, enterpriseScope(actor)))) throw new AppError('not_found');
      const rows = await db.selectFrom('credit_list_entries').selectAll().where('enterprise_id', '=', enterpriseId).orderBy('listed_on', 'desc').orderBy('id').execute();
      const now = today();
      return { items: rows.map((r) => present(actor, r, now)) };
    },

    async create(actor: Actor, enterpriseId: string, input: Static<typeof CreateCreditListing>) {
      const now = today();
      if (input.listedOn > now) throw new AppError('validation_failed', [{ path: 'body/listedOn', message: '列入日期不能晚于今天' }]);
      return db.transaction().execute(async (trx) => {
        const enterprise = await editableEnterprise(trx, actor, enterpriseId);
        const stamp = new Date().toISOString();
        const row: Row = {
          id: uuidv7(), enterprise_id: enterprise.id, region_code: enterprise.region_code, list: input.list, authority: input.authority.trim(), decision_no: input.decisionNo?.trim() ?? '',
          reason: input.reason.trim(), listed_on: input.listedOn, removed_on: null, removal_reason: null, removal_note: '', version: 1, created_at: stamp, updated_at: stamp, created_by: actor.id,
        };
        await trx.insertInto('credit_list_entries').values(row).execute();
        await recordAudit(trx, actor, 'credit_listing.create', { type: 'enterprise', id: enterprise.id }, null, audited(row));
        return present(actor, row, now);
      });
    },

    /** Removal (移出) with its ground; the entry stays on record. */
    async remove(actor: Actor, id: string, input: Static<typeof RemoveCreditListing>) {
      const now = today();
      if (input.on > now) throw new AppError('validation_failed', [{ path: 'body/on', message: '移出日期不能晚于今天' }]);
      return db.transaction().execute(async (trx) => {
        const before = await load(trx, actor, id);
        if (!mayEditInRegion(actor, before.region_code)) throw new AppError('out_of_scope');
        if (before.removed_on) throw new AppError('listing_removed');
        if (input.on < before.listed_on) throw new AppError('validation_failed', [{ path: 'body/on', message: '移出日期不能早于列入日期' }]);
        const changes = { removed_on: input.on, removal_reason: input.reason, removal_note: input.note?.trim() ?? '', version: before.version + 1, updated_at: new Date().toISOString() };
        const updated = await trx.updateTable('credit_list_entries').set(changes).where('id', '=', id).where('version', '=', input.version).executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) throw new AppError('stale_version');
        const after = { ...before, ...changes };
        await recordAudit(trx, actor, 'credit_listing.remove', { type: 'enterprise', id: before.enterprise_id }, audited(before), audited(after));
        return present(actor, after, now);
      });
    },
  };
}
export type CreditListingService = ReturnType<typeof creditListingService>;
