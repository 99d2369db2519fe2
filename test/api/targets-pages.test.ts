import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/server/lib/uscc';
import { insertChunked } from '../../src/server/db/bulk';
import { newRecordMeta } from '../../src/server/db/types';
import { uuidv7 } from '../../src/server/lib/ids';
import { testApp, type Agent, type TestApp } from '../helpers/app';

const CY = Number(new Date().toISOString().slice(0, 4));
const PRODUCTS = 45_000;

/**
 * Drill-down pages are read a window of ids at a time (1,000 ids, then 4,000 …), and on SQLite
 * a reading from the records a slice of 20,000 ids at a time: pages that cross windows list
 * exactly the records counted, in id order, and sums over slices add up.
 */
describe('targets: readings and drill-down pages across windows of ids', () => {
  let t: TestApp;
  let city: Agent;
  let url = '';
  let ids: string[] = [];

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    const seeded = (await city.request('GET', '/api/v1/target-plans')).json().items[0];
    const planId = (
      await city.request('POST', `/api/v1/target-plans/${seeded.id}/copy`, {
        code: 'pages',
        name: '分页测试',
        startYear: CY - 1,
        endYear: CY + 1,
      })
    ).json().id;
    url = `/api/v1/target-plans/${planId}/indicators/PQ-STDCOV/records?year=${CY}`;
    const res = await city.request('POST', '/api/v1/enterprises', {
      uscc: makeUscc('91', '431002', 'MA4G0001'),
      name: '郴州市分页测试有限公司',
      regionCode: '431002',
      industryCode: 'nonferrous',
    });
    expect(res.statusCode, res.body).toBe(201);
    const enterpriseId = res.json().id as string;
    // 45,000 products; every tenth in id order (4,500) is made to a standard on record, the rest to none.
    const meta = newRecordMeta(null, new Date().toISOString());
    ids = Array.from({ length: PRODUCTS }, () => uuidv7()).sort();
    await insertChunked(
      t.db.kysely,
      'products',
      ids.map((id, i) => ({
        id,
        ...meta,
        enterprise_id: enterpriseId,
        name: `产品${i}`,
        category_code: null,
        brand: '',
        model: '',
        key_product: 0,
        export_product: 0,
        food_product: 0,
        brand_product: 0,
        made_to_standard: i % 10 === 0 ? 1 : 0,
      })) as never,
    );
    await insertChunked(
      t.db.kysely,
      'product_standards',
      ids
        .filter((_, i) => i % 10 === 0)
        .map((productId) => ({
          id: uuidv7(),
          ...meta,
          product_id: productId,
          standard_no: 'GB/T 1-2020',
          kind: 'national',
          adoption: 'none',
          adopted_standard_no: '',
        })) as never,
    );
  });
  afterAll(() => t.close());

  const all = async (side: string, limit: number) => {
    const pages: { total: number; items: { id: string }[] }[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const res = await city.request('GET', `${url}&side=${side}&limit=${limit}${cursor ? `&after=${cursor}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      pages.push(res.json());
      cursor = res.json().meta.nextCursor;
    }
    return pages;
  };

  it('the reading from the records adds up over slices: 4,500 of 45,000', async () => {
    const res = await city.request('GET', `${url.replace(/\/indicators\/.*$/, '')}/dashboard?year=${CY}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rows.find((r: { indicator: { code: string } }) => r.indicator.code === 'PQ-STDCOV')).toMatchObject({
      numerator: 4_500,
      denominator: 45_000,
      value: 10,
    });
  });

  it('the numerator: 4,500 products in nine pages of 500, each once and in order', async () => {
    const pages = await all('numerator', 500);
    expect(pages.map((p) => p.items.length)).toEqual([500, 500, 500, 500, 500, 500, 500, 500, 500]);
    expect(pages[0]!.total).toBe(4_500);
    expect(pages.flatMap((p) => p.items.map((i) => i.id))).toEqual(ids.filter((_, i) => i % 10 === 0));
  });

  it('the denominator: pages follow on from their cursor', async () => {
    const first = (await city.request('GET', `${url}&side=denominator&limit=500`)).json();
    const second = (await city.request('GET', `${url}&side=denominator&limit=500&after=${first.meta.nextCursor}`)).json();
    expect(first.total).toBe(45_000);
    expect([...first.items, ...second.items].map((i: { id: string }) => i.id)).toEqual(ids.slice(0, 1_000));
  });
});
