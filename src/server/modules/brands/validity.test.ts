import { describe, expect, it } from 'vitest';
import { grantRefusal, honourDates, honourStatus, renewedDates, type ProgrammeRules } from './validity';

const hunan: ProgrammeRules = { validityYears: 3, reviewCycleYears: 3, lastGrantYear: null, running: true };
const chinaTop: ProgrammeRules = { validityYears: 5, reviewCycleYears: null, lastGrantYear: 2007, running: false };
const trademark: ProgrammeRules = { validityYears: null, reviewCycleYears: null, lastGrantYear: null, running: true };

describe('honour validity per programme', () => {
  it('a 3-year provincial brand holds through the day before its anniversary, reviewed on it', () => {
    expect(honourDates(hunan, '2024-09-01')).toEqual({ validUntil: '2027-08-31', nextReviewOn: '2027-09-01' });
    // From a leap day: 3 years on is 28 Feb 2027, so valid to 27 Feb.
    expect(honourDates(hunan, '2024-02-29')).toEqual({ validUntil: '2027-02-27', nextReviewOn: '2027-02-28' });
  });

  it('中国名牌产品: 5 years, none granted after 2007, historical once expired', () => {
    expect(honourDates(chinaTop, '2007-09-01')).toEqual({ validUntil: '2012-08-31', nextReviewOn: null });
    expect(grantRefusal(chinaTop, '2008-01-01')).toBe('该项目 2007 年后不再认定');
    expect(grantRefusal(chinaTop, '2007-12-31')).toBeNull();
    // A running programme with no last year grants in any year.
    expect(grantRefusal(hunan, '2026-12-01')).toBeNull();
    expect(honourStatus({ validUntil: '2012-08-31', revokedOn: null }, chinaTop, '2026-11-25')).toBe('historical');
  });

  it('a recognition (驰名商标) never expires; revocation wins over everything', () => {
    expect(honourDates(trademark, '2015-03-10')).toEqual({ validUntil: null, nextReviewOn: null });
    expect(honourStatus({ validUntil: null, revokedOn: null }, trademark, '2099-01-01')).toBe('active');
    expect(honourStatus({ validUntil: '2027-08-31', revokedOn: '2025-01-02' }, hunan, '2025-06-01')).toBe('revoked');
  });

  it('expires the day after validUntil', () => {
    expect(honourStatus({ validUntil: '2027-08-31', revokedOn: null }, hunan, '2027-08-31')).toBe('active');
    expect(honourStatus({ validUntil: '2027-08-31', revokedOn: null }, hunan, '2027-09-01')).toBe('expired');
  });

  it('a passed review renews from the due date however late it sat, and never shortens validity', () => {
    // Granted 2023-09-01, due 2026-09-01, reviewed late in November: the cycle keeps September.
    expect(renewedDates(hunan, '2026-09-01', '2026-08-31')).toEqual({ valid_until: '2029-08-31', next_review_on: '2029-09-01' });
    // A programme reviewed every 2 years but valid 5: validity stays where it reaches further.
    expect(renewedDates({ validityYears: 5, reviewCycleYears: 2 }, '2026-09-01', '2028-08-31')).toEqual({
      valid_until: '2031-08-31',
      next_review_on: '2028-09-01',
    });
    expect(renewedDates({ validityYears: 1, reviewCycleYears: 2 }, '2026-09-01', '2028-08-31')).toEqual({
      valid_until: '2028-08-31',
      next_review_on: '2028-09-01',
    });
    // No validity (an award reviewed without a term) stays without one.
    expect(renewedDates({ validityYears: null, reviewCycleYears: 3 }, '2026-09-01', null)).toEqual({
      valid_until: null,
      next_review_on: '2029-09-01',
    });
  });
});
