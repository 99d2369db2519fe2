import { describe, expect, it } from 'vitest';
import type { Role } from '../../../contract/permissions';
import type { Actor } from '../../authz/actor';
import { testActor } from '../../../../test/helpers/actor';
import { enterpriseAbilities, enterpriseScope, proposalAbilities } from './enterprises.policy';

const actor = (role: Role | 'system', regionCode: string | null = null, enterpriseId: string | null = null): Actor =>
  testActor(role, { regionCode, enterpriseId });

describe('enterprise policy (pure: the service loads, the policy decides)', () => {
  it('a county officer edits their county’s enterprises only; the city all; readers none', () => {
    const county = actor('county_officer', '431002');
    expect(enterpriseAbilities(county, { region_code: '431002' })).toEqual({ update: true, delete: true });
    expect(enterpriseAbilities(county, { region_code: '431003' })).toEqual({ update: false, delete: false });
    expect(enterpriseAbilities(actor('city_officer'), { region_code: '431003' })).toEqual({ update: true, delete: true });
    for (const role of ['leading_group', 'department_reporter', 'enterprise_user'] as const) {
      expect(enterpriseAbilities(actor(role), { region_code: '431002' }), role).toEqual({ update: false, delete: false });
    }
  });

  it('a proposal is decided while pending, by an editor of its enterprise’s region', () => {
    const county = actor('county_officer', '431002');
    expect(proposalAbilities(county, { status: 'pending' }, '431002')).toEqual({ decide: true });
    expect(proposalAbilities(county, { status: 'accepted' }, '431002')).toEqual({ decide: false });
    expect(proposalAbilities(county, { status: 'pending' }, '431003')).toEqual({ decide: false });
    expect(proposalAbilities(actor('enterprise_user', null, 'e'), { status: 'pending' }, '431002')).toEqual({ decide: false });
  });

  it('scopes: a county, an enterprise, or everything', () => {
    expect(enterpriseScope(actor('county_officer', '431002'))).toEqual({ regions: ['431002'] });
    expect(enterpriseScope(actor('county_officer'))).toEqual({ regions: [] });
    expect(enterpriseScope(actor('enterprise_user', null, 'e1'))).toEqual({ enterpriseId: 'e1' });
    expect(enterpriseScope(actor('leading_group'))).toEqual({});
  });
});
