import { describe, expect, it } from 'vitest';
import type { Actor } from '../../authz/actor';
import { testActor } from '../../../../test/helpers/actor';
import { cultivationAbilities, rewardAbilities } from './brands.policy';

const actor = (role: Actor['role'], regionCode: string | null = null): Actor => testActor(role, { regionCode });
const city = actor('city_officer');
const beihu = actor('county_officer', '431002');
const suxian = actor('county_officer', '431003');

describe('what a reader may do with a cultivation and a reward', () => {
  it('a cultivation moves on while a stage follows, its documents are kept, by whoever edits its region', () => {
    expect(cultivationAbilities(city, { region_code: '431002', stage: 'candidate' })).toEqual({ advance: true, documents: true });
    expect(cultivationAbilities(beihu, { region_code: '431002', stage: 'applied' })).toEqual({ advance: true, documents: true });
    // 认定 and 落选 end the pipeline: nothing follows, the documents stay open to keep.
    expect(cultivationAbilities(city, { region_code: '431002', stage: 'granted' })).toEqual({ advance: false, documents: true });
    expect(cultivationAbilities(city, { region_code: '431002', stage: 'rejected' })).toEqual({ advance: false, documents: true });
    expect(cultivationAbilities(suxian, { region_code: '431002', stage: 'candidate' })).toEqual({ advance: false, documents: false });
    expect(cultivationAbilities(actor('leading_group'), { region_code: '431002', stage: 'candidate' })).toEqual({
      advance: false,
      documents: false,
    });
  });

  it('a reward is approved or cancelled when proposed, paid or cancelled when approved, and then no more', () => {
    expect(rewardAbilities(city, { region_code: '431002', status: 'proposed' })).toEqual({ approve: true, pay: false, cancel: true });
    expect(rewardAbilities(beihu, { region_code: '431002', status: 'approved' })).toEqual({ approve: false, pay: true, cancel: true });
    expect(rewardAbilities(city, { region_code: '431002', status: 'paid' })).toEqual({ approve: false, pay: false, cancel: false });
    expect(rewardAbilities(city, { region_code: '431002', status: 'cancelled' })).toEqual({ approve: false, pay: false, cancel: false });
    expect(rewardAbilities(suxian, { region_code: '431002', status: 'proposed' })).toEqual({ approve: false, pay: false, cancel: false });
  });
});
