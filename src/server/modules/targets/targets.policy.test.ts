import { describe, expect, it } from 'vitest';
import type { Actor } from '../../authz/actor';
import { testActor } from '../../../../test/helpers/actor';
import { reportedScope, reportedValueAbilities } from './targets.policy';

const actor = (role: Actor['role'], scope: Parameters<typeof testActor>[1] = {}): Actor => testActor(role, scope);
const housing = actor('department_reporter', { departmentCode: 'housing' });
const quality = actor('department_reporter', { departmentCode: 'quality' });
const city = actor('city_officer');
const county = actor('county_officer', { regionCode: '431002' });
const NONE = { edit: false, submit: false, approve: false, return: false, unlock: false };

describe('what a reader may do with a reported figure', () => {
  it('its department enters, corrects and submits it until it is submitted; a figure not yet entered is only entered', () => {
    const of = (status: 'draft' | 'submitted' | 'approved' | 'returned' | null) =>
      reportedValueAbilities(housing, { departmentCode: 'housing', status });
    expect(of(null)).toEqual({ ...NONE, edit: true });
    expect(of('draft')).toEqual({ ...NONE, edit: true, submit: true });
    expect(of('returned')).toEqual({ ...NONE, edit: true, submit: true });
    expect(of('submitted')).toEqual(NONE);
    expect(of('approved')).toEqual(NONE);
    // Another department's figure is not theirs.
    expect(reportedValueAbilities(quality, { departmentCode: 'housing', status: 'draft' })).toEqual(NONE);
  });

  it('the office approves or returns a submitted figure and unlocks an approved one, and enters none', () => {
    const of = (status: 'draft' | 'submitted' | 'approved' | 'returned') =>
      reportedValueAbilities(city, { departmentCode: 'housing', status });
    expect(of('draft')).toEqual(NONE);
    expect(of('submitted')).toEqual({ ...NONE, approve: true, return: true });
    expect(of('approved')).toEqual({ ...NONE, unlock: true });
    expect(of('returned')).toEqual(NONE);
  });

  it('the administrator does both sides; a county officer and the leading group only read', () => {
    expect(reportedValueAbilities(actor('admin'), { departmentCode: 'housing', status: 'draft' })).toEqual({
      ...NONE,
      edit: true,
      submit: true,
    });
    expect(reportedValueAbilities(actor('admin'), { departmentCode: 'housing', status: 'submitted' })).toEqual({
      ...NONE,
      approve: true,
      return: true,
    });
    for (const status of ['draft', 'submitted', 'approved', 'returned'] as const) {
      expect(reportedValueAbilities(county, { departmentCode: 'housing', status })).toEqual(NONE);
      expect(reportedValueAbilities(actor('leading_group'), { departmentCode: 'housing', status })).toEqual(NONE);
    }
  });

  it('a reporter sees their department, a county officer their county, the office all', () => {
    expect(reportedScope(housing)).toEqual({ departmentCode: 'housing' });
    expect(reportedScope(county)).toEqual({ regions: ['431002'] });
    expect(reportedScope(actor('department_reporter'))).toEqual({ departmentCode: '-' });
    expect(reportedScope(city)).toEqual({});
  });
});
