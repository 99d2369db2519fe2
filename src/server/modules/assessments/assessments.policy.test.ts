import { describe, expect, it } from 'vitest';
import type { Actor } from '../../authz/actor';
import { testActor } from '../../../../test/helpers/actor';
import { countyAbilities, countyRegionScope, schemeAbilities } from './assessments.policy';

const actor = (role: Actor['role'], regionCode: string | null = null): Actor => testActor(role, { regionCode });
const beihu = actor('county_officer', '431002');
const suxian = actor('county_officer', '431003');
const city = actor('city_officer');
const county = (status: string) => ({ region_code: '431002', status });
const NONE = { file: false, selfAssess: false, review: false, decide: false };

describe('what a reader may do with a county assessment', () => {
  it('the county files its targets while open and assesses itself once filed; another county does nothing', () => {
    expect(countyAbilities(beihu, county('open'))).toEqual({ ...NONE, file: true });
    expect(countyAbilities(beihu, county('filed'))).toEqual({ ...NONE, selfAssess: true });
    for (const status of ['self_assessed', 'reviewed', 'final']) expect(countyAbilities(beihu, county(status))).toEqual(NONE);
    for (const status of ['open', 'filed', 'final']) expect(countyAbilities(suxian, county(status))).toEqual(NONE);
  });

  it('the office reviews from filing until final, then records the decision', () => {
    expect(countyAbilities(city, county('open'))).toEqual(NONE);
    for (const status of ['filed', 'self_assessed', 'reviewed'])
      expect(countyAbilities(city, county(status))).toEqual({ ...NONE, review: true });
    expect(countyAbilities(city, county('final'))).toEqual({ ...NONE, decide: true });
  });

  it('the administrator acts for the county and the office; the leading group reads', () => {
    expect(countyAbilities(actor('admin'), county('filed'))).toEqual({ ...NONE, selfAssess: true, review: true });
    for (const status of ['open', 'filed', 'reviewed', 'final'])
      expect(countyAbilities(actor('leading_group'), county(status))).toEqual(NONE);
  });

  it('the office edits and opens a draft scheme and finalises an open one; a county officer does neither', () => {
    expect(schemeAbilities(city, { status: 'draft' })).toEqual({ edit: true, open: true, finalise: false });
    expect(schemeAbilities(city, { status: 'open' })).toEqual({ edit: false, open: false, finalise: true });
    expect(schemeAbilities(city, { status: 'final' })).toEqual({ edit: false, open: false, finalise: false });
    expect(schemeAbilities(beihu, { status: 'draft' })).toEqual({ edit: false, open: false, finalise: false });
  });

  it('a county officer reads their county only, without a county none', () => {
    expect(countyRegionScope(beihu)).toEqual(['431002']);
    expect(countyRegionScope(actor('county_officer'))).toEqual([]);
    expect(countyRegionScope(city)).toBeNull();
  });
});
