import { describe, expect, it } from 'vitest';
import type { Role } from '../../../contract/permissions';
import type { Actor } from '../../authz/actor';
import { testActor } from '../../../../test/helpers/actor';
import { caseActions, organises, planAbilities, responseAbilities } from './inspections.policy';

const actor = (role: Role | 'system', regionCode: string | null = null): Actor => testActor(role, { regionCode });
const cityPlan = { level: 'city', region_code: '431000' };
const ownCounty = { level: 'county', region_code: '431002' };
const otherCounty = { level: 'county', region_code: '431003' };
const none = { draw: false, publish: false, issueNumber: false, importResults: false };

describe('plan abilities', () => {
  it('a county officer organises their own county’s plans only: not the city’s, not another county’s', () => {
    const county = actor('county_officer', '431002');
    expect(planAbilities(county, ownCounty)).toEqual({ draw: true, publish: true, issueNumber: true, importResults: false });
    expect(planAbilities(county, cityPlan)).toEqual(none);
    expect(planAbilities(county, otherCounty)).toEqual(none);
    // A county-level plan of the city's code is not the county's either.
    expect(organises(county, { level: 'city', region_code: '431002' })).toBe(false);
  });

  it('the city organises every plan and imports result tables; readers organise none', () => {
    for (const role of ['admin', 'city_officer', 'system'] as const) {
      for (const plan of [cityPlan, ownCounty, otherCounty])
        expect(planAbilities(actor(role), plan), role).toEqual({ draw: true, publish: true, issueNumber: true, importResults: true });
    }
    for (const role of ['leading_group', 'department_reporter', 'enterprise_user'] as const)
      expect(planAbilities(actor(role), cityPlan), role).toEqual(none);
  });
});

describe('case actions and responses', () => {
  it('the leading group only reads; an officer gets the workflow’s actions for the state', () => {
    expect(caseActions(actor('leading_group'), 'sampled')).toEqual([]);
    expect(caseActions(actor('city_officer'), 'sampled')).toEqual(['record_result', 'refuse']);
    expect(caseActions(actor('city_officer'), 'closed')).toEqual([]);
  });

  it('an enterprise responds to an unqualified result; an officer decides a submitted response', () => {
    const firm = { ...actor('enterprise_user'), enterpriseId: 'e' };
    expect(responseAbilities(firm, { final_verdict: 'unqualified' }, undefined)).toEqual({ respond: true, decide: false });
    expect(responseAbilities(firm, { final_verdict: 'qualified' }, undefined)).toEqual({ respond: false, decide: false });
    expect(responseAbilities(actor('county_officer', '431002'), { final_verdict: 'unqualified' }, { status: 'submitted' })).toEqual({
      respond: false,
      decide: true,
    });
    expect(responseAbilities(actor('city_officer'), { final_verdict: 'unqualified' }, { status: 'approved' })).toEqual({
      respond: false,
      decide: false,
    });
    expect(responseAbilities(actor('leading_group'), { final_verdict: 'unqualified' }, { status: 'submitted' })).toEqual({
      respond: false,
      decide: false,
    });
  });
});
