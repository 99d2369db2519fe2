import type { Static } from 'typebox';
import type { CreateRewardRule, Reward, RewardQuery, RewardStatusBody } from '../../../contract/schemas/brands';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import { isUniqueViolation } from '../../db/portable';
import { AppError } from '../../errors';
import { today } from '../../lib/dates';
import { uuidv7 } from '../../lib/ids';
import { writeExport, type ExportFormat } from '../../lib/tabular/write';
import { recordAudit } from '../audit/audit.service';
import { mayEditInRegion } from '../enterprises/enterprises.policy';
import { regionNames } from '../assessments/assessments.repository';
import { cityOnly, reachOf, rewardAbilities } from './brands.policy';
import { activeProgramme, programmeNames } from './brands.repository';
import {
  findReward,
  honourForReward,
  insertReward,
  insertRewardRule,
  listRewardRules,
  listRewards,
  ruleInForce,
  updateRewardStatus,
  type RewardRow,
  type RewardRuleRow,
} from './rewards.repository';
import { rewardNext, splitReward, type RewardStatus } from './rewards';
import { listRegions } from '../../authz/region-scope';

const presentRule = (r: RewardRuleRow) => ({
  id: r.id,
  programmeCode: r.programme_code,
  year: r.year,
  amount: Number(r.amount),
  citySharePercent: r.city_share_percent,
  fundSource: r.fund_source,
  note: r.note,
  version: r.version,
});
/** A reward as the audit log keeps it; the reader also gets what they may do with it (`presentFor`). */
const present = (r: RewardRow): Omit<Static<typeof Reward>, 'abilities'> => ({
  id: r.id,
  honourId: r.honour_id,
  programmeCode: r.programme_code,
  enterpriseId: r.enterprise_id,
  enterpriseName: r.enterprise_name,
  regionCode: r.region_code,
  year: r.year,
  amount: Number(r.amount),
  cityAmount: Number(r.city_amount),
  countyAmount: Number(r.county_amount),
  status: r.status as RewardStatus,
  approvedOn: r.approved_on,
  paidOn: r.paid_on,
  nextStatuses: [...rewardNext(r.status as RewardStatus)],
  version: r.version,
});

const presentFor = (actor: Actor, r: RewardRow): Static<typeof Reward> => ({ ...present(r), abilities: rewardAbilities(actor, r) });

