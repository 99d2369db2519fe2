import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/contract/permissions';
import { makeUscc } from '../../src/server/lib/uscc';
import { testApp, type Agent, type TestApp } from '../helpers/app';
import { buildIndicatorFixture } from '../helpers/indicator-fixture';
import { EXPECTED, PUBLIC } from '../helpers/route-access';

const ID = '0192f0c4-0000-7000-8000-000000000009';
const fill = (path: string) => path.replace(/\{[^}]+\}/g, ID);
const CY = new Date().getFullYear();

describe('authorization of every route in the OpenAPI document', () => {
  let t: TestApp;
  let routes: { method: string; path: string; key: string }[];
  const agents = new Map<Role, Agent>();

  beforeAll(async () => {
    t = await testApp();
    // Paths are listed under the document's one server (/api/v1): put back together, they are the URLs.
    const doc = t.app.swagger() as { servers: { url: string }[]; paths: Record<string, Record<string, unknown>> };
    const base = doc.servers[0]!.url;
    routes = Object.entries(doc.paths).flatMap(([p, ops]) => {
      const path = `${base}${p}`;
      return Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path, key: `${m.toUpperCase()} ${path}` }));
    });
    for (const role of ROLES) agents.set(role, await t.as(role, `matrix-${role}`));
  });
  afterAll(() => t.close());

  it('every route has an expected-roles entry, and every entry is a route', () => {
    const keys = routes.map((r) => r.key);
    expect(keys.length).toBeGreaterThan(150);
    expect(
      keys.filter((k) => !(k in EXPECTED)),
      'routes without an entry in EXPECTED',
    ).toEqual([]);
    expect(
      Object.keys(EXPECTED).filter((k) => !keys.includes(k)),
      'entries for routes that do not exist',
    ).toEqual([]);
  });

  it('anonymous → 401 except the public routes; refused roles → 403; allowed roles pass the guard', async () => {
    const wrong: string[] = [];
    for (const { method, path, key } of routes) {
      const expected = EXPECTED[key]!;
      const url = fill(path);
      const body = method === 'GET' ? undefined : {};
      // Logging out ends the session: done with an account of its own so the others stay signed in.
      if (key === 'POST /api/v1/auth/logout') {
        if ((await t.anonymous(method, url, body)).statusCode !== 401) wrong.push(`${key} anonymous`);
        continue;
      }
      const anonymous = await t.anonymous(method, url, body);
      if (expected === PUBLIC ? anonymous.statusCode === 401 : anonymous.statusCode !== 401)
        wrong.push(`${key} anonymous → ${anonymous.statusCode}`);
      if (expected !== PUBLIC && anonymous.statusCode === 401 && anonymous.json().error?.code !== 'unauthenticated')
        wrong.push(`${key} anonymous code`);
      if (expected === PUBLIC) continue;
      for (const role of ROLES) {
        const res = await agents.get(role)!.request(method, url, body);
        const refused = !expected.includes(role);
        if (refused && res.statusCode !== 403) wrong.push(`${key} ${role} → ${res.statusCode}, expected 403`);
        if (!refused && (res.statusCode === 401 || res.statusCode === 403))
          wrong.push(`${key} ${role} → ${res.statusCode}, expected to pass`);
        if (res.statusCode >= 500) wrong.push(`${key} ${role} → ${res.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a county officer never sees another county’s records in any list', async () => {
    const city = agents.get('city_officer')!;
    const seeded = (await city.request('GET', '/api/v1/target-plans')).json().items[0];
    const plan = (
      await city.request('POST', `/api/v1/target-plans/${seeded.id}/copy`, {
        code: 'scope-plan',
        name: '范围测试计划',
        startYear: CY - 1,
        endYear: CY + 3,
      })
    ).json().id as string;
    const { e } = await buildIndicatorFixture(t, city, CY);
    // A candidate for the flagship list in 苏仙区 (revenue above the floor), not on it.
    const created = await city.request('POST', '/api/v1/enterprises', {
      uscc: makeUscc('91', '431003', 'MA4KX901'),
      name: '郴州市苏仙大型冶炼有限公司',
      regionCode: '431003',
      industryCode: 'nonferrous',
    });
    expect(created.statusCode, created.body).toBe(201);
    const big = created.json().id as string;
    const figures = await city.request('POST', `/api/v1/enterprises/${big}/yearly-figures`, { year: CY, salesRevenue: 5_000_000_000 });
    expect(figures.statusCode, figures.body).toBe(201);
    const inspectionPlan = (await city.request('GET', '/api/v1/inspection-plans')).json().items[0].id as string;

    const foreign = await t.db.kysely
      .selectFrom('enterprises')
      .select(['id', 'name', 'uscc'])
      .where('region_code', '!=', '431002')
      .execute();
    expect(foreign.map((f) => f.id)).toEqual(expect.arrayContaining([e.M2, e.DR, big]));
    // An officer of 苏仙区: their account is theirs to know, not 北湖区's.
    await t.as('county_officer', 'matrix-suxian-officer', { regionCode: '431003' });
    const markers = [...foreign.flatMap((f) => [f.id, f.name, f.uscc]), 'matrix-suxian-officer'];
    const county = agents.get('county_officer')!;

    // Every list the county officer may read, with the parameters it needs to show something.
    const QUERY: Record<string, string> = {
      'GET /api/v1/flagships': `year=${CY}`,
      'GET /api/v1/reported-values/tasks': `period=${CY}`,
      // Exports as CSV, so that a name in them can be seen.
      ...Object.fromEntries(
        [
          '/inspections/export',
          '/inspections/board/export',
          '/inspections/stats/pass-rates/export',
          '/rewards/export',
          '/key-projects/export',
        ].map((p) => [`GET /api/v1${p}`, 'format=csv']),
      ),
    };
    const PARAMS: Record<string, string> = {
      'GET /api/v1/target-plans/{id}': plan,
      'GET /api/v1/target-plans/{id}/dashboard': `${plan}?year=${CY}`,
      'GET /api/v1/target-plans/{id}/matrix': `${plan}?year=${CY}`,
      'GET /api/v1/target-plans/{id}/dashboard/export': `${plan}?year=${CY}&format=csv`,
      'GET /api/v1/inspection-plans/{id}/results': inspectionPlan,
      'GET /api/v1/inspection-plans/{id}/draws': inspectionPlan,
    };
    const lists = routes.filter(
      (r) =>
        r.method === 'GET' &&
        EXPECTED[r.key] !== PUBLIC &&
        (EXPECTED[r.key] as readonly Role[]).includes('county_officer') &&
        (!r.path.includes('{') || r.key in PARAMS),
    );
    expect(lists.length).toBeGreaterThan(25);
    const leaks: string[] = [];
    for (const r of lists) {
      const url = r.key in PARAMS ? r.path.replace('{id}', PARAMS[r.key]!) : `${r.path}${QUERY[r.key] ? `?${QUERY[r.key]}` : ''}`;
      const res = await county.request('GET', url);
      if (res.statusCode >= 500) leaks.push(`${r.key} → ${res.statusCode}`);
      const text = res.body;
      for (const m of markers) if (text.includes(m)) leaks.push(`${r.key} shows ${m}`);
      if (!String(res.headers['content-type']).includes('json')) continue;
      const regions = new Set<string>();
      JSON.stringify(res.json(), (k, v) => {
        if (k === 'regionCode' && typeof v === 'string' && /^4310\d\d$/.test(v) && v !== '431000' && v !== '431002') regions.add(v);
        return v;
      });
      if (regions.size) leaks.push(`${r.key} shows records of ${[...regions].join(', ')}`);
    }
    expect(leaks).toEqual([]);
    // The code check echoes the code typed and what the code itself says, but not whether another county has it on file.
    const check = (await county.request('GET', `/api/v1/enterprises/uscc-check?code=${foreign[0]!.uscc}`)).json();
    expect(check.existingEnterpriseId).toBeNull();
  }, 60_000);
});
