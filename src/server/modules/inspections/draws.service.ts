import { randomInt } from 'node:crypto';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { addMonths, addYears, today } from '../../lib/dates';
import { uuidv7 } from '../../lib/ids';
import { recordAudit } from '../audit/audit.service';
import { DEFAULT_WEIGHTS, DRAW_ALGORITHM, runDraw, type Candidate, type RiskWeights } from './draw';
import { drawCandidates, inspectorPool, recentChecksOfCategory } from './draws.repository';
import { assertOrganiser, repeatForbidden } from './inspections.policy';

interface StoredInputs {
  weights: RiskWeights;
  candidates: (Candidate & { name: string; uscc: string; regionCode: string; reasons: string[] })[];
  excluded: { enterpriseId: string; name: string; reason: string }[];
  inspectorPool: { id: string; displayName: string }[];
}

/** The random draw (双随机) of a plan's category: stored with its inputs so anyone can re-run it. */
export function drawService(ctx: AppContext) {
  const { db } = ctx;

  function present(row: { id: string; plan_id: string; category_code: string; seed: number; count: number; inputs: string; result: string; created_at: string }) {
    const inputs = JSON.parse(row.inputs) as StoredInputs;
    const result = JSON.parse(row.result) as { enterprises: string[]; inspectors: string[] };
    const byId = new Map(inputs.candidates.map((c) => [c.enterpriseId, c]));
    const people = new Map(inputs.inspectorPool.map((p) => [p.id, p]));
    return {
      id: row.id, planId: row.plan_id, categoryCode: row.category_code, seed: Number(row.seed), count: row.count, algorithm: DRAW_ALGORITHM,
      weights: inputs.weights, candidates: inputs.candidates, excluded: inputs.excluded, inspectorPool: inputs.inspectorPool,
      enterprises: result.enterprises.map((id) => byId.get(id)!), inspectors: result.inspectors.map((id) => people.get(id)!), createdAt: row.created_at,
    };
  }

  async function load(id: string) {
    const row = await db.selectFrom('inspection_draws').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('not_found');
    return row;
  }

  return {
    async draw(actor: Actor, planId: string, input: { categoryCode: string; count: number; seed?: number; regionCode?: string; weights?: Partial<RiskWeights> }) {
      const plan = await db.selectFrom('inspection_plans').selectAll().where('id', '=', planId).executeTakeFirst();
      if (!plan) throw new AppError('not_found');
      assertOrganiser(actor, plan);
      if (!(JSON.parse(plan.categories) as { categoryCode: string }[]).some((c) => c.categoryCode === input.categoryCode)) throw new AppError('category_not_in_plan');
      const region = plan.level === 'county' ? plan.region_code : (input.regionCode ?? null);
      const weights: RiskWeights = { ...DEFAULT_WEIGHTS, ...input.weights };
      const now = today();
      const rows = await drawCandidates(db, input.categoryCode, region, { today: now, failuresSince: addYears(now, -3) });
      // SAMR Order No. 18: none checked for this category in 6 months by this department or a higher level.
      const blocked = new Map<string, string>();
      for (const r of await recentChecksOfCategory(db, input.categoryCode, addMonths(now, -6))) {
        if (repeatForbidden(r, plan)) blocked.set(r.producer_enterprise_id!, `${r.sampled_on} 已抽查`);
      }
      const candidates: StoredInputs['candidates'] = [];
      const excluded: StoredInputs['excluded'] = [];
      for (const r of rows) {
        if (blocked.has(r.id)) {
          excluded.push({ enterpriseId: r.id, name: r.name, reason: blocked.get(r.id)! });
          continue;
        }
        const reasons = [r.priorFailure && 'priorFailure', r.expiredCertification && 'expiredCertification', r.noStandard && 'noStandard'].filter(Boolean) as (keyof RiskWeights)[];
        const weight = 1 + reasons.reduce((s, k) => s + weights[k], 0);
        candidates.push({ enterpriseId: r.id, name: r.name, uscc: r.uscc, regionCode: r.region_code, weight, reasons });
      }
      const pool = (await inspectorPool(db, plan.level === 'county' ? plan.region_code : null)).map((u) => ({ id: u.id, displayName: u.display_name }));
      if (pool.length < 2) throw new AppError('not_enough_inspectors');
      if (candidates.length === 0) throw new AppError('no_candidates');
      const seed = input.seed ?? randomInt(1, 2 ** 31);
      const result = runDraw(candidates, input.count, pool.map((p) => p.id), seed);
      const row = {
        id: uuidv7(), plan_id: plan.id, category_code: input.categoryCode, seed, count: input.count,
        inputs: JSON.stringify({ weights, candidates, excluded, inspectorPool: pool } satisfies StoredInputs), result: JSON.stringify(result),
        created_by: actor.id, created_at: new Date().toISOString(),
      };
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('inspection_draws').values(row).execute();
        await recordAudit(trx, actor, 'inspection_draw.create', { type: 'inspection_draw', id: row.id }, null, { planId: plan.id, categoryCode: input.categoryCode, seed, count: input.count, ...result });
      });
      return present(row);
    },

    async get(_actor: Actor, id: string) {
      return present(await load(id));
    },

    /** Re-runs a stored draw from its own inputs: the same list, or proof it was altered. */
    async verify(_actor: Actor, id: string) {
      const row = await load(id);
      const inputs = JSON.parse(row.inputs) as StoredInputs;
      const again = runDraw(inputs.candidates, row.count, inputs.inspectorPool.map((p) => p.id), Number(row.seed));
      const stored = JSON.parse(row.result) as { enterprises: string[]; inspectors: string[] };
      return { matches: JSON.stringify(again) === JSON.stringify(stored), ...again };
    },
  };
}
export type DrawService = ReturnType<typeof drawService>;
