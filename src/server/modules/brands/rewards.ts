/** Rewards (奖励): the split of an amount and the steps of a reward. Pure. */
export const REWARD_STATUSES = ['proposed', 'approved', 'paid', 'cancelled'] as const; // 拟奖励 已批准 已兑现 已取消
export type RewardStatus = (typeof REWARD_STATUSES)[number];

const NEXT: Record<RewardStatus, readonly RewardStatus[]> = {
  proposed: ['approved', 'cancelled'],
  approved: ['paid', 'cancelled'],
  paid: [],
  cancelled: [],
};
export const rewardNext = (status: RewardStatus): readonly RewardStatus[] => NEXT[status];

/** The city's share, rounded to the yuan; the county pays the rest, so the two always add up. */
export function splitReward(amount: number, citySharePercent: number): { city: number; county: number } {
  const city = Math.round((amount * citySharePercent) / 100);
  return { city, county: amount - city };
}
