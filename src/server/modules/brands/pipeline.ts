/**
 * The cultivation pipeline (“培育一批、申报一批”): 候选 → 培育 → 申报 → 推荐 → 评审 → 公示 → 认定,
 * or 落选 from 申报 on. Pure: which stage may follow which, and where eligibility is checked.
 */
export const STAGES = ['candidate', 'cultivating', 'applied', 'recommended', 'reviewing', 'publicised', 'granted', 'rejected'] as const;
export type Stage = (typeof STAGES)[number];

const ORDER: readonly Stage[] = ['candidate', 'cultivating', 'applied', 'recommended', 'reviewing', 'publicised', 'granted'];
const MAY_FAIL: readonly Stage[] = ['applied', 'recommended', 'reviewing', 'publicised'];

/** The stages a cultivation may move to from `stage`: the next one, and 落选 once it has applied. */
export function nextStages(stage: Stage): Stage[] {
  const i = ORDER.indexOf(stage);
  const next = i >= 0 && i < ORDER.length - 1 ? [ORDER[i + 1]!] : [];
  return MAY_FAIL.includes(stage) ? [...next, 'rejected'] : next;
}

/** Before applying and before the city recommends, the enterprise must be eligible. */
export const CHECKED_BEFORE: readonly Stage[] = ['applied', 'recommended'];

export const BLOCKS = ['recent_failure', 'licence_lapsed', 'abnormal_operation', 'serious_dishonesty', 'reapply_barred'] as const;
export type Block = (typeof BLOCKS)[number];

export interface EligibilityFacts {
  /** Final unqualified spot-check results sampled in the configured window. */
  failuresSince: number;
  licences: number;
  licencesInForce: number;
  /** The credit lists the enterprise is on that day (企业信息公示暂行条例 art. 18). */
  lists: readonly ('abnormal_operation' | 'serious_dishonesty')[];
  /** Granted the same programme within its re-application bar (省长质量奖: 6 years). */
  grantedWithinBar: boolean;
}

/**
 * Why an enterprise may not apply or be recommended: a recent final unqualified spot-check
 * result, production licences on record of which none is in force, a credit list, or a win of
 * the same programme within its re-application bar.
 */
export function eligibilityBlocks(facts: EligibilityFacts): Block[] {
  const blocks: Block[] = [];
  if (facts.failuresSince > 0) blocks.push('recent_failure');
  if (facts.licences > 0 && facts.licencesInForce === 0) blocks.push('licence_lapsed');
  blocks.push(...facts.lists);
  if (facts.grantedWithinBar) blocks.push('reapply_barred');
  return blocks;
}
