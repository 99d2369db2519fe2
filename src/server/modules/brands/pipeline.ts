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

export const BLOCKS = ['recent_failure', 'licence_lapsed'] as const;
export type Block = (typeof BLOCKS)[number];

/**
 * Why an enterprise may not apply or be recommended: a final unqualified spot-check result
 * sampled since `failuresSince`, or production licences on record of which none is in force.
 */
export function eligibilityBlocks(facts: { failuresSince: number; licences: number; licencesInForce: number }): Block[] {
  const blocks: Block[] = [];
  if (facts.failuresSince > 0) blocks.push('recent_failure');
  if (facts.licences > 0 && facts.licencesInForce === 0) blocks.push('licence_lapsed');
  return blocks;
}
