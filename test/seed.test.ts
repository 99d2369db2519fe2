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
    await seedArchive(t.db.kysely, systemActor('cli'), { enterprises: N, seed: 3, details: true });
  });
  afterAll(() => t.close());

  const count = async (table: 'enterprises' | 'enterprise_search' | 'enterprise_yearly_figures' | 'products' | 'product_standards') =>
    Number((await t.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

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
    expect(two.items.every((x: { name: string; uscc: string }) => x.name.includes(fragment) || x.uscc.toLowerCase().includes(fragment))).toBe(true);
    const admin = await t.as('admin');
    const events = (await admin.request('GET', '/api/v1/audit/events?action=archive.seed')).json();
    expect(events.items[0].after).toEqual({ enterprises: N, seed: 3, details: true });
  });
});
