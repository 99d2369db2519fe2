import { sql, type Kysely } from 'kysely';
import type { Static } from 'typebox';
import type { DeleteBody } from '../../../contract/schemas/enterprises';
import type { CreateFlagship, Flagship } from '../../../contract/schemas/industry';
import { systemActor, type Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import type { Database } from '../../db/database';
import { bool, isUniqueViolation, toBool } from '../../db/portable';
import { newRecordMeta } from '../../db/types';
import { AppError } from '../../errors';
import { today } from '../../lib/dates';
import { uuidv7 } from '../../lib/ids';
import { recordAudit } from '../audit/audit.service';
import { enterpriseScope, mayEditInRegion } from '../enterprises/enterprises.policy';
import { editableEnterprise } from '../enterprises/enterprises.service';
import { cityOnly } from './brands.policy';
import { countFlagshipDesignations, flagshipCandidates, flagshipDesignations as designations, type FlagshipRow as Row } from './flagships.repository';

/**
 * The archive's flagship flag follows the register: set exactly for the enterprises on the most
 * recent yearly list (the register is the one source of truth; the archive never sets the flag).
 * Only the records whose flag differs are written, each with its audit event.
 */
export async function syncFlagshipFlags(trx: Kysely<Database>): Promise<void> {
  const latest = await trx.selectFrom('flagship_designations').select(sql<number | null>`max(year)`.as('year')).where('deleted_at', 'is', null).executeTakeFirst();
  const members = trx.selectFrom('flagship_designations').select('enterprise_id').where('year', '=', latest?.year ?? -1).where('deleted_at', 'is', null);
  const differing = await trx
    .selectFrom('enterprises')
    .select(['id', 'flagship'])
    .where((eb) => eb.or([eb.and([eb('flagship', '=', bool(true)), eb('id', 'not in', members)]), eb.and([eb('flagship', '=', bool(false)), eb('id', 'in', members)])]))
    .execute();
  for (const e of differing) {
    const want = !toBool(e.flagship);
    await trx.updateTable('enterprises').set({ flagship: bool(want), updated_at: new Date().toISOString() }).where('id', '=', e.id).execute();
    await recordAudit(trx, systemActor('system'), 'enterprise.flagship_flag', { type: 'enterprise', id: e.id }, { flagship: !want }, { flagship: want });
  }
}

/** The yearly list of flagship industrial enterprises (标志性工业企业), checked against sales revenue. */
export function flagshipService(ctx: AppContext) {
  const { db, config } = ctx;
  const floor = config.flagshipRevenueFloor;

  const present = (actor: Actor, r: Row): Flagship => {
    const override = r.override ? (JSON.parse(r.override) as { reason: string }) : null;
    const revenue = r.sales_revenue === null || r.sales_revenue === undefined ? null : Number(r.sales_revenue);
    return {
      id: r.id, enterpriseId: r.enterprise_id, enterpriseName: r.enterprise_name, regionCode: r.region_code, year: r.year, designatedOn: r.designated_on, note: r.note,
      salesRevenue: revenue, meetsFloor: revenue !== null && revenue >= floor, overrideReason: override?.reason ?? null, version: r.version,
      abilities: { remove: mayEditInRegion(actor, r.region_code) && actor.role !== 'county_officer' },
    };
  };

  return {
    /** A year's list, its progress toward the policy's goal, and the enterprises that qualify but are not on it. */
    async list(actor: Actor, year: number) {
      const scope = enterpriseScope(actor);
      const rows = await designations(db, scope).where('f.year', '=', year).orderBy('y.sales_revenue', 'desc').orderBy('e.name').execute();
      const listed = new Set(rows.map((r) => r.enterprise_id));
      const candidates = await flagshipCandidates(db, scope, year, floor, 200 + listed.size);
      return {
        items: rows.map((r) => present(actor, r)),
        // The goal is the city's: its progress counts the whole list (a number, not the names).
        progress: { year, count: scope.regionCode || scope.enterpriseId ? await countFlagshipDesignations(db, year) : rows.length, goalMin: config.flagshipGoal.min, goalMax: config.flagshipGoal.max, revenueFloor: floor },
        candidates: candidates
          .filter((c) => !listed.has(c.id))
          .slice(0, 200)
          .map((c) => ({ enterpriseId: c.id, enterpriseName: c.name, regionCode: c.region_code, salesRevenue: Number(c.sales_revenue) })),
      };
    },

    /** Puts an enterprise on a year's list (the city's decision); below the revenue floor only with a reason. */
    async add(actor: Actor, input: Static<typeof CreateFlagship>) {
      cityOnly(actor);
      if (input.designatedOn > today()) throw new AppError('validation_failed', [{ path: 'body/designatedOn', message: '日期不能晚于今天' }]);
      return db.transaction().execute(async (trx) => {
        const enterprise = await editableEnterprise(trx, actor, input.enterpriseId);
        const figures = await trx.selectFrom('enterprise_yearly_figures').select('sales_revenue').where('enterprise_id', '=', enterprise.id).where('year', '=', input.year).where('deleted_at', 'is', null).executeTakeFirst();
        const revenue = figures?.sales_revenue === null || figures?.sales_revenue === undefined ? null : Number(figures.sales_revenue);
        const below = revenue === null || revenue < floor;
        if (below && !input.overrideReason) {
          const message = revenue === null ? `${input.year} 年销售收入未填报` : `${input.year} 年销售收入 ${revenue} 元，低于 ${floor} 元`;
          throw new AppError('below_revenue_floor', [{ path: 'body/enterpriseId', message }]);
        }
        const id = uuidv7();
        try {
          await trx.insertInto('flagship_designations').values({
            id, enterprise_id: enterprise.id, region_code: enterprise.region_code, year: input.year, designated_on: input.designatedOn, note: input.note?.trim() ?? '',
            override: below ? JSON.stringify({ salesRevenue: revenue, floor, reason: input.overrideReason!.trim() }) : null, ...newRecordMeta(actor.id, new Date().toISOString()),
          }).execute();
        } catch (err) {
          if (isUniqueViolation(err)) throw new AppError('duplicate_record', [{ path: 'body/enterpriseId', message: '该企业已在当年名单中' }]);
          throw err;
        }
        const row = await designations(trx, {}).where('f.id', '=', id).executeTakeFirstOrThrow();
        const shown = present(actor, row);
        await recordAudit(trx, actor, 'flagship.add', { type: 'enterprise', id: enterprise.id }, null, { ...shown, abilities: undefined });
        await syncFlagshipFlags(trx);
        return shown;
      });
    },

    async remove(actor: Actor, id: string, input: DeleteBody) {
      cityOnly(actor);
      await db.transaction().execute(async (trx) => {
        const before = await designations(trx, {}).where('f.id', '=', id).executeTakeFirst();
        if (!before) throw new AppError('not_found');
        const updated = await trx
          .updateTable('flagship_designations')
          .set({ deleted_at: new Date().toISOString(), deleted_by: actor.id, delete_reason: input.reason.trim(), version: before.version + 1, updated_at: new Date().toISOString() })
          .where('id', '=', id)
          .where('version', '=', input.version)
          .where('deleted_at', 'is', null)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) throw new AppError('stale_version');
        await recordAudit(trx, actor, 'flagship.remove', { type: 'enterprise', id: before.enterprise_id }, { ...present(actor, before), abilities: undefined }, { reason: input.reason.trim() });
        await syncFlagshipFlags(trx);
      });
    },
  };
}
export type FlagshipService = ReturnType<typeof flagshipService>;
