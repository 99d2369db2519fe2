/**
 * The arithmetic of the dashboard, pure: an indicator's value from its sums, its status against
 * the target, and the linear trend to the plan's last year. Values are never rounded here.
 */
export type IndicatorKind = 'rate' | 'count' | 'value';
export type Direction = '>=' | '>' | '<=' | '=';
export const STATUSES = ['met', 'near', 'not_met', 'no_data', 'no_target'] as const; // 达标 / 接近 / 未达标 / 无数据 / 无目标
export type Status = (typeof STATUSES)[number];

/**
 * A rate is 100 × Σnumerator ÷ Σdenominator (none when the denominator is 0: "无数据", never 0 %
 * or 100 %); a count or value is Σnumerator. With a comparison figure (a provincial average) the
 * value is the rate less that figure, in percentage points.
 */
export function indicatorValue(
  kind: IndicatorKind,
  sums: { num: number; den: number; rows: number },
  compare?: number | null,
): number | null {
  if (compare !== undefined) {
    if (compare === null || sums.den === 0) return null;
    return (100 * sums.num) / sums.den - compare;
  }
  if (kind === 'rate') return sums.den === 0 ? null : (100 * sums.num) / sums.den;
  return sums.num;
}

/**
 * Met when the value satisfies the direction (above the target for '>': equal to it is not met); near when it is within `nearPercent` % of the
 * target's size (at least 1 unit for a target of 0); otherwise not met.
 */
export function statusOf(value: number | null, target: number | null, direction: Direction, nearPercent: number): Status {
  if (target === null) return 'no_target';
  if (value === null) return 'no_data';
  const met =
    direction === '>=' ? value >= target : direction === '>' ? value > target : direction === '<=' ? value <= target : value === target;
  if (met) return 'met';
  const margin = Math.max(Math.abs(target) * (nearPercent / 100), target === 0 ? 1 : 0);
  const gap = direction === '>=' || direction === '>' ? target - value : direction === '<=' ? value - target : Math.abs(value - target);
  return gap <= margin ? 'near' : 'not_met';
}

/**
 * The least-squares line through the years that have a value, read at `year`; null with fewer
 * than two such years.
 */
export function projectTo(points: { year: number; value: number | null }[], year: number): number | null {
  const known = points.filter((p): p is { year: number; value: number } => p.value !== null);
  if (known.length < 2) return null;
  const n = known.length;
  const mx = known.reduce((s, p) => s + p.year, 0) / n;
  const my = known.reduce((s, p) => s + p.value, 0) / n;
  const sxx = known.reduce((s, p) => s + (p.year - mx) ** 2, 0);
  const sxy = known.reduce((s, p) => s + (p.year - mx) * (p.value - my), 0);
  return my + (sxy / sxx) * (year - mx);
}
