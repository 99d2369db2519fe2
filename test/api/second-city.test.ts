import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/server/authz/actor';
import { makeUscc } from '../../src/server/lib/uscc';
import { parseRegionFile } from '../../src/server/modules/reference/region-file';
import { testApp, type Agent, type TestApp } from '../helpers/app';

/**
 * Another city adopts the platform by loading its regions, with no code change: Zhuzhou's tree
 * (test/fixtures/regions-zhuzhou.csv, two townships under 荷塘区) replaces Chenzhou's.
 */
describe('a second city', () => {
  let t: TestApp;
  let city: Agent;
  let hetang: Agent;
  const cli = systemActor('cli');

  beforeAll(async () => {
    t = await testApp();
    const rows = fs
      .readFileSync('test/fixtures/regions-zhuzhou.csv', 'utf8')
      .trim()
      .split('\n')
      .map((l, i) => ({ line: i + 1, cells: l.split(',') }));
    const { entries, problems } = parseRegionFile(rows, new Set(['430000']));
    expect(problems).toEqual([]);
    expect(await t.services.reference.loadRegions(cli, entries, { retireOthers: true })).toEqual({
      created: 8,
      updated: 0,
      retired: 12,
      unchanged: 0,
    });
    city = await t.as('city_officer', 'zz-city');
    hetang = await t.as('county_officer', 'zz-hetang', { regionCode: '430202' });
    const firm = (name: string, regionCode: string, code: string) =>
      t.services.enterprises.create(cli, { uscc: makeUscc('91', regionCode.slice(0, 6), code), name, regionCode, industryCode: 'other' });
    await firm('株洲月塘示例有限公司', '430202001', 'MA4T0101');
    await firm('株洲荷塘示例有限公司', '430202', 'MA4T0102');
    await firm('株洲芦淞示例有限公司', '430203', 'MA4T0103');
  });
  afterAll(() => t.close());

  it('serves the loaded city: the session names it, the province above and its counties', async () => {
    const me = (await city.request('GET', '/api/v1/auth/me')).json();
    expect(me.jurisdiction).toEqual({ home: '430200', parent: '430000', units: ['430202', '430203', '430211', '430223', '430281'] });
  });

  it('confines a district officer to the district and the townships below it', async () => {
    const names = (await hetang.request('GET', '/api/v1/enterprises?limit=50'))
      .json()
      .items.map((e: { name: string }) => e.name)
      .sort();
    expect(names).toEqual(['株洲月塘示例有限公司', '株洲荷塘示例有限公司']);
    const all = (await city.request('GET', '/api/v1/enterprises?limit=50')).json().items.map((e: { name: string }) => e.name);
    expect(all).toHaveLength(3);
    // The city's filter by a district takes the townships below it too.
    const hetangFirms = (await city.request('GET', '/api/v1/enterprises?regionCode=430202&limit=50'))
      .json()
      .items.map((e: { name: string }) => e.name)
      .sort();
    expect(hetangFirms).toEqual(['株洲月塘示例有限公司', '株洲荷塘示例有限公司']);
  });

  it('refuses a county officer in a township (a county officer serves a county or district of the city)', async () => {
    const admin = await t.as('admin', 'zz-admin');
    const res = await admin.request('POST', '/api/v1/users', {
      username: 'zz-yuetang',
      displayName: '月塘',
      role: 'county_officer',
      regionCode: '430202001',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_scope');
    const retired = await admin.request('POST', '/api/v1/users', {
      username: 'zz-beihu',
      displayName: '北湖',
      role: 'county_officer',
      regionCode: '431002',
    });
    expect(retired.statusCode).toBe(400);
  });
});

describe('QC_HOME_REGION', () => {
  it('names the served region when the tree holds several cities', async () => {
    const t = await testApp({ QC_HOME_REGION: '430000' });
    try {
      const me = (await (await t.as('city_officer', 'province')).request('GET', '/api/v1/auth/me')).json();
      expect(me.jurisdiction).toEqual({ home: '430000', parent: null, units: ['431000'] });
    } finally {
      await t.close();
    }
  });
});