/** Rewards for honours (policy §六(二)): rules per programme, each from a year until replaced; a reward per honour; the yearly ledger. */
export function rewardService(ctx: AppContext) {
  const { db } = ctx;

  async function list(actor: Actor, query: Static<typeof RewardQuery>) {
    const rows = await listRewards(db, {
      regions: await listRegions(actor, query.regionCode, ctx.regions),
      year: query.year,
      status: query.status,
    });
    const items = rows.map((r) => presentFor(actor, r));
    // The ledger: what is owed and paid per county, cancelled rewards left out; sums of whole yuan.
    const line = (regionCode: string, of: typeof items) => ({
      regionCode,
      rewards: of.length,
      amount: of.reduce((s, r) => s + r.amount, 0),
      cityAmount: of.reduce((s, r) => s + r.cityAmount, 0),
      countyAmount: of.reduce((s, r) => s + r.countyAmount, 0),
      paid: of.filter((r) => r.status === 'paid').reduce((s, r) => s + r.amount, 0),
    });
    const live = items.filter((r) => r.status !== 'cancelled');
    const counties = [...new Set(live.map((r) => r.regionCode))].sort();
    return {
      items,
      ledger: {
        byCounty: counties.map((c) =>
          line(
            c,
            live.filter((r) => r.regionCode === c),
          ),
        ),
        total: line('', live),
      },
    };
  }

  return {
    list,

    async rules() {
      return { items: (await listRewardRules(db)).map(presentRule) };
    },

    /** A rule is the city's: county officers read it. */
    async createRule(actor: Actor, input: Static<typeof CreateRewardRule>) {
      cityOnly(actor);
      return db.transaction().execute(async (trx) => {
        await activeProgramme(trx, input.programmeCode);
        const rule = {
          id: uuidv7(),
          programmeCode: input.programmeCode,
          year: input.year,
          amount: input.amount,
          citySharePercent: input.citySharePercent,
          fundSource: input.fundSource ?? '',
          note: input.note ?? '',
        };
        let row: RewardRuleRow;
        try {
          row = await insertRewardRule(trx, rule, actor.id, new Date().toISOString());
        } catch (err) {
          if (isUniqueViolation(err))
            throw new AppError('duplicate_record', [{ path: 'body/year', message: '该项目已有自该年起适用的奖励规则' }]);
          throw err;
        }
        await recordAudit(trx, actor, 'reward_rule.create', { type: 'reward_rule', id: row.id }, null, presentRule(row));
        return presentRule(row);
      });
    },

    /** The reward an honour earns under the rule of its programme in force in the grant's year (the latest from that year or before), split city/county. */
    async propose(actor: Actor, honourId: string) {
      return db.transaction().execute(async (trx) => {
        const honour = await honourForReward(trx, honourId, reachOf(actor));
        if (!honour) throw new AppError('not_found');
        if (!mayEditInRegion(actor, honour.region_code)) throw new AppError('out_of_scope');
        if (honour.revoked_on) throw new AppError('honour_revoked');
        const year = Number(honour.granted_on.slice(0, 4));
        // A rule applies from its year until a later rule replaces it: the latest one from the grant's year or before.
        const rule = await ruleInForce(trx, honour.programme_code, year);
        if (!rule)
          throw new AppError('no_reward_rule', [{ path: 'honour', message: `${honour.programme_code} 在 ${year} 年及以前没有奖励规则` }]);
        const split = splitReward(Number(rule.amount), rule.city_share_percent);
        const now = new Date().toISOString();
        const id = uuidv7();
        try {
          await insertReward(
            trx,
            {
              id,
              honourId: honour.id,
              programmeCode: honour.programme_code,
              enterpriseId: honour.enterprise_id,
              regionCode: honour.region_code,
              year,
              amount: Number(rule.amount),
              cityAmount: split.city,
              countyAmount: split.county,
            },
            actor.id,
            now,
          );
        } catch (err) {
          if (isUniqueViolation(err)) throw new AppError('duplicate_record', [{ path: 'honour', message: '该荣誉已有奖励记录' }]);
          throw err;
        }
        const row = (await findReward(trx, id, undefined))!;
        await recordAudit(trx, actor, 'reward.propose', { type: 'reward', id }, null, present(row));
        return presentFor(actor, row);
      });
    },

    /** 批准, 兑现 or 取消, each with its date. */
    async setStatus(actor: Actor, id: string, input: Static<typeof RewardStatusBody>) {
      if (input.on > today()) throw new AppError('validation_failed', [{ path: 'body/on', message: '日期不能晚于今天' }]);
      return db.transaction().execute(async (trx) => {
        const before = await findReward(trx, id, reachOf(actor));
        if (!before) throw new AppError('not_found');
        if (!mayEditInRegion(actor, before.region_code)) throw new AppError('out_of_scope');
        if (!rewardNext(before.status as RewardStatus).includes(input.to))
          throw new AppError('invalid_transition', [{ path: 'body/to', message: `奖励当前状态（${before.status}）不能改为“${input.to}”` }]);
        if (!(await updateRewardStatus(trx, id, input.version, input.to, input.on))) throw new AppError('stale_version');
        const after = (await findReward(trx, id, undefined))!;
        await recordAudit(trx, actor, `reward.${input.to}`, { type: 'reward', id }, present(before), present(after));
        return presentFor(actor, after);
      });
    },

    /** The yearly ledger by county as XLSX or CSV. */
    async exportLedger(actor: Actor, query: Static<typeof RewardQuery>, format: ExportFormat) {
      const { items } = await list(actor, query);
      const regions = await regionNames(db);
      const programmes = await programmeNames(db);
      const STATUS: Record<string, string> = { proposed: '拟奖励', approved: '已批准', paid: '已兑现', cancelled: '已取消' };
      async function* rows() {
        yield items.map((r) => [
          String(r.year),
          regions.get(r.regionCode) ?? r.regionCode,
          r.enterpriseName,
          programmes.get(r.programmeCode) ?? r.programmeCode,
          r.amount,
          r.cityAmount,
          r.countyAmount,
          STATUS[r.status]!,
          r.approvedOn ?? '',
          r.paidOn ?? '',
        ]);
      }
      const file = await writeExport(
        ctx.config.dataDir,
        format,
        ['年度', '县市区', '企业', '项目', '奖励金额（元）', '市级承担（元）', '县级承担（元）', '状态', '批准日期', '兑现日期'],
        rows(),
      );
      return { file, downloadName: `奖励台账${query.year ? `-${query.year}` : ''}.${format}` };
    },
  };
}
export type RewardService = ReturnType<typeof rewardService>;
