import type { Static } from 'typebox';
import type { GrantHonour, Honour, HonourListQuery, ReviewHonour, RevokeHonour } from '../../../contract/schemas/brands';
import { systemActor, type Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import type { Db } from '../../db/database';
import { toBool } from '../../db/portable';
import { AppError } from '../../errors';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { addDays, today } from '../../lib/dates';
import { uuidv7 } from '../../lib/ids';
import { recordAudit } from '../audit/audit.service';
import { mayEditInRegion } from '../enterprises/enterprises.policy';
import { editableEnterprise } from '../enterprises/enterprises.service';
import { reachOf } from './brands.policy';
import { activeProgramme, findProgramme, grantWithinBar, ownProducts } from './brands.repository';
import {
  brandFlagChanges,
  findHonour,
  insertHonour,
  insertHonourReview,
  listHonours,
  publicHonours,
  rewardable,
  setBrandFlag,
  updateHonour,
  type HonourRow,
} from './honours.repository';
import { grantRefusal, honourDates, honourStatus, renewedDates } from './validity';
import { listRegions } from '../../authz/region-scope';

/** `mayReward`: a rule applies and no reward exists yet (from `rewardable`). */
function present(actor: Actor, row: HonourRow, now: string, mayReward = false): Honour {
  const status = honourStatus({ validUntil: row.valid_until, revokedOn: row.revoked_on }, { running: toBool(row.programme_running) }, now);
  return {
    id: row.id,
    programmeCode: row.programme_code,
    programme: row.programme_name,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    regionCode: row.region_code,
    productIds: JSON.parse(row.product_ids),
    title: row.title,
    certificateNo: row.certificate_no,
    authority: row.authority,
    caseNo: row.case_no,
    mark: row.mark,
    goodsClass: row.goods_class,
    grantedOn: row.granted_on,
    validUntil: row.valid_until,
    nextReviewOn: row.next_review_on,
    revokedOn: row.revoked_on,
    revokeReason: row.revoke_reason,
    status,
    version: row.version,
    updatedAt: row.updated_at,
    abilities: {
      revoke: status !== 'revoked' && mayEditInRegion(actor, row.region_code),
      review: (status === 'active' || status === 'expired') && row.next_review_on !== null && mayEditInRegion(actor, row.region_code),
      reward: mayReward && status !== 'revoked' && mayEditInRegion(actor, row.region_code),
    },
  };
}
const audited = (row: HonourRow) => {
  const { abilities: _a, ...rest } = present(systemActor('system'), row, today());
  return rest;
};

/**
 * Brings the archive's 名牌产品 flags in line with the register, auditing each change, in the
 * caller's transaction: for an honour's products after its grant or revocation, and for every
 * product twice a day, as honours expire.
 */
export async function syncBrandFlags(db: Db, now = today(), productIds?: readonly string[]): Promise<number> {
  const changes = await brandFlagChanges(db, now, productIds);
  for (const c of changes) {
    await setBrandFlag(db, c.id, c.brand);
    await recordAudit(
      db,
      systemActor('system'),
      'product.brand_flag',
      { type: 'product', id: c.id },
      { brandProduct: !c.brand },
      { brandProduct: c.brand },
    );
  }
  return changes.length;
}

/**
 * Records a grant in the caller's transaction — from the register's form or from a cultivation
 * reaching 认定 — with its computed validity, its audit event and its products' brand flags.
 */
export async function recordGrant(trx: Db, actor: Actor, input: Static<typeof GrantHonour>): Promise<HonourRow> {
  const now = today();
  if (input.grantedOn > now) throw new AppError('validation_failed', [{ path: 'body/grantedOn', message: '认定日期不能晚于今天' }]);
  const programme = await activeProgramme(trx, input.programmeCode);
  const rules = {
    validityYears: programme.validity_years,
    reviewCycleYears: programme.review_cycle_years,
    lastGrantYear: programme.last_grant_year,
    running: toBool(programme.running),
  };
  const refusal = grantRefusal(rules, input.grantedOn);
  if (refusal) throw new AppError('programme_closed', [{ path: 'body/grantedOn', message: refusal }]);
  if (programme.kind === 'trademark_recognition') {
    // A recognition is a case record: who recognised which mark, in which case (商标法 art. 14).
    const missing = (['authority', 'caseNo', 'mark'] as const).filter((f) => !input[f]?.trim());
    if (missing.length)
      throw new AppError(
        'validation_failed',
        missing.map((f) => ({ path: `body/${f}`, message: '驰名商标认定须填写认定机关、案件编号和商标' })),
      );
  }
  const enterprise = await editableEnterprise(trx, actor, input.enterpriseId);
  const barredBy = await grantWithinBar(trx, programme, enterprise.id, input.grantedOn);
  if (barredBy)
    throw new AppError('reapply_barred', [
      { path: 'body/grantedOn', message: `${barredBy} 已获该项目，${programme.reapply_bar_years} 年内不得再次认定` },
    ]);
  const productIds = input.productIds ?? [];
  const products = await ownProducts(trx, enterprise.id, productIds);
  const dates = honourDates(rules, input.grantedOn);
  const stamp = new Date().toISOString();
  const id = uuidv7();
  await insertHonour(
    trx,
    {
      id,
      programmeCode: programme.code,
      enterpriseId: enterprise.id,
      regionCode: enterprise.region_code,
      productIds,
      // Untitled: named after its products, as announcements list them.
      title: input.title?.trim() || products.map((p) => p.name).join('、'),
      certificateNo: input.certificateNo?.trim() ?? '',
      authority: input.authority?.trim() ?? '',
      caseNo: input.caseNo?.trim() ?? '',
      mark: input.mark?.trim() ?? '',
      goodsClass: input.goodsClass?.trim() ?? '',
      grantedOn: input.grantedOn,
      validUntil: dates.validUntil,
      nextReviewOn: dates.nextReviewOn,
    },
    actor.id,
    stamp,
  );
  const created = (await findHonour(trx, id, undefined))!;
  await recordAudit(trx, actor, 'honour.grant', { type: 'honour', id }, null, audited(created));
  await syncBrandFlags(trx, now, productIds);
  return created;
}

/** The honours register (名牌、奖项、认定): grants with computed validity, revocations, the public list. */
export function honourService(ctx: AppContext) {
  const { db } = ctx;
  const presentOne = async (actor: Actor, row: HonourRow, now: string) =>
    present(actor, row, now, (await rewardable(db, [row])).has(row.id));

  async function load(trx: Db, actor: Actor, id: string) {
    const row = await findHonour(trx, id, reachOf(actor));
    if (!row) throw new AppError('not_found');
    return row;
  }

  return {
    async list(actor: Actor, query: Static<typeof HonourListQuery>) {
      const now = today();
      const limit = query.limit ?? 100;
      const after = query.after === undefined ? undefined : (decodeCursor(query.after, 2) as [string, string]);
      const regions = await listRegions(actor, query.regionCode, ctx.regions);
      const rows = await listHonours(
        db,
        {
          ...query,
          regions,
          expiringBy: query.expiringWithinDays ? addDays(now, query.expiringWithinDays) : undefined,
          reviewDueBy: query.reviewDueWithinDays ? addDays(now, query.reviewDueWithinDays) : undefined,
        },
        now,
        limit + 1,
        after,
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const mayReward = await rewardable(db, page);
      return {
        items: page.map((r) => present(actor, r, now, mayReward.has(r.id))),
        meta: { nextCursor: rows.length > limit && last ? encodeCursor([last.granted_on, last.id]) : null },
      };
    },

    async get(actor: Actor, id: string) {
      return presentOne(actor, await load(db, actor, id), today());
    },

    async grant(actor: Actor, input: Static<typeof GrantHonour>) {
      const row = await db.transaction().execute((trx) => recordGrant(trx, actor, input));
      return presentOne(actor, row, today());
    },

    async revoke(actor: Actor, id: string, input: Static<typeof RevokeHonour>) {
      const now = today();
      if (input.on > now) throw new AppError('validation_failed', [{ path: 'body/on', message: '撤销日期不能晚于今天' }]);
      const row = await db.transaction().execute(async (trx) => {
        const before = await load(trx, actor, id);
        if (!mayEditInRegion(actor, before.region_code)) throw new AppError('out_of_scope');
        if (before.revoked_on) throw new AppError('honour_revoked');
        if (input.on < before.granted_on)
          throw new AppError('validation_failed', [{ path: 'body/on', message: '撤销日期不能早于认定日期' }]);
        if (!(await updateHonour(trx, id, input.version, { revoked_on: input.on, revoke_reason: input.reason.trim() })))
          throw new AppError('stale_version');
        const after = await load(trx, actor, id);
        await recordAudit(trx, actor, 'honour.revoke', { type: 'honour', id }, audited(before), audited(after));
        await syncBrandFlags(trx, now, JSON.parse(after.product_ids) as string[]);
        return after;
      });
      return presentOne(actor, row, now);
    },

    /**
     * Records a due review (复评). Passed: the next review moves a cycle on from the one due and
     * the validity runs a full term from it. Failed: the honour is revoked that day.
     */
    async review(actor: Actor, id: string, input: Static<typeof ReviewHonour>) {
      const now = today();
      if (input.on > now) throw new AppError('validation_failed', [{ path: 'body/on', message: '复评日期不能晚于今天' }]);
      const row = await db.transaction().execute(async (trx) => {
        const before = await load(trx, actor, id);
        if (!mayEditInRegion(actor, before.region_code)) throw new AppError('out_of_scope');
        if (before.revoked_on) throw new AppError('honour_revoked');
        const due = before.next_review_on;
        // An honour lapses the day before its review falls due, so a late review still renews it.
        if (!due || !toBool(before.programme_running)) throw new AppError('no_review_due');
        if (input.on < before.granted_on)
          throw new AppError('validation_failed', [{ path: 'body/on', message: '复评日期不能早于认定日期' }]);
        const programme = (await findProgramme(trx, before.programme_code))!;
        const note = input.note?.trim() ?? '';
        const changes = input.passed
          ? {
              ...renewedDates(
                { validityYears: programme.validity_years, reviewCycleYears: programme.review_cycle_years },
                due,
                before.valid_until,
              ),
            }
          : { revoked_on: input.on, revoke_reason: note ? `复评未通过：${note}` : '复评未通过' };
        if (!(await updateHonour(trx, id, input.version, changes))) throw new AppError('stale_version');
        await insertHonourReview(trx, {
          id: uuidv7(),
          honourId: id,
          dueOn: due,
          reviewedOn: input.on,
          passed: input.passed,
          note,
          actorId: actor.id,
          at: new Date().toISOString(),
        });
        const after = await load(trx, actor, id);
        await recordAudit(trx, actor, 'honour.review', { type: 'honour', id }, audited(before), {
          ...audited(after),
          review: { dueOn: due, on: input.on, passed: input.passed, note },
        });
        if (!input.passed) await syncBrandFlags(trx, now, JSON.parse(after.product_ids) as string[]);
        return after;
      });
      return presentOne(actor, row, now);
    },

    /** Honours in force of programmes that may show a badge — never a 驰名商标 recognition. */
    async publicList(query: { programmeCode?: string }) {
      const rows = await publicHonours(db, today(), query.programmeCode);
      return {
        items: rows.map((r) => ({
          programme: r.programme_name,
          level: r.programme_level,
          enterpriseName: r.enterprise_name,
          title: r.title,
          grantedOn: r.granted_on,
          validUntil: r.valid_until,
        })),
      };
    },

    syncBrandFlags: () => db.transaction().execute((trx) => syncBrandFlags(trx)),
  };
}
export type HonourService = ReturnType<typeof honourService>;
