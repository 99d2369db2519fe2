import { addDays, addYears } from '../../lib/dates';

/** What the register needs of a programme to date an honour. */
export interface ProgrammeRules {
  validityYears: number | null;
  reviewCycleYears: number | null;
  lastGrantYear: number | null;
  running: boolean;
}

export const HONOUR_STATUSES = ['active', 'expired', 'revoked', 'historical'] as const; // 有效/到期/撤销/历史
export type HonourStatus = (typeof HONOUR_STATUSES)[number];

/**
 * Valid through the day before the anniversary (a 3-year honour of 2024-09-01 holds to
 * 2027-08-31); the first review falls on the anniversary of the cycle. None when the programme
 * sets none (a 驰名商标 recognition has no validity).
 */
export function honourDates(p: ProgrammeRules, grantedOn: string): { validUntil: string | null; nextReviewOn: string | null } {
  return {
    validUntil: p.validityYears ? addDays(addYears(grantedOn, p.validityYears), -1) : null,
    nextReviewOn: p.reviewCycleYears ? addYears(grantedOn, p.reviewCycleYears) : null,
  };
}

/**
 * After a passed review due on `dueOn`: the next review a cycle later and validity a full term
 * from the due date, so the cycle keeps its anniversary however late the review sat (never
 * shortened).
 */
export function renewedDates(
  p: Pick<ProgrammeRules, 'validityYears' | 'reviewCycleYears'>,
  dueOn: string,
  validUntil: string | null,
): { valid_until: string | null; next_review_on: string | null } {
  const renewed = p.validityYears ? addDays(addYears(dueOn, p.validityYears), -1) : null;
  return {
    valid_until: validUntil === null || renewed === null ? validUntil : renewed > validUntil ? renewed : validUntil,
    next_review_on: p.reviewCycleYears ? addYears(dueOn, p.reviewCycleYears) : null,
  };
}

/** Revoked, else expired on the day after validUntil — historical when the programme has ended. */
export function honourStatus(
  h: { validUntil: string | null; revokedOn: string | null },
  p: Pick<ProgrammeRules, 'running'>,
  today: string,
): HonourStatus {
  if (h.revokedOn) return 'revoked';
  if (h.validUntil && h.validUntil < today) return p.running ? 'expired' : 'historical';
  return 'active';
}

/** Why a programme cannot grant on this date, or null (中国名牌产品: none after 2007). */
export function grantRefusal(p: ProgrammeRules, grantedOn: string): string | null {
  if (p.lastGrantYear !== null && Number(grantedOn.slice(0, 4)) > p.lastGrantYear) return `该项目 ${p.lastGrantYear} 年后不再认定`;
  return null;
}
