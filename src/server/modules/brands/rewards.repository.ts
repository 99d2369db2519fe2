import type { Selectable } from 'kysely';
import type { Db } from '../../db/database';
import type { RewardRuleTable, RewardTable } from './honours.table';
import { whereInRegions } from '../../authz/region-scope';

export type RewardRow = Selectable<RewardTable> & { enterprise_name: string };
export type RewardRuleRow = Selectable<RewardRuleTable>;

/** Rewards with their enterprise's name; with `regions` (a county officer's reach, a county asked for), theirs only. */
function scoped(db: Db, regions: readonly string[] | undefined) {
  let q = db
    .selectFrom('rewards as r')
    .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .selectAll('r')
    .select('e.name as enterprise_name');
  q = whereInRegions(q, 'r.region_code', regions);
  return q;
}

export async function findReward(db: Db, id: string, regions: readonly string[] | undefined): Promise<RewardRow | undefined> {
  return (await scoped(db, regions).where('r.id', '=', id).executeTakeFirst()) as RewardRow | undefined;
}

/** Rewards of a region (all when none), year and status if given: the latest year first, 5,000 at most. */
export async function listRewards(db: Db, filter: { regions?: readonly string[]; year?: number; status?: string }): Promise<RewardRow[]> {
  let q = scoped(db, filter.regions);
  if (filter.year) q = q.where('r.year', '=', filter.year);
  if (filter.status) q = q.where('r.status', '=', filter.status);
  return (await q.orderBy('r.year', 'desc').orderBy('r.region_code').orderBy('r.created_at').limit(5000).execute()) as RewardRow[];
}

export function listRewardRules(db: Db): Promise<RewardRuleRow[]> {
  return db.selectFrom('reward_rules').selectAll().orderBy('year', 'desc').orderBy('programme_code').execute();
}

/** The rule of a programme in force in a year: the latest from that year or before. */
export function ruleInForce(db: Db, programmeCode: string, year: number): Promise<RewardRuleRow | undefined> {
  return db
    .selectFrom('reward_rules')
    .selectAll()
    .where('programme_code', '=', programmeCode)
    .where('year', '<=', year)
    .orderBy('year', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface NewRewardRule {
  id: string;
  programmeCode: string;
  year: number;
  amount: number;
  citySharePercent: number;
  fundSource: string;
  note: string;
}
/** A new rule as stored. */
export async function insertRewardRule(db: Db, r: NewRewardRule, actorId: string | null, now: string): Promise<RewardRuleRow> {
  const row = {
    id: r.id,
    programme_code: r.programmeCode,
    year: r.year,
    amount: r.amount,
    city_share_percent: r.citySharePercent,
    fund_source: r.fundSource,
    note: r.note,
    version: 1,
    created_at: now,
    updated_at: now,
    created_by: actorId,
  };
  await db.insertInto('reward_rules').values(row).execute();
  return row;
}

export interface NewReward {
  id: string;
  honourId: string;
  programmeCode: string;
  enterpriseId: string;
  regionCode: string;
  year: number;
  amount: number;
  cityAmount: number;
  countyAmount: number;
}
export async function insertReward(db: Db, r: NewReward, actorId: string | null, now: string): Promise<void> {
  await db
    .insertInto('rewards')
    .values({
      id: r.id,
      honour_id: r.honourId,
      programme_code: r.programmeCode,
      enterprise_id: r.enterpriseId,
      region_code: r.regionCode,
      year: r.year,
      amount: r.amount,
      city_amount: r.cityAmount,
      county_amount: r.countyAmount,
      status: 'proposed',
      approved_on: null,
      paid_on: null,
      version: 1,
      created_at: now,
      updated_at: now,
      created_by: actorId,
    })
    .execute();
}

/** Moves a reward to a status with its date if it is still at `version`; false when another write came first. */
export async function updateRewardStatus(db: Db, id: string, version: number, status: string, on: string): Promise<boolean> {
  const dates = status === 'approved' ? { approved_on: on } : status === 'paid' ? { paid_on: on } : {};
  const updated = await db
    .updateTable('rewards')
    .set({ status, ...dates, version: version + 1, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/** An honour's fields a reward reads; with `regionCode`, only that county's. */
export function honourForReward(db: Db, id: string, regions: readonly string[] | undefined) {
  let q = db.selectFrom('honours').selectAll().where('id', '=', id);
  q = whereInRegions(q, 'region_code', regions);
  return q.executeTakeFirst();
}
