import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/server/lib/uscc';
import { testApp, type Agent, type TestApp } from '../helpers/app';

let serial = 0;
const uscc = () => makeUscc('91', '431002', `MA4P${String(++serial).padStart(4, '0')}`);

/**
 * The archive sorts Chinese names by pinyin on both databases (PostgreSQL's ICU collation,
 * SQLite's stored sort key), and pages through that order with its cursor.
 */
describe('archive names in pinyin order', () => {
  let t: TestApp;
  let city: Agent;
  // By pinyin: 安 an < 北 bei < 郴 chen < 郴州 chen zhou < 张 zhang < 资 zi; by code point 北 U+5317
  // < 安 U+5B89 < 张 U+5F20 < 资 U+8D44 < 郴 U+90F4, so an order by code would differ.
  const expected = ['安仁县某有限公司', '北湖区某有限公司', '郴电国际有限公司', '郴州市某有限公司', '张家界某有限公司', '资兴市某有限公司'];

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    for (const name of [
      '资兴市某有限公司',
      '郴州市某有限公司',
      '北湖区某有限公司',
      '张家界某有限公司',
      '安仁县某有限公司',
      '郴电国际有限公司',
    ]) {
      const res = await city.request('POST', '/api/v1/enterprises', {
        uscc: uscc(),
        name,
        regionCode: '431002',
        industryCode: 'nonferrous',
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(() => t.close());

  const names = async (query: string) => {
    const res = await city.request('GET', `/api/v1/enterprises?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: { id: string; name: string; version: number }[]; meta: { nextCursor: string | null; total: number } };
  };

  it('lists by pinyin, ascending and descending', async () => {
    expect((await names('limit=50')).items.map((e) => e.name)).toEqual(expected);
    expect((await names('limit=50&sort=-name')).items.map((e) => e.name)).toEqual([...expected].reverse());
  });

  it('pages through the pinyin order with the cursor, both ways', async () => {
    for (const [sort, order] of [
      ['name', expected],
      ['-name', [...expected].reverse()],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await names(`limit=4&sort=${sort}${cursor ? `&after=${cursor}` : ''}`);
        seen.push(...page.items.map((e) => e.name));
        cursor = page.meta.nextCursor;
      } while (cursor);
      expect(seen).toEqual(order);
    }
  });

  it('jumps to a page by offset, in order, browsing and searching', async () => {
    const third = await names('limit=2&offset=4');
    expect(third.items.map((e) => e.name)).toEqual(expected.slice(4, 6));
    expect(third.meta.total).toBe(6);
    // 有限公司 is in every name: the search's own (index) order, its second page of 2.
    const all = (await names(`limit=50&q=${encodeURIComponent('有限公司')}`)).items.map((e) => e.name);
    expect((await names(`limit=2&offset=2&q=${encodeURIComponent('有限公司')}`)).items.map((e) => e.name)).toEqual(all.slice(2, 4));
    const res = await city.request('GET', '/api/v1/enterprises?offset=10001');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });

  it('keeps the order when a name changes', async () => {
    const zixing = (await names('limit=50')).items.find((e) => e.name === '资兴市某有限公司')!;
    const res = await city.request('PATCH', `/api/v1/enterprises/${zixing.id}`, { version: zixing.version, name: '宝山某有限公司' });
    expect(res.statusCode, res.body).toBe(200);
    // 宝 bao: after 安 an, before 北 bei.
    expect((await names('limit=50')).items.map((e) => e.name)).toEqual([
      '安仁县某有限公司',
      '宝山某有限公司',
      '北湖区某有限公司',
      '郴电国际有限公司',
      '郴州市某有限公司',
      '张家界某有限公司',
    ]);
  });
});
