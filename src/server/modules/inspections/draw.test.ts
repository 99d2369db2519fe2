import { describe, expect, it } from 'vitest';
import { commitmentOf, runDraw, type Candidate } from './draw';

const candidates: Candidate[] = Array.from({ length: 100 }, (_, i) => ({
  enterpriseId: `e${String(i).padStart(3, '0')}`,
  weight: i < 10 ? 4 : 1,
}));
const pool = ['u3', 'u1', 'u2', 'u4'];

describe('the random draw', () => {
  it('is reproducible from its seed, candidates and pool, and differs with another seed', () => {
    const a = runDraw(candidates, 8, pool, 20261125);
    expect(runDraw(candidates, 8, pool, 20261125)).toEqual(a);
    expect(runDraw(candidates, 8, [...pool].reverse(), 20261125)).toEqual(a); // the pool is sorted first
    expect(runDraw(candidates, 8, pool, 20261126).enterprises).not.toEqual(a.enterprises);
    expect(new Set(a.enterprises).size).toBe(8);
    expect(a.inspectors).toHaveLength(2);
    expect(a.inspectors[0]).not.toBe(a.inspectors[1]);
  });

  it('never draws more than there are, and no inspector twice', () => {
    expect(runDraw(candidates.slice(0, 3), 8, ['u1', 'u2'], 1)).toMatchObject({ inspectors: expect.arrayContaining(['u1', 'u2']) });
    expect(runDraw(candidates.slice(0, 3), 8, ['u1'], 1).enterprises).toHaveLength(3);
  });

  it('respects the weights: over many seeds a weight-4 candidate is drawn about 4× as often as a weight-1 one', () => {
    // One draw each: P(first pick = a given candidate) = weight / total weight = 4/130 vs 1/130.
    let heavy = 0;
    let light = 0;
    const runs = 20_000;
    for (let seed = 1; seed <= runs; seed++) {
      const [first] = runDraw(candidates, 1, pool, seed).enterprises;
      if (first! < 'e010') heavy++;
      else light++;
    }
    // Expected shares: heavy 40/130 = 30.8 %, light 90/130 = 69.2 %; per candidate 4:1.
    const perHeavy = heavy / 10;
    const perLight = light / 90;
    expect(heavy / runs).toBeGreaterThan(0.29);
    expect(heavy / runs).toBeLessThan(0.325);
    expect(perHeavy / perLight).toBeGreaterThan(3.6);
    expect(perHeavy / perLight).toBeLessThan(4.4);
  });

  it('commits to SHA-256 of "seed:nonce", which anyone can recompute (sha256sum gives the same)', () => {
    const nonce = '00112233445566778899aabbccddeeff';
    // printf '%s' '20261125:00112233445566778899aabbccddeeff' | sha256sum
    expect(commitmentOf(20261125, nonce)).toBe('6491bdf6f310d53114368ad8ba805f1ab65af4dba5726ee19ea448954b56be67');
    expect(commitmentOf(20261126, nonce)).toBe('0b9f2f804ea15ca2fac2ca59034647fcb0cf29688be04b92ab7b6664d82c3052');
  });
});
