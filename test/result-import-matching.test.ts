import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../src/server/lib/uscc';
import { firmsByUscc, firmsNamed } from '../src/server/modules/inspections/result-import.repository';
import { testApp, type Agent, type TestApp } from './helpers/app';

/** The archive look-ups a result table's preview makes once for all its producers. */
describe('matching a table’s producers to the archive in one pass', () => {
  let t: TestApp;
  let city: Agent;
  const uscc = (n: number) => makeUscc('91', '431002', `MA4K000${n}`);
  const ids: string[] = [];

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    // Two live firms share a name (USCCs differ); a third was once called 郴州市旧名电缆厂 and once 郴州市金源电缆有限公司.
    for (const [n, name] of [
      [1, '郴州市金源电缆有限公司'],
      [2, '郴州市金源电缆有限公司'],
      [3, '郴州市新名电缆有限公司'],
    ] as const) {
      const res = await city.request('POST', '/api/v1/enterprises', {
        uscc: uscc(n),
        name,
        regionCode: '431002',
        industryCode: 'chem_machinery',
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id);
    }
    for (const name of ['郴州市旧名电缆厂', '郴州市金源电缆有限公司'])
      expect((await city.request('POST', `/api/v1/enterprises/${ids[2]}/former-names`, { name })).statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it('by USCC; by exact name, else by former name; a name with neither is absent — past a thousand names too', async () => {
    const byUscc = await firmsByUscc(t.db.kysely, [uscc(3), uscc(3), uscc(9)]);
    expect([...byUscc].map(([code, f]) => [code, f.id])).toEqual([[uscc(3), ids[2]]]);
    // 1,000 unknown names first: the three asked about fall in the second IN list.
    const unknown = Array.from({ length: 1000 }, (_, i) => `不存在的企业${i}`);
    const named = await firmsNamed(t.db.kysely, [...unknown, '郴州市金源电缆有限公司', '郴州市旧名电缆厂', '郴州市新名电缆有限公司']);
    // The exact name wins over the third firm's former name of the same text.
    expect(
      named
        .get('郴州市金源电缆有限公司')!
        .map((f) => f.id)
        .sort(),
    ).toEqual([ids[0], ids[1]].sort());
    expect(named.get('郴州市旧名电缆厂')!.map((f) => f.id)).toEqual([ids[2]]);
    expect(named.get('郴州市新名电缆有限公司')!.map((f) => f.id)).toEqual([ids[2]]);
    expect(named.size).toBe(3);
  });
});
