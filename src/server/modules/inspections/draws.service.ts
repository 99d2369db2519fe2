import { randomBytes, randomInt } from 'node:crypto';
import type { Static } from 'typebox';
import type { Draw, DrawBody } from '../../../contract/schemas/inspections';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import { lockWrites } from '../../db/portable';
import { AppError } from '../../errors';
import { addMonths, addYears, today } from '../../lib/dates';
import { uuidv7 } from '../../lib/ids';
import { recordAudit } from '../audit/audit.service';
import { commitmentOf, DEFAULT_WEIGHTS, DRAW_ALGORITHM, DRAW_COMMITMENT, runDraw, type Candidate, type RiskWeights } from './draw';
import {
  drawCandidates,
  findDraw,
  insertDraw,
  inspectorPool,
  lastRound,
  listDraws,
  recentChecksOfCategory,
  revealDraw,
  type DrawRow,
} from './draws.repository';
import { assertOrganiser, repeatForbidden, seesPlan } from './inspections.policy';
import { findPlan } from './inspections.repository';

interface StoredInputs {
  weights: RiskWeights;
  candidates: (Candidate & { name: string; uscc: string; regionCode: string; reasons: string[] })[];
  excluded: { enterpriseId: string; name: string; reason: string }[];
  inspectorPool: { id: string; displayName: string }[];
}
interface StoredResult {
  enterprises: string[];
  inspectors: string[];
}

/** Serialises the draws of all plans, so that two first draws of a category cannot both go without a reason. */
const DRAW_LOCK = 4_310_750;

/**
 * The random draw (双随机) of a plan's category, in two steps so nobody can choose its outcome:
 * `commit` freezes the inputs (candidates, weights, inspector pool) and publishes the SHA-256 of
 * a seed the server drew; `reveal` runs the draw from that seed and shows seed and nonce with the
 * result. Every draw is kept; a second one for a category needs a reason.
 */
