import { describe, expect, it } from 'vitest';
import { indicatorValue, projectTo, statusOf } from './measure';

describe('indicator arithmetic', () => {
  it('a rate is from the sums; an empty denominator is no data, not 0 % or 100 %', () => {
    // 49 of 50 products: 98 %.
    expect(indicatorValue('rate', { num: 49, den: 50, rows: 50 })).toBe(98);
    expect(indicatorValue('rate', { num: 0, den: 0, rows: 0 })).toBeNull();
    expect(indicatorValue('count', { num: 7, den: 0, rows: 7 })).toBe(7);
    expect(indicatorValue('count', { num: 0, den: 0, rows: 0 })).toBe(0);
  });

  it('against a provincial average: the rate less the figure, in points', () => {
    // 188 of 200 batches = 94 %; the province 91.5 %: +2.5 points.
    expect(indicatorValue('value', { num: 188, den: 200, rows: 200 }, 91.5)).toBe(2.5);
    expect(indicatorValue('value', { num: 188, den: 200, rows: 200 }, null)).toBeNull();
    expect(indicatorValue('value', { num: 0, den: 0, rows: 0 }, 91.5)).toBeNull();
  });

  it('status: met, near within 10 % of the target, not met; none without a value or a target', () => {
    expect(statusOf(98, 98, '>=', 10)).toBe('met');
    expect(statusOf(88.2, 98, '>=', 10)).toBe('near'); // 9.8 short of 98: within 9.8
    expect(statusOf(88.1, 98, '>=', 10)).toBe('not_met');
    expect(statusOf(36, 40, '>=', 10)).toBe('near');
    expect(statusOf(35, 40, '>=', 10)).toBe('not_met');
    expect(statusOf(0, 0, '<=', 10)).toBe('met');
    expect(statusOf(1, 0, '<=', 10)).toBe('near'); // a target of 0: one unit counts as near
    expect(statusOf(2, 0, '<=', 10)).toBe('not_met');
    // Above 0 points (PQ-BRANDGROWTH): 0.1 is above; 0 itself is not, only near (a target of 0: one unit); −2 is not met.
    expect(statusOf(0.1, 0, '>', 10)).toBe('met');
    expect(statusOf(0, 0, '>', 10)).toBe('near');
    expect(statusOf(-2, 0, '>', 10)).toBe('not_met');
    expect(statusOf(null, 98, '>=', 10)).toBe('no_data');
    expect(statusOf(5, null, '>=', 10)).toBe('no_target');
  });

  it('projection: the least-squares line read at the target year', () => {
    // 2010: 90, 2011: 92, 2012: 94 → +2 a year → 2015: 100.
    expect(
      projectTo(
        [
          { year: 2010, value: 90 },
          { year: 2011, value: 92 },
          { year: 2012, value: 94 },
        ],
        2015,
      ),
    ).toBeCloseTo(100, 10);
    // 2010: 1, 2011: 3, 2012: 2 (and a year without data): slope 0.5, mean 2 at 2011 → 2015: 4.
    expect(
      projectTo(
        [
          { year: 2010, value: 1 },
          { year: 2011, value: 3 },
          { year: 2012, value: 2 },
          { year: 2013, value: null },
        ],
        2015,
      ),
    ).toBeCloseTo(4, 10);
    expect(
      projectTo(
        [
          { year: 2010, value: 1 },
          { year: 2011, value: null },
        ],
        2015,
      ),
    ).toBeNull();
  });
});
