import type { Static } from 'typebox';
import type { DeleteBody } from '../../../contract/schemas/enterprises';
import type { CreateFlagship, Flagship } from '../../../contract/schemas/industry';
import { systemActor, type Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/portable';
import { AppError } from '../../errors';
import { today } from '../../lib/dates';
import { uuidv7 } from '../../lib/ids';
import { recordAudit } from '../audit/audit.service';
import { enterpriseScope, mayEditInRegion } from '../enterprises/enterprises.policy';
import { editableEnterprise } from '../enterprises/enterprises.service';
import { cityOnly } from './brands.policy';
import {
  countFlagshipDesignations,
  findFlagship,
  flagshipCandidates,
  flagshipFlagChanges,
  flagshipsOfYear,
  insertFlagship,
  removeFlagship,
  salesRevenue,
  setFlagshipFlag,
  type FlagshipRow as Row,
} from './flagships.repository';

/**
 * The archive's flagship flag follows the register: set exactly for the enterprises on the most
 * recent yearly list (the register is the one source of truth; the archive never sets the flag).
 * Only the records whose flag differs are written, each with its audit event.
 */
export async function syncFlagshipFlags(trx: Db): Promise<void> {
  for (const { id, flagship: want } of await flagshipFlagChanges(trx)) {
    await setFlagshipFlag(trx, id, want);
    await recordAudit(
      trx,
      systemActor('system'),
      'enterprise.flagship_flag',
      { type: 'enterprise', id },
      { flagship: !want },
      { flagship: want },
    );
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
      id: r.id,
      enterpriseId: r.enterprise_id,
      enterpriseName: r.enterprise_name,
      regionCode: r.region_code,
      year: r.year,
      designatedOn: r.designated_on,
      note: r.note,
      salesRevenue: revenue,
      meetsFloor: revenue !== null && revenue >= floor,
      overrideReason: override?.reason ?? null,
      version: r.version,
      abilities: { remove: mayEditInRegion(actor, r.region_code) && actor.role !== 'county_officer' },
    };
  };

  return {
    /** A year's list, its progress toward the policy's goal, and the enterprises that qualify but are not on it. */
    async list(actor: Actor, year: number) {
      const scope = enterpriseScope(actor);
      const rows = await flagshipsOfYear(db, scope, year);
      const listed = new Set(rows.map((r) => r.enterprise_id));
      const candidates = await flagshipCandidates(db, scope, year, floor, 200 + listed.size);
      return {
        items: rows.map((r) => present(actor, r)),
        // The goal is the city's: its progress counts the whole list (a number, not the names).
        progress: {
          year,
          count: scope.regions || scope.enterpriseId ? await countFlagshipDesignations(db, year) : rows.length,
          goalMin: config.flagshipGoal.min,
          goalMax: config.flagshipGoal.max,
          revenueFloor: floor,
        },
        candidates: candidates
          .filter((c) => !listed.has(c.id))
          .slice(0, 200)
          .map((c) => ({ enterpriseId: c.id, enterpriseName: c.name, regionCode: c.region_code, salesRevenue: Number(c.sales_revenue) })),
      };
    },

    /** Puts an enterprise on a year's list (the city's decision); below the revenue floor only with a reason. */
    async add(actor: Actor, input: Static<typeof CreateFlagship>) {
      cityOnly(actor);
      if (input.designatedOn > today())
        throw new AppError('validation_failed', [{ path: 'body/designatedOn', message: '日期不能晚于今天' }]);
      return db.transaction().execute(async (trx) => {
        const enterprise = await editableEnterprise(trx, actor, input.enterpriseId);
        const revenue = await salesRevenue(trx, enterprise.id, input.year);
        const below = revenue === null || revenue < floor;
        if (below && !input.overrideReason) {
          const message = revenue === null ? `${input.year} 年销售收入未填报` : `${input.year} 年销售收入 ${revenue} 元，低于 ${floor} 元`;
          throw new AppError('below_revenue_floor', [{ path: 'body/enterpriseId', message }]);
        }
        const id = uuidv7();
        try {
          await insertFlagship(
            trx,
            {
              id,
              enterpriseId: enterprise.id,
              regionCode: enterprise.region_code,
              year: input.year,
              designatedOn: input.designatedOn,
              note: input.note?.trim() ?? '',
              override: below ? { salesRevenue: revenue, floor, reason: input.overrideReason!.trim() } : null,
            },
            actor.id,
          );
        } catch (err) {
          if (isUniqueViolation(err))
            throw new AppError('duplicate_record', [{ path: 'body/enterpriseId', message: '该企业已在当年名单中' }]);
          throw err;
        }
        const row = (await findFlagship(trx, id))!;
        const shown = present(actor, row);
        await recordAudit(trx, actor, 'flagship.add', { type: 'enterprise', id: enterprise.id }, null, { ...shown, abilities: undefined });
        await syncFlagshipFlags(trx);
        return shown;
      });
    },

    async remove(actor: Actor, id: string, input: DeleteBody) {
      cityOnly(actor);
      await db.transaction().execute(async (trx) => {
        const before = await findFlagship(trx, id);
        if (!before) throw new AppError('not_found');
        if (!(await removeFlagship(trx, id, input.version, actor.id, input.reason.trim()))) throw new AppError('stale_version');
        await recordAudit(
          trx,
          actor,
          'flagship.remove',
          { type: 'enterprise', id: before.enterprise_id },
          { ...present(actor, before), abilities: undefined },
          { reason: input.reason.trim() },
        );
        await syncFlagshipFlags(trx);
      });
    },
  };
}
export type FlagshipService = ReturnType<typeof flagshipService>;