export function drawService(ctx: AppContext) {
  const { db } = ctx;

  function record(row: DrawRow) {
    const inputs = JSON.parse(row.inputs) as StoredInputs;
    const drawn = row.drawn_at !== null;
    const result: StoredResult = drawn ? JSON.parse(row.result) : { enterprises: [], inspectors: [] };
    const byId = new Map(inputs.candidates.map((c) => [c.enterpriseId, c]));
    const people = new Map(inputs.inspectorPool.map((p) => [p.id, p]));
    const person = (id: string | null, name: string | null) => (id ? { id, displayName: name ?? '' } : null);
    return {
      inputs,
      shown: {
        id: row.id,
        planId: row.plan_id,
        categoryCode: row.category_code,
        round: row.round,
        reason: row.reason,
        status: drawn ? ('drawn' as const) : ('committed' as const),
        commitment: row.commitment,
        // The seed stays secret until the draw is revealed: knowing it would tell the outcome.
        seed: drawn ? Number(row.seed) : null,
        nonce: drawn ? row.nonce : null,
        count: row.count,
        algorithm: `${DRAW_ALGORITHM}${DRAW_COMMITMENT}`,
        enterprises: result.enterprises.map((id) => byId.get(id)!),
        inspectors: result.inspectors.map((id) => people.get(id)!),
        createdBy: person(row.created_by, row.created_by_name),
        createdAt: row.created_at,
        drawnBy: person(row.drawn_by, row.drawn_by_name),
        drawnAt: row.drawn_at,
      },
    };
  }
  const present = (row: DrawRow): Static<typeof Draw> => {
    const { inputs, shown } = record(row);
    return {
      ...shown,
      weights: inputs.weights,
      candidates: inputs.candidates,
      excluded: inputs.excluded,
      inspectorPool: inputs.inspectorPool,
    };
  };

  /** A plan the actor sees (else 404, as if missing). */
  async function visiblePlan(actor: Actor, planId: string) {
    const plan = await findPlan(db, planId);
    if (!plan || !seesPlan(actor, plan)) throw new AppError('not_found');
    return plan;
  }
  async function load(actor: Actor, id: string) {
    const row = await findDraw(db, id);
    if (!row) throw new AppError('not_found');
    return { row, plan: await visiblePlan(actor, row.plan_id) };
  }

  return {
    /**
     * Commits to a draw of a plan's category: the candidates (operating enterprises making the
     * category, weighted by risk, less those checked in 6 months) and inspector pool frozen, a
     * seed drawn by the server and its commitment published. A repeat needs a reason.
     */
    async commit(actor: Actor, planId: string, input: Static<typeof DrawBody>) {
      const plan = await visiblePlan(actor, planId);
      assertOrganiser(actor, plan);
      if (!(JSON.parse(plan.categories) as { categoryCode: string }[]).some((c) => c.categoryCode === input.categoryCode))
        throw new AppError('category_not_in_plan');
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
        const reasons = [
          r.priorFailure && 'priorFailure',
          r.expiredCertification && 'expiredCertification',
          r.noStandard && 'noStandard',
        ].filter(Boolean) as (keyof RiskWeights)[];
        const weight = 1 + reasons.reduce((s, k) => s + weights[k], 0);
        candidates.push({ enterpriseId: r.id, name: r.name, uscc: r.uscc, regionCode: r.region_code, weight, reasons });
      }
      const pool = (await inspectorPool(db, plan.level === 'county' ? plan.region_code : null)).map((u) => ({
        id: u.id,
        displayName: u.display_name,
      }));
      if (pool.length < 2) throw new AppError('not_enough_inspectors');
      if (candidates.length === 0) throw new AppError('no_candidates');
      // The server draws the seed; a person never chooses it.
      const seed = randomInt(1, 2 ** 31);
      const nonce = randomBytes(16).toString('hex');
      const commitment = commitmentOf(seed, nonce);
      const reason = input.reason?.trim() ?? '';
      const id = uuidv7();
      await db.transaction().execute(async (trx) => {
        await lockWrites(trx, DRAW_LOCK);
        const round = (await lastRound(trx, plan.id, input.categoryCode)) + 1;
        if (round > 1 && !reason)
          throw new AppError('redraw_needs_reason', [{ path: 'body/reason', message: `该类别已抽取 ${round - 1} 次` }]);
        await insertDraw(trx, {
          id,
          plan_id: plan.id,
          category_code: input.categoryCode,
          round,
          reason,
          seed,
          nonce,
          commitment,
          count: input.count,
          inputs: JSON.stringify({ weights, candidates, excluded, inspectorPool: pool } satisfies StoredInputs),
          result: '',
          created_by: actor.id,
          created_at: new Date().toISOString(),
          drawn_by: null,
          drawn_at: null,
        });
        await recordAudit(trx, actor, 'inspection_draw.commit', { type: 'inspection_draw', id }, null, {
          planId: plan.id,
          categoryCode: input.categoryCode,
          round,
          reason,
          commitment,
          count: input.count,
          candidates: candidates.length,
          excluded: excluded.length,
        });
      });
      return present((await findDraw(db, id))!);
    },

    /** Runs a committed draw from its frozen inputs and reveals the seed: once only. */
    async reveal(actor: Actor, id: string) {
      const { row, plan } = await load(actor, id);
      assertOrganiser(actor, plan);
      if (row.drawn_at) throw new AppError('draw_already_revealed');
      const inputs = JSON.parse(row.inputs) as StoredInputs;
      const result = runDraw(
        inputs.candidates,
        row.count,
        inputs.inspectorPool.map((p) => p.id),
        Number(row.seed),
      );
      await db.transaction().execute(async (trx) => {
        if (!(await revealDraw(trx, id, JSON.stringify(result), actor.id, new Date().toISOString())))
          throw new AppError('draw_already_revealed');
        await recordAudit(
          trx,
          actor,
          'inspection_draw.reveal',
          { type: 'inspection_draw', id },
          { commitment: row.commitment },
          { seed: Number(row.seed), nonce: row.nonce, ...result },
        );
      });
      return present((await findDraw(db, id))!);
    },

    /** Every draw of a plan the actor sees, oldest first, with who made it and when. */
    async list(actor: Actor, planId: string) {
      await visiblePlan(actor, planId);
      return {
        items: (await listDraws(db, planId)).map((row) => {
          const { inputs, shown } = record(row);
          return { ...shown, candidateCount: inputs.candidates.length, excludedCount: inputs.excluded.length };
        }),
      };
    },

    async get(actor: Actor, id: string) {
      return present((await load(actor, id)).row);
    },

    /**
     * Re-runs a revealed draw from its own inputs and seed, and hashes the seed and nonce again:
     * the same list and the published commitment, or proof that the record was altered.
     */
    async verify(actor: Actor, id: string) {
      const { row } = await load(actor, id);
      if (!row.drawn_at) throw new AppError('draw_not_revealed');
      const inputs = JSON.parse(row.inputs) as StoredInputs;
      const again = runDraw(
        inputs.candidates,
        row.count,
        inputs.inspectorPool.map((p) => p.id),
        Number(row.seed),
      );
      const stored = JSON.parse(row.result) as StoredResult;
      return {
        matches: JSON.stringify(again) === JSON.stringify(stored),
        commitmentMatches:
          row.commitment === null ? null : row.nonce !== null && commitmentOf(Number(row.seed), row.nonce) === row.commitment,
        ...again,
      };
    },
  };
}
export type DrawService = ReturnType<typeof drawService>;
