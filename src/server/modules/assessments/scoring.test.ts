import { describe, expect, it } from 'vitest';
import { gradeOf, indicatorPoints, rank } from './scoring';

const steps = [
  { atLeast: 95, share: 0.8 },
  { atLeast: 90, share: 0.5 },
];

describe('county assessment arithmetic', () => {
  it('an indicator item: full when met; proportional; stepped; nothing otherwise', () => {
    // 10 points, target ≥ 98 %.
    expect(indicatorPoints({ points: 10, scoring: 'full_or_zero', steps: [] }, 98, 98, '>=')).toBe(10);
    expect(indicatorPoints({ points: 10, scoring: 'full_or_zero', steps: [] }, 97.9, 98, '>=')).toBe(0);
    // 49 of a target of 98: half the target → 5 points.
    expect(indicatorPoints({ points: 10, scoring: 'proportional', steps: [] }, 49, 98, '>=')).toBe(5);
    // 94.08 of 98 is 96 % of the target: the 95 % step → 8 points; 88.2 is 90 % → 5; 87 is below → 0.
    expect(indicatorPoints({ points: 10, scoring: 'stepped', steps }, 94.08, 98, '>=')).toBeCloseTo(8, 10);
    expect(indicatorPoints({ points: 10, scoring: 'stepped', steps }, 88.2, 98, '>=')).toBeCloseTo(5, 10);
    expect(indicatorPoints({ points: 10, scoring: 'stepped', steps }, 87, 98, '>=')).toBe(0);
    // ≤ 0 unqualified projects: 0 meets it, 1 does not.
    expect(indicatorPoints({ points: 5, scoring: 'proportional', steps: [] }, 0, 0, '<=')).toBe(5);
    expect(indicatorPoints({ points: 5, scoring: 'proportional', steps: [] }, 1, 0, '<=')).toBe(0);
    // Above 0 points: 0.5 earns the 10; 0 itself earns nothing, even proportionally.
    expect(indicatorPoints({ points: 10, scoring: 'full_or_zero', steps: [] }, 0.5, 0, '>')).toBe(10);
    expect(indicatorPoints({ points: 10, scoring: 'proportional', steps: [] }, 0, 0, '>')).toBe(0);
    // Above 4: 4 itself is just short of full even when proportional.
    expect(indicatorPoints({ points: 10, scoring: 'proportional', steps: [] }, 4, 4, '>')).toBeLessThan(10);
  });

  it('grades: A ≥ 90, B ≥ 80, C ≥ 60, D below; a veto forces D', () => {
    const t = { a: 90, b: 80, c: 60 };
    expect([
      gradeOf(90, false, t),
      gradeOf(89.99, false, t),
      gradeOf(80, false, t),
      gradeOf(60, false, t),
      gradeOf(59.9, false, t),
      gradeOf(98, true, t),
    ]).toEqual(['A', 'B', 'B', 'C', 'D', 'D']);
  });

  it('ranking: by total, ties by indicator then work points, equal ones share a rank, a vetoed county last', () => {
    const r = rank([
      { regionCode: 'a', total: 88, indicatorPoints: 50, workPoints: 38, veto: false },
      { regionCode: 'b', total: 92, indicatorPoints: 55, workPoints: 37, veto: true },
      { regionCode: 'c', total: 88, indicatorPoints: 52, workPoints: 36, veto: false },
      { regionCode: 'd', total: 88, indicatorPoints: 50, workPoints: 38, veto: false },
      { regionCode: 'e', total: 95, indicatorPoints: 58, workPoints: 37, veto: false },
    ]);
    expect(Object.fromEntries(r)).toEqual({ e: 1, c: 2, a: 3, d: 3, b: 5 });
  });
});
