import type { Static } from 'typebox';
import type { CreateCreditListing, RemoveCreditListing } from '../../../contract/schemas/credit';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { today } from '../../lib/dates';
import { uuidv7 } from '../../lib/ids';
import { recordAudit } from '../audit/audit.service';
import { enterpriseScope, mayEditInRegion } from '../enterprises/enterprises.policy';
import { editableEnterprise } from '../enterprises/enterprises.service';
import { findEnterprise } from '../enterprises/enterprises.repository';
import { auditedCreditListing, presentCreditListing } from './credit.presenter';
import {
  findCreditListing,
  insertCreditListing,
  listCreditListings,
  updateCreditListingRemoval,
  type CreditListingRecord,
} from './credit.repository';

/** Entries on the 经营异常名录 and 严重违法失信名单 of an enterprise: list, record a listing, record a removal. */
export function creditListingService(ctx: AppContext) {
  const { db } = ctx;

  return {
    async list(actor: Actor, enterpriseId: string) {
      const scope = enterpriseScope(actor);
      if (!(await findEnterprise(db, enterpriseId, scope))) throw new AppError('not_found');
      const now = today();
      return { items: (await listCreditListings(db, enterpriseId, scope)).map((r) => presentCreditListing(actor, r, now)) };
    },

    async create(actor: Actor, enterpriseId: string, input: Static<typeof CreateCreditListing>) {
      const now = today();
      if (input.listedOn > now) throw new AppError('validation_failed', [{ path: 'body/listedOn', message: '列入日期不能晚于今天' }]);
      return db.transaction().execute(async (trx) => {
        const enterprise = await editableEnterprise(trx, actor, enterpriseId);
        const stamp = new Date().toISOString();
        const rec: CreditListingRecord = {
          id: uuidv7(),
          enterpriseId: enterprise.id,
          regionCode: enterprise.region_code,
          list: input.list,
          authority: input.authority.trim(),
          decisionNo: input.decisionNo?.trim() ?? '',
          reason: input.reason.trim(),
          listedOn: input.listedOn,
          removedOn: null,
          removalReason: null,
          removalNote: '',
          version: 1,
          createdAt: stamp,
          updatedAt: stamp,
          createdBy: actor.id,
        };
        await insertCreditListing(trx, rec);
        await recordAudit(trx, actor, 'credit_listing.create', { type: 'enterprise', id: enterprise.id }, null, auditedCreditListing(rec));
        return presentCreditListing(actor, rec, now);
      });
    },

    /** Removal (移出) with its ground; the entry stays on record. */
    async remove(actor: Actor, id: string, input: Static<typeof RemoveCreditListing>) {
      const now = today();
      if (input.on > now) throw new AppError('validation_failed', [{ path: 'body/on', message: '移出日期不能晚于今天' }]);
      return db.transaction().execute(async (trx) => {
        const before = await findCreditListing(trx, id, enterpriseScope(actor));
        if (!before) throw new AppError('not_found');
        if (!mayEditInRegion(actor, before.regionCode)) throw new AppError('out_of_scope');
        if (before.removedOn) throw new AppError('listing_removed');
        if (input.on < before.listedOn) throw new AppError('validation_failed', [{ path: 'body/on', message: '移出日期不能早于列入日期' }]);
        const removal = {
          removedOn: input.on,
          removalReason: input.reason,
          removalNote: input.note?.trim() ?? '',
          updatedAt: new Date().toISOString(),
        };
        if (!(await updateCreditListingRemoval(trx, id, input.version, removal))) throw new AppError('stale_version');
        const after = { ...before, ...removal, version: before.version + 1 };
        await recordAudit(
          trx,
          actor,
          'credit_listing.remove',
          { type: 'enterprise', id: before.enterpriseId },
          auditedCreditListing(before),
          auditedCreditListing(after),
        );
        return presentCreditListing(actor, after, now);
      });
    },
  };
}
export type CreditListingService = ReturnType<typeof creditListingService>;
