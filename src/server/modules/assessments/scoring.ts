import type { Direction } from '../targets/measure';

/**
 * The arithmetic of the county assessment, pure: an indicator item's points from the county's
 * value, a county's total and grade, and the ranking with its tie rules (国办发〔2013〕47号:
 * 100 points, A ≥ 90, B 80–89, C 60–79, D below; a veto forces D).
 */
export const SCORINGS = ['full_or_zero', 'proportional', 'stepped'] as const;
export type Scoring = (typeof SCORINGS)[number];
export const ITEM_KINDS = ['indicator', 'work', 'deduction', 'veto'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export const SMALL_SAMPLE_RULES = ['city', 'full', 'zero'] as const; // 以全市值计 / 记满分 / 记零分
export type SmallSampleRule = (typeof SMALL_SAMPLE_RULES)[number];
export type Grade = 'A' | 'B' | 'C' | 'D';

/** A step of a stepped rule: at or above this share of the target (in %), this share of the points. */
export interface Step {
  atLeast: number;
  share: number;
}

/** How much of its target a value achieves, in percent (100 = met), by the direction. */
export function achievement(value: number, target: number, direction: Direction): number {
  // Above (>): only a value past the target achieves it; the target itself falls just short.
  if (direction === '>') return value > target ? 100 : target > 0 ? Math.min((value / target) * 100, 99.99) : 0;
  if (direction === '>=') return target === 0 ? (value >= 0 ? 100 : 0) : (value / target) * 100;
  if (direction === '<=') return value <= target ? 100 : value === 0 ? 100 : target <= 0 ? 0 : (target / value) * 100;
  return value === target ? 100 : 0;
}

/**
 * An indicator item's points: full when the target is met; under `proportional`, the share of the
 * target achieved; under `stepped`, the share of the first step reached; otherwise none.
 */
export function indicatorPoints(
  item: { points: number; scoring: Scoring; steps: Step[] },
  value: number,
  target: number,
  direction: Direction,
): number {
  const achieved = achievement(value, target, direction);
  if (achieved >= 100) return item.points;
  if (item.scoring === 'proportional') return (item.points * Math.max(0, achieved)) / 100;
  if (item.scoring === 'stepped') {
    const step = [...item.steps].sort((a, b) => b.atLeast - a.atLeast).find((s) => achieved >= s.atLeast);
    return step ? item.points * step.share : 0;
  }
  return 0;
}

export function gradeOf(total: number, veto: boolean, t: { a: number; b: number; c: number }): Grade {
  if (veto) return 'D';
  return total >= t.a ? 'A' : total >= t.b ? 'B' : total >= t.c ? 'C' : 'D';
}

export interface Ranked {
  regionCode: string;
  total: number;
  indicatorPoints: number;
  workPoints: number;
  veto: boolean;
}

/**
 * Ranks by total, a vetoed county after all others; a tie is broken by the indicator items'
 * points, then the work items'; counties still equal share a rank and the next rank is skipped
 * (1, 2, 2, 4).
 */
export function rank(counties: Ranked[]): Map<string, number> {
  const key = (c: Ranked) => [c.veto ? 1 : 0, -c.total, -c.indicatorPoints, -c.workPoints];
  const cmp = (a: Ranked, b: Ranked) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return 0;
  };
  const sorted = [...counties].sort(cmp);
  const out = new Map<string, number>();
  sorted.forEach((c, i) => out.set(c.regionCode, i > 0 && cmp(sorted[i - 1]!, c) === 0 ? out.get(sorted[i - 1]!.regionCode)! : i + 1));
  return out;
}
