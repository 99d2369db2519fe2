import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/server/authz/actor';
import { demoDetails, demoEnterprise } from '../src/server/modules/enterprises/demo-data';
import { seedArchive } from '../src/server/modules/enterprises/seed';
import { testApp, type TestApp } from './helpers/app';

describe('seeding the demo archive', () => {
  let t: TestApp;
  const N = 1200; // more than two chunks of 500
  beforeAll(async () => {
    t = await testApp();
    await seedArchive(t.db.kysely, systemActor('cli'), { enterprises: N, seed: 3, details: true, lastYear: 2025 });
  });
  afterAll(() => t.close());

  const count = async (table: 'enterprises' | 'enterprise_search' | 'enterprise_yearly_figures' | 'products' | 'product_standards') =>
    Number(
      (
        await t.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('writes every enterprise with its details and search document', async () => {
    expect(await count('enterprises')).toBe(N);
    expect(await count('enterprise_search')).toBe(N);
    let figures = 0;
    let products = 0;
    let standards = 0;
    for (let i = 0; i < N; i++) {
      const d = demoDetails(3, i, demoEnterprise(3, i), 2025);
      figures += d.yearly.length;
      products += d.products.length;
      standards += d.products.reduce((n, p) => n + p.standards.length, 0);
    }
    expect(await count('enterprise_yearly_figures')).toBe(figures);
    expect(await count('products')).toBe(products);
    expect(await count('product_standards')).toBe(standards);
  });

  it('the seeded archive is searchable through the API, and the seed is audited', async () => {
    const city = await t.as('city_officer');
    const e = demoEnterprise(3, 777);
    const fragment = [...e.name].slice(-6, -4).join(''); // two characters inside the name
    const res = (await city.request('GET', `/api/v1/enterprises?q=${encodeURIComponent(e.name)}`)).json();
    expect(res.items.map((x: { uscc: string }) => x.uscc)).toContain(e.uscc);
    const two = (await city.request('GET', `/api/v1/enterprises?q=${encodeURIComponent(fragment)}&limit=500`)).json();
    expect(two.meta.total).toBeGreaterThan(0);
    expect(
      two.items.every((x: { name: string; uscc: string }) => x.name.includes(fragment) || x.uscc.toLowerCase().includes(fragment)),
    ).toBe(true);
    const admin = await t.as('admin');
    const events = (await admin.request('GET', '/api/v1/audit/events?action=archive.seed')).json();
    expect(events.items[0].after).toEqual({ enterprises: N, seed: 3, details: true, lastYear: 2025 });
  });
});

describe('searching a seeded archive', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
    await seedArchive(t.db.kysely, systemActor('cli'), { enterprises: 600, seed: 5, details: false });
  });
  afterAll(() => t.close());

  it('pages through every match of a common term in index order, without repeats', async () => {
    const city = await t.as('city_officer');
    const q = encodeURIComponent('有限');
    const seen: string[] = [];
    let cursor: string | null = null;
    let total: number;
    do {
      const page: { meta: { total: number; totalCapped: boolean; nextCursor: string | null }; items: { id: string }[] } = (
        await city.request('GET', `/api/v1/enterprises?q=${q}&limit=100${cursor ? `&after=${cursor}` : ''}`)
      ).json();
      total = page.meta.total;
      expect(page.meta.totalCapped).toBe(false);
      seen.push(...page.items.map((e: { id: string }) => e.id));
      cursor = page.meta.nextCursor;
    } while (cursor);
    expect(total).toBe(600); // every demo name ends in 有限公司, 有限责任公司 or 股份有限公司
    expect(new Set(seen).size).toBe(600);
    const bad = await city.request('GET', `/api/v1/enterprises?q=${q}&after=${Buffer.from(JSON.stringify(['x1'])).toString('base64url')}`);
    if (t.db.dialect === 'sqlite') expect(bad.json().error.code).toBe('bad_cursor');
  });

  it('caps the count of a search, saying so', async () => {
    const { searchEnterprises } = await import('../src/server/modules/enterprises/enterprises.repository');
    const filter = { flags: {}, today: '2026-01-01', search: { norm: '有限', grams: ['有限'] } };
    const capped = await searchEnterprises(t.db.kysely, {}, filter, { limit: 3 }, 50);
    expect(capped).toMatchObject({ total: 50, totalCapped: true, hasMore: true });
    expect(capped!.rows).toHaveLength(3);
    const region = await searchEnterprises(t.db.kysely, { regions: ['431027'] }, filter, { limit: 1000 }, 10_000);
    expect(region!.totalCapped).toBe(false);
    expect(region!.rows.every((r) => r.region_code === '431027')).toBe(true);
    expect(region!.total).toBe(region!.rows.length);
  });
});
