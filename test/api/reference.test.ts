import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_KINDS } from '../../src/contract/schemas/reference';
import { rolesExcept, testApp, type Agent, type TestApp } from '../helpers/app';

describe('reference data API', () => {
  let t: TestApp;
  let admin: Agent;
  beforeAll(async () => {
    t = await testApp();
    admin = await t.as('admin');
  });
  afterAll(() => t.close());

  it('seeds Chenzhou and its 11 county-level units with their GB/T 2260 codes', async () => {
    const officer = await t.as('county_officer');
    const res = await officer.request('GET', '/api/v1/reference/regions');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { code: string; name: string; level: string; parentCode: string | null }[];
    const counties = items.filter((r) => r.parentCode === '431000');
    expect(counties.map((r) => `${r.code} ${r.name}`)).toEqual([
      '431002 北湖区',
      '431003 苏仙区',
      '431021 桂阳县',
      '431022 宜章县',
      '431023 永兴县',
      '431024 嘉禾县',
      '431025 临武县',
      '431026 汝城县',
      '431027 桂东县',
      '431028 安仁县',
      '431081 资兴市',
    ]);
    expect(counties.filter((r) => r.level === 'district')).toHaveLength(2);
    expect(counties.filter((r) => r.level === 'county')).toHaveLength(8);
    expect(counties.filter((r) => r.level === 'county_city')).toHaveLength(1);
    expect(items.find((r) => r.code === '431000')).toMatchObject({ name: '郴州市', level: 'city', parentCode: '430000' });
  });

  it('seeds the six key industries, the indicator-owning departments and the spot-check categories', async () => {
    const industries = (await admin.request('GET', '/api/v1/reference/industries')).json().items;
    expect(industries.filter((i: { isKey: boolean }) => i.isKey).map((i: { name: string }) => i.name)).toEqual([
      '有色冶金',
      '电子信息',
      '能源',
      '医药食品',
      '新型建材',
      '化工机械',
    ]);
    const departments = (await admin.request('GET', '/api/v1/reference/departments')).json().items;
    expect(departments).toHaveLength(9);
    const categories = (await admin.request('GET', '/api/v1/reference/product-categories')).json().items;
    const products = categories.filter((c: { catalogue: string }) => c.catalogue === 'product');
    expect(products.length).toBeGreaterThanOrEqual(60);
    expect(products.length).toBeLessThanOrEqual(90);
    // The food-safety sampling catalogue's 34 大类 beside it (migration 2026120701).
    expect(categories.filter((c: { catalogue: string }) => c.catalogue === 'food_safety').map((c: { code: string }) => c.code)).toEqual(
      Array.from({ length: 34 }, (_, i) => `FS${String(i + 1).padStart(2, '0')}`),
    );
    expect(categories.find((c: { name: string }) => c.name === '水泥')).toMatchObject({
      groupName: '工业生产资料',
      industryCode: 'building_materials',
    });
    const industryCodes = new Set(industries.map((i: { code: string }) => i.code));
    expect(categories.every((c: { industryCode: string }) => industryCodes.has(c.industryCode))).toBe(true);
  });

  it.each(REFERENCE_KINDS)('401 without a session: %s', async (kind) => {
    for (const [method, url] of [
      ['GET', `/api/v1/reference/${kind}`],
      ['POST', `/api/v1/reference/${kind}`],
      ['PATCH', `/api/v1/reference/${kind}/0192f0c4-0000-7000-8000-000000000001`],
    ]) {
      const res = await t.anonymous(method!, url!, method === 'GET' ? undefined : {});
      expect(res.statusCode).toBe(401);
    }
  });

  it.each(rolesExcept('admin'))('403 on writing reference data for %s, while reading is allowed', async (role) => {
    const agent = await t.as(role);
    const list = await agent.request('GET', '/api/v1/reference/departments');
    expect(list.statusCode).toBe(200);
    const dept = list.json().items[0];
    const create = await agent.request('POST', '/api/v1/reference/departments', { code: 'market', name: '市场监管局' });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe('forbidden');
    const update = await agent.request('PATCH', `/api/v1/reference/departments/${dept.id}`, { version: dept.version, name: 'x' });
    expect(update.statusCode).toBe(403);
  });

  it('admin creates a product category; bad input answers 400/409 with codes', async () => {
    const ok = await admin.request('POST', '/api/v1/reference/product-categories', {
      code: 'PC900',
      name: '电动平衡车',
      groupName: '交通及机动车相关产品',
      industryCode: 'chem_machinery',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ code: 'PC900', name: '电动平衡车', nameEn: '', active: true, version: 1 });
    const list = (await admin.request('GET', '/api/v1/reference/product-categories')).json().items;
    expect(list.some((c: { code: string }) => c.code === 'PC900')).toBe(true);

    const cases: [Record<string, unknown>, number, string][] = [
      [{ code: 'PC900', name: '重复', groupName: 'g', industryCode: 'other' }, 409, 'code_taken'],
      [{ code: 'PC901', name: '未知行业', groupName: 'g', industryCode: 'mining' }, 400, 'unknown_industry'],
      [{ code: 'lower', name: 'x', groupName: 'g', industryCode: 'other' }, 400, 'validation_failed'],
      [{ code: 'PC902', name: '', groupName: 'g', industryCode: 'other' }, 400, 'validation_failed'],
      [{ code: 'PC903', name: 'x'.repeat(101), groupName: 'g', industryCode: 'other' }, 400, 'validation_failed'],
      [{ code: 'PC904', name: 'x', groupName: 'g' }, 400, 'validation_failed'],
      [{ code: 'PC905', name: 'x', groupName: 'g', industryCode: 'other', level: 'city' }, 400, 'validation_failed'],
    ];
    for (const [body, status, code] of cases) {
      const res = await admin.request('POST', '/api/v1/reference/product-categories', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
  });

  it('admin adds a region under a parent; an unknown parent is refused', async () => {
    const zone = await admin.request('POST', '/api/v1/reference/regions', {
      code: '431099',
      name: '测试区',
      level: 'district',
      parentCode: '431000',
    });
    expect(zone.statusCode).toBe(201);
    const orphan = await admin.request('POST', '/api/v1/reference/regions', {
      code: '431098',
      name: '孤儿区',
      level: 'district',
      parentCode: '439999',
    });
    expect(orphan.statusCode).toBe(400);
    expect(orphan.json().error.code).toBe('unknown_parent');
  });

  it('updates with the version read; a stale version is 409 and nothing changes; audited with before/after', async () => {
    const industry = (await admin.request('GET', '/api/v1/reference/industries'))
      .json()
      .items.find((i: { code: string }) => i.code === 'energy');
    const res = await admin.request('PATCH', `/api/v1/reference/industries/${industry.id}`, {
      version: industry.version,
      nameEn: 'Energy industry',
      isKey: false,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: 'energy', nameEn: 'Energy industry', isKey: false, version: industry.version + 1 });
    const stale = await admin.request('PATCH', `/api/v1/reference/industries/${industry.id}`, { version: industry.version, name: '旧' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    const now = (await admin.request('GET', '/api/v1/reference/industries'))
      .json()
      .items.find((i: { code: string }) => i.code === 'energy');
    expect(now).toMatchObject({ name: '能源', nameEn: 'Energy industry', isKey: false });

    const events = (await admin.request('GET', `/api/v1/audit/events?subjectType=industries&subjectId=${industry.id}`)).json();
    expect(events.meta.total).toBe(1);
    expect(events.items[0]).toMatchObject({ action: 'reference.update', actorId: admin.userId });
    expect(events.items[0].before).toMatchObject({ isKey: true, nameEn: 'Energy' });
    expect(events.items[0].after).toMatchObject({ isKey: false, nameEn: 'Energy industry' });
    const code = await admin.request('PATCH', `/api/v1/reference/industries/${industry.id}`, { version: now.version, code: 'power' });
    expect(code.json().error.code).toBe('validation_failed');
  });
});
