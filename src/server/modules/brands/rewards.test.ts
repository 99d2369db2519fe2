import { describe, expect, it } from 'vitest';
import { rewardNext, splitReward } from './rewards';

describe('rewards', () => {
  it('splits an amount between city and county, whole yuan, adding up', () => {
    expect(splitReward(500_000, 50)).toEqual({ city: 250_000, county: 250_000 });
    expect(splitReward(500_000, 60)).toEqual({ city: 300_000, county: 200_000 });
    // 100,001 × 33 % = 33,000.33 → 33,000 to the city, 67,001 to the county; 100,003 × 50 % = 50,001.5 → 50,002 and 50,001.
    expect(splitReward(100_001, 33)).toEqual({ city: 33_000, county: 67_001 });
    expect(splitReward(100_003, 50)).toEqual({ city: 50_002, county: 50_001 });
    expect(splitReward(500_000, 100)).toEqual({ city: 500_000, county: 0 });
  });

  it('proposed → approved → paid, cancellable until paid', () => {
    expect(rewardNext('proposed')).toEqual(['approved', 'cancelled']);
    expect(rewardNext('approved')).toEqual(['paid', 'cancelled']);
    expect(rewardNext('paid')).toEqual([]);
    expect(rewardNext('cancelled')).toEqual([]);
  });
});
