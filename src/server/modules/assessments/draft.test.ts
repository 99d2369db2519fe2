import { describe, expect, it } from 'vitest';
import { splitTarget } from './draft';

const w = (...weights: number[]) => weights.map((weight, i) => ({ regionCode: `c${i}`, weight }));

describe('splitting a city target among counties', () => {
  it('in proportion, whole numbers adding up by the largest remainder', () => {
    // 40 by 5 : 3 : 2 → 20, 12, 8 exactly.
    expect([...splitTarget(40, w(5, 3, 2)).values()]).toEqual([20, 12, 8]);
    // 10 by 1 : 1 : 1 → 3.33 each: 3, 3, 3 and the one left to the first of the equal remainders → 4, 3, 3.
    expect([...splitTarget(10, w(1, 1, 1)).values()]).toEqual([4, 3, 3]);
    // 5 by 6 : 3 : 1 → 3, 1.5, 0.5: floors 3, 1, 0 (4); the 0.5s tie, the first takes it → 3, 2, 0.
    expect([...splitTarget(5, w(6, 3, 1)).values()]).toEqual([3, 2, 0]);
  });

  it('evenly when no county has a weight; a fractional target without rounding', () => {
    expect([...splitTarget(4, w(0, 0, 0, 0)).values()]).toEqual([1, 1, 1, 1]);
    expect([...splitTarget(2.5, w(1, 4)).values()]).toEqual([0.5, 2]);
  });
});
