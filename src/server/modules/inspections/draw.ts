import { createHash } from 'node:crypto';
import { Random } from '../../lib/random';

/**
 * The random draw (双随机): enterprises to sample, weighted by risk, and two inspectors. The
 * same candidates, weights and seed always give the same result, so anyone holding a draw's
 * record can re-run it.
 *
 * Enterprises: weighted sampling without replacement (Efraimidis & Spirakis 2006). With the
 * seeded generator (mulberry32) each candidate, in the order listed, gets key = u^(1/weight)
 * for the next u in [0, 1); the `count` largest keys are drawn. Inspectors: the same generator,
 * continued, picks two different people from the pool, listed by id.
 */
export const DRAW_ALGORITHM =
  '候选企业按列出顺序依次取 mulberry32(种子) 的下一个随机数 u，计算 u^(1/权重)，取最大的前 N 家；随后同一随机数序列从按编号排序的检查人员中不放回地抽取 2 名。';

/**
 * Commit-reveal: before a draw runs, the server publishes SHA-256 of "seed:nonce" (the nonce, 16
 * random bytes in hex, keeps a 31-bit seed from being found by trying them all); the seed and nonce
 * are revealed with the result, so anyone can hash them again and re-run the draw.
 */
export const DRAW_COMMITMENT = '抽取前公布承诺值 = SHA-256("种子:随机串")；抽取后公布种子与随机串，任何人可重新计算哈希并复算抽取结果。';

export function commitmentOf(seed: number, nonce: string): string {
  return createHash('sha256').update(`${seed}:${nonce}`).digest('hex');
}

export interface RiskWeights {
  /** Added when the enterprise had an unqualified final result in the last 3 years. */
  priorFailure: number;
  /** Added when it holds an expired certificate. */
  expiredCertification: number;
  /** Added when a product in the category has no standard on record. */
  noStandard: number;
}
export const DEFAULT_WEIGHTS: RiskWeights = { priorFailure: 3, expiredCertification: 1, noStandard: 2 };

export interface Candidate {
  enterpriseId: string;
  weight: number;
}

export function drawEnterprises(candidates: readonly Candidate[], count: number, random: Random): string[] {
  const keyed = candidates.map((c) => ({ id: c.enterpriseId, key: Math.pow(random.next(), 1 / c.weight) }));
  return keyed
    .sort((a, b) => b.key - a.key || (a.id < b.id ? -1 : 1))
    .slice(0, count)
    .map((k) => k.id);
}

export function drawInspectors(pool: readonly string[], random: Random, count = 2): string[] {
  const left = [...pool].sort();
  const out: string[] = [];
  while (out.length < count && left.length) out.push(left.splice(Math.floor(random.next() * left.length), 1)[0]!);
  return out;
}

/** Both draws from one seed, in a fixed order: enterprises first, then inspectors. */
export function runDraw(candidates: readonly Candidate[], count: number, inspectorPool: readonly string[], seed: number) {
  const random = new Random(seed);
  const enterprises = drawEnterprises(candidates, count, random);
  const inspectors = drawInspectors(inspectorPool, random);
  return { enterprises, inspectors };
}
