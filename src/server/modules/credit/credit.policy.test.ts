import { describe, expect, it } from 'vitest';
import type { Actor } from '../../authz/actor';
import { testActor } from '../../../../test/helpers/actor';
import { creditListingAbilities, inForceOn } from './credit.policy';
import type { CreditListingRecord } from './credit.repository';

const actor = (role: Actor['role'], regionCode: string | null = null): Actor => testActor(role, { regionCode });
const entry = (removedOn: string | null): CreditListingRecord => ({
  id: 'c1',
  enterpriseId: 'e1',
  regionCode: '431002',
  list: 'abnormal_operation',
  authority: '北湖区市场监督管理局',
  decisionNo: '',
  reason: '未按期公示年报',
  listedOn: '2026-03-01',
  removedOn,
  removalReason: removedOn ? 'fulfilled' : null,
  removalNote: '',
  version: 1,
  createdAt: '',
  updatedAt: '',
  createdBy: null,
});

describe('credit listings', () => {
  it('on its list from the day listed until the day before removal', () => {
    expect(inForceOn(entry(null), '2026-02-28')).toBe(false);
    expect(inForceOn(entry(null), '2026-03-01')).toBe(true);
    expect(inForceOn(entry('2026-06-10'), '2026-06-09')).toBe(true);
    expect(inForceOn(entry('2026-06-10'), '2026-06-10')).toBe(false);
  });

  it('removed while on its list by whoever edits its region', () => {
    expect(creditListingAbilities(actor('city_officer'), entry(null))).toEqual({ remove: true });
    expect(creditListingAbilities(actor('county_officer', '431002'), entry(null))).toEqual({ remove: true });
    expect(creditListingAbilities(actor('county_officer', '431003'), entry(null))).toEqual({ remove: false });
    expect(creditListingAbilities(actor('leading_group'), entry(null))).toEqual({ remove: false });
    expect(creditListingAbilities(actor('city_officer'), entry('2026-06-10'))).toEqual({ remove: false });
  });
});
