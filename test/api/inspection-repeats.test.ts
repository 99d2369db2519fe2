import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/server/lib/uscc';
import { testApp, type Agent, type TestApp } from '../helpers/app';

/**
 * SAMR Order No. 18's no-repeat rule compares products: the same producer, standard, trademark
 * and model — and where the samples name archive products, those products.
 */
describe('the 6-month no-repeat rule compares products, not blank fields', () => {
  let t: TestApp;
  let city: Agent;
  let plan: { id: string };
  let category: string;
  let producer: { id: string; name: string };
  const products: Record<string, string> = {};
  let doc = 0;
  const register = (extra: Record<string, unknown>) =>
    city.request('POST', '/api/v1/inspections', {
      planId: plan.id,
      categoryCode: category,
      batch: 'B1',
      place: 'production',
      samplers: ['张三', '李四'],
      documentNo: `CZ-R-${++doc}`,
      ...extra,
    });
  const atProducer = (productKey: string, sampledOn: string, extra: Record<string, unknown> = {}) =>
    register({ sampledEnterpriseId: producer.id, productId: products[productKey], productName: productKey, sampledOn, ...extra });

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    category = (await t.db.kysely.selectFrom('product_categories').select('code').where('name', '=', '电线电缆').executeTakeFirstOrThrow())
      .code;
    producer = (
      await city.request('POST', '/api/v1/enterprises', {
        uscc: makeUscc('91', '431002', 'MA4RP001'),
        name: '郴州市重复抽查测试线缆有限公司',
        regionCode: '431002',
        industryCode: 'electronics',
      })
    ).json();
    // Two products with no brand or model on record, and two with both.
    for (const [name, extra] of [
      ['铜芯电线', {}],
      ['铝芯电线', {}],
      ['控制电缆', { brand: '郴线', model: 'KVV-4×1.5' }],
      ['屏蔽电缆', { brand: '郴线', model: 'RVVP-2×1.0' }],
    ] as const) {
      products[name] = (await city.request('POST', `/api/v1/enterprises/${producer.id}/products`, { name, ...extra })).json().id;
    }
    plan = (
      await city.request('POST', '/api/v1/inspection-plans', {
        year: 2026,
        level: 'city',
        title: '2026 年郴州市电线电缆专项抽查',
        departmentCode: 'quality',
        regionCode: '431000',
        categories: [{ categoryCode: category, plannedBatches: 10, testItems: ['导体电阻'], judgingStandard: 'GB/T 5023.3-2008' }],
      })
    ).json();
  });
  afterAll(() => t.close());

  it('two archive products of one producer with blank standard, trademark and model are different products', async () => {
    const first = await atProducer('铜芯电线', '2026-03-02');
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ productId: products['铜芯电线'], standardNo: '', brand: '', model: '' });
    const other = await atProducer('铝芯电线', '2026-03-10');
    expect(other.statusCode).toBe(201);
    // The same archive product again within 6 months: refused, whatever the fields say.
    const again = await atProducer('铜芯电线', '2026-04-01', { standardNo: 'GB/T 5023.3-2008', brand: '另一个商标' });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'repeat_check']);
    // 2 Mar + 6 months = 2 Sep: from 3 Sep it may be checked again.
    expect((await atProducer('铜芯电线', '2026-09-03')).statusCode).toBe(201);
  });

  it('samples outside the archive: blank fields are not a match; the same filled-in fields are', async () => {
    const outside = (extra: Record<string, unknown>) =>
      register({
        place: 'circulation',
        sampledUnitName: '郴州市某超市',
        producerName: '衡阳市某线缆厂',
        productName: '电线',
        sampledOn: '2026-05-06',
        ...extra,
      });
    expect((await outside({})).statusCode).toBe(201);
    expect((await outside({ sampledOn: '2026-05-20' })).statusCode).toBe(201);
    expect((await outside({ brand: '衡线', model: 'BV-2.5', standardNo: 'GB/T 5023.3-2008' })).statusCode).toBe(201);
    // Typed another way, the standard is the same standard.
    const same = await outside({ brand: '衡线', model: 'BV-2.5', standardNo: 'ＧＢ／Ｔ５０２３．３—２００８', sampledOn: '2026-06-01' });
    expect([same.statusCode, same.json().error.code]).toEqual([409, 'repeat_check']);
    expect((await outside({ brand: '衡线', model: 'BV-4', standardNo: 'GB/T 5023.3-2008', sampledOn: '2026-06-01' })).statusCode).toBe(201);
  });

  it('an archive product against a check that named none: the filled-in fields decide, either way round', async () => {
    const byName = (productName: string, model: string, sampledOn: string) =>
      register({
        place: 'circulation',
        sampledUnitName: '郴州市某五金店',
        producerName: producer.name,
        productName,
        brand: '郴线',
        model,
        sampledOn,
      });
    // Earlier by the producer's name only, now the archive product with that trademark and model.
    const earlier = await byName('控制电缆', 'KVV-4×1.5', '2026-07-01');
    expect(earlier.json()).toMatchObject({ producerEnterpriseId: null, productId: null });
    const linked = await atProducer('控制电缆', '2026-07-15', { brand: '郴线', model: 'KVV-4×1.5' });
    expect([linked.statusCode, linked.json().error.code]).toEqual([409, 'repeat_check']);
    // Earlier the archive product, now by name with its trademark and model.
    expect((await atProducer('屏蔽电缆', '2026-08-01', { brand: '郴线', model: 'RVVP-2×1.0' })).statusCode).toBe(201);
    const named = await byName('屏蔽电缆', 'RVVP-2×1.0', '2026-08-15');
    expect([named.statusCode, named.json().error.code]).toEqual([409, 'repeat_check']);
    // A sample of the producer by name with nothing filled in is no product in particular: not a repeat of the blank archive products.
    expect(
      (
        await register({
          place: 'circulation',
          sampledUnitName: '郴州市某五金店',
          producerName: producer.name,
          productName: '电线',
          sampledOn: '2026-08-16',
        })
      ).statusCode,
    ).toBe(201);
  });
});
