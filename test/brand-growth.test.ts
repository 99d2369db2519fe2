import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../src/server/lib/uscc';
import { CALCULATORS } from '../src/server/modules/targets/calculators';
import { testApp, type Agent, type TestApp } from './helpers/app';

/**
 * PQ-BRANDGROWTH's measures (calculator brand_growth) on a small archive of its own: the numerator
 * is this year's figure less last year's, summed over the enterprises holding a product brand in
 * force that report the figure in both years; the denominator is last year's figure of the same
 * enterprises. Each enterprise below is one way to get that wrong.
 */
describe('brand growth: who is counted and what the numerator is', () => {
  let t: TestApp;
  let city: Agent;
  const CY = new Date().getUTCFullYear();
  const today = new Date().toISOString().slice(0, 10);
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    let n = 0;
    const firm = async (key: string, brand: boolean, years: Record<number, object>) => {
      const res = await city.request('POST', '/api/v1/enterprises', {
        uscc: makeUscc('91', '431002', `MA4G${String(++n).padStart(4, '0')}`),
        name: `郴州市增幅测试${key}有限公司`,
        regionCode: '431002',
        industryCode: 'nonferrous',
      });
      expect(res.statusCode, res.body).toBe(201);
      const id = (ids[key] = res.json().id);
      for (const [year, figures] of Object.entries(years)) {
        expect(
          (await city.request('POST', `/api/v1/enterprises/${id}/yearly-figures`, { year: Number(year), ...figures })).statusCode,
        ).toBe(201);
      }
      if (!brand) return;
      const product = (await city.request('POST', `/api/v1/enterprises/${id}/products`, { name: `产品${key}` })).json();
      const honour = await city.request('POST', '/api/v1/honours', {
        programmeCode: 'hunan_top_brand',
        enterpriseId: id,
        grantedOn: `${CY - 1}-06-01`,
        title: `名牌${key}`,
        productIds: [product.id],
      });
      expect(honour.statusCode, honour.body).toBe(201);
    };
    // Counted: 1,000,000 → 1,150,000.
    await firm('A', true, { [CY - 1]: { outputValue: 1_000_000 }, [CY]: { outputValue: 1_150_000 } });
    // No brand: its growth is not the brands'.
    await firm('B', false, { [CY - 1]: { outputValue: 500_000 }, [CY]: { outputValue: 900_000 } });
    // A brand with no figure last year: no base to grow from.
    await firm('C', true, { [CY]: { outputValue: 700_000 } });
    // A brand that reports last year's output but not this year's (its row has sales only).
    await firm('D', true, { [CY - 1]: { outputValue: 300_000 }, [CY]: { salesRevenue: 400_000 } });
    // A brand whose row of last year lacks the output.
    await firm('E', true, { [CY - 1]: { salesRevenue: 100_000 }, [CY]: { outputValue: 250_000 } });
  });
  afterAll(() => t.close());

  it('sums this year less last year over the brands reporting both years: 150,000 over 1,000,000 (A alone)', async () => {
    const rows = await CALCULATORS.brand_growth!.rows(t.db.kysely, {
      year: CY,
      asOf: today,
      planStart: CY - 1,
      reading: { figure: 'output_value' },
    }).execute();
    expect(rows.map((r) => [r.enterprise_id, Number(r.num), Number(r.den)])).toEqual([[ids.A, 150_000, 1_000_000]]);
  });
});
