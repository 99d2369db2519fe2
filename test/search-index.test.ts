import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../src/server/lib/uscc';
import { testApp, type Agent, type TestApp } from './helpers/app';

// The search index is written by the code that writes documents (no triggers on SQLite): every
// path that changes a document must leave the index matching it.
describe('the enterprise search index follows every change', () => {
  let t: TestApp;
  let city: Agent;
  const found = async (q: string) =>
    (await city.request('GET', `/api/v1/enterprises?q=${encodeURIComponent(q)}`)).json().items.map((e: { name: string }) => e.name);
  const create = async (n: number, name: string) =>
    (
      await city.request('POST', '/api/v1/enterprises', {
        uscc: makeUscc('91', '431002', `MA4T000${n}`),
        name,
        regionCode: '431002',
        industryCode: 'energy',
      })
    ).json();

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
  });
  afterAll(() => t.close());

  it('create, rename, former name, delete: 2-character queries (answered by the index alone) match the documents', async () => {
    const a = await create(1, '郴州市翠竹能源有限公司');
    const b = await create(2, '郴州市松柏能源有限公司');
    expect(await found('翠竹')).toEqual(['郴州市翠竹能源有限公司']);
    const renamed = await city.request('PATCH', `/api/v1/enterprises/${a.id}`, { version: a.version, name: '郴州市青山能源有限公司' });
    expect(renamed.statusCode).toBe(200);
    expect(await found('翠竹')).toEqual([]);
    expect(await found('青山')).toEqual(['郴州市青山能源有限公司']);
    expect((await city.request('POST', `/api/v1/enterprises/${a.id}/former-names`, { name: '郴州市翠竹电力公司' })).statusCode).toBe(201);
    expect(await found('翠竹')).toEqual(['郴州市青山能源有限公司']);
    expect((await city.request('DELETE', `/api/v1/enterprises/${b.id}`, { version: b.version, reason: '重复录入' })).statusCode).toBe(204);
    expect(await found('松柏')).toEqual([]);
    expect(await found('能源')).toEqual(['郴州市青山能源有限公司']);
    if (t.db.dialect === 'sqlite') {
      // FTS5 compares its index with the content table and fails on any difference.
      await sql`insert into enterprise_search_fts(enterprise_search_fts, rank) values ('integrity-check', 1)`.execute(t.db.kysely);
    }
  });

  it('pages through a search with its cursor, with and without a filter, every match once', async () => {
    const names = [
      '郴州市云岭一号矿业有限公司',
      '郴州市云岭二号矿业有限公司',
      '郴州市云岭三号矿业有限公司',
      '郴州市云岭四号矿业有限公司',
      '郴州市云岭五号矿业有限公司',
    ];
    for (const [i, name] of names.entries()) await create(5 + i, name);
    for (const filter of ['', '&regionCode=431002']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { name: string }[]; meta: { total: number; nextCursor: string | null } } = (
          await city.request(
            'GET',
            `/api/v1/enterprises?q=${encodeURIComponent('云岭')}&limit=2${filter}${cursor ? `&after=${cursor}` : ''}`,
          )
        ).json();
        expect(page.meta.total).toBe(5);
        seen.push(...page.items.map((e: { name: string }) => e.name));
        cursor = page.meta.nextCursor;
      } while (cursor);
      expect(seen).toEqual(names); // index order is creation order
    }
  });
});
