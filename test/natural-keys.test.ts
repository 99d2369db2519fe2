import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../src/server/authz/actor';
import { migrateToLatest, migratorFor } from '../src/server/db/migrate';
import { keyText, naturalKey } from '../src/server/lib/natural-key';
import { makeUscc } from '../src/server/lib/uscc';
import { importFile } from '../src/server/modules/enterprises/import/importer';
import { unkeyedDuplicates } from '../src/server/modules/enterprises/records.repository';
import { testApp, type Agent, type TestApp } from './helpers/app';
import { emptyDb, type TestDb } from './helpers/db';
import { makeContext } from '../src/server/context';

describe('natural keys compare normalised text', () => {
  it('trims, folds white space and Latin case, and composes to NFC; Chinese passes unchanged', () => {
    expect(keyText('  ABC-1\u3000 x ')).toBe('abc-1 x');
    expect(keyText('Cafe\u0301')).toBe(keyText('Café'));
    expect(keyText('郴州 电缆')).toBe('郴州 电缆');
    expect(naturalKey(['电缆', '', 'YJV'])).not.toBe(naturalKey(['电缆', 'YJV', '']));
  });
});

describe('the archive refuses a second record with the same natural key', () => {
  let t: TestApp;
  let city: Agent;
  let firm: string;
  let other: string;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    const enterprise = async (n: number) =>
      (
        await city.request('POST', '/api/v1/enterprises', {
          uscc: makeUscc('91', '431002', `MA4N000${n}`),
          name: `郴州市自然键测试${n}有限公司`,
          regionCode: '431002',
          industryCode: 'nonferrous',
        })
      ).json().id as string;
    firm = await enterprise(1);
    other = await enterprise(2);
  });
  afterAll(() => t.close());

  it('a product: the same name, brand and model (in any case or spacing) answers 409 duplicate_product; another enterprise may have it', async () => {
    const add = (owner: string, body: object) => city.request('POST', `/api/v1/enterprises/${owner}/products`, body);
    const first = await add(firm, { name: '电力电缆', brand: '郴缆', model: 'YJV-0.6/1kV' });
    expect(first.statusCode, first.body).toBe(201);
    const again = await add(firm, { name: '电力电缆 ', brand: '郴缆', model: 'yjv-0.6/1KV' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('duplicate_product');
    expect((await add(firm, { name: '电力电缆', brand: '郴缆', model: 'YJV22' })).statusCode).toBe(201);
    expect((await add(other, { name: '电力电缆', brand: '郴缆', model: 'YJV-0.6/1kV' })).statusCode).toBe(201);
    // An edit that would make two the same is refused too; nothing changed.
    const second = (await city.request('GET', `/api/v1/enterprises/${firm}/products`))
      .json()
      .items.find((p: { model: string }) => p.model === 'YJV22');
    const edit = await city.request('PATCH', `/api/v1/enterprises/${firm}/products/${second.id}`, {
      model: 'YJV-0.6/1KV',
      version: second.version,
    });
    expect(edit.json().error.code).toBe('duplicate_product');
    // A deleted product frees its key.
    const del = await city.request('DELETE', `/api/v1/enterprises/${firm}/products/${second.id}`, {
      reason: '录入错误',
      version: second.version,
    });
    expect(del.statusCode, del.body).toBe(204);
    expect((await add(firm, { name: '电力电缆', brand: '郴缆', model: 'yjv22' })).statusCode).toBe(201);
    const live = await t.db.kysely
      .selectFrom('products')
      .select('natural_key')
      .where('enterprise_id', '=', firm)
      .where('deleted_at', 'is', null)
      .orderBy('natural_key')
      .execute();
    expect(live.map((r) => r.natural_key)).toEqual([
      naturalKey(['电力电缆', '郴缆', 'yjv-0.6/1kv']),
      naturalKey(['电力电缆', '郴缆', 'yjv22']),
    ]);
  });

  it('a former name twice answers 409 duplicate_former_name', async () => {
    const add = (name: string) => city.request('POST', `/api/v1/enterprises/${firm}/former-names`, { name });
    expect((await add('郴州市旧名冶炼厂')).statusCode).toBe(201);
    const again = await add(' 郴州市旧名冶炼厂');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('duplicate_former_name');
    expect((await city.request('GET', `/api/v1/enterprises/${firm}/former-names`)).json().items).toHaveLength(1);
  });

  it('a second open cultivation for the same programme and products answers 409 duplicate_cultivation; a closed one frees it', async () => {
    const create = (productIds?: string[]) =>
      city.request('POST', '/api/v1/cultivations', { programmeCode: 'hunan_top_brand', enterpriseId: firm, productIds });
    const products = (await city.request('GET', `/api/v1/enterprises/${firm}/products`))
      .json()
      .items.map((p: { id: string }) => p.id) as string[];
    const first = await create([products[0]!, products[1]!]);
    expect(first.statusCode, first.body).toBe(201);
    // The same products picked in another order are the same cultivation.
    const again = await create([products[1]!, products[0]!]);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('duplicate_cultivation');
    // Another product is another cultivation.
    expect((await create([products[0]!])).statusCode).toBe(201);
    // 落选 closes the first; the enterprise may be cultivated for those products again.
    const c = first.json();
    let version = c.version;
    for (const to of ['cultivating', 'applied', 'rejected']) {
      const res = await city.request('POST', `/api/v1/cultivations/${c.id}/advance`, {
        to,
        on: today,
        version,
        overrideReason: to === 'applied' ? '测试' : undefined,
      });
      expect(res.statusCode, res.body).toBe(200);
      version = res.json().version;
    }
    expect((await create([products[1]!, products[0]!])).statusCode).toBe(201);
  });
});

describe('an import row that matches several stored records', () => {
  let t: TestApp;
  let dir: string;
  const city: Actor = { ...systemActor('cli'), role: 'city_officer' };
  const A = makeUscc('91', '431002', 'MA4N0101');

  beforeAll(async () => {
    t = await testApp();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qc-natural-keys-'));
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is an error on that row naming how many, not "updated 1"', async () => {
    const file = (name: string, lines: string[]) => {
      const p = path.join(dir, name);
      fs.writeFileSync(p, `\ufeff${lines.join('\n')}\n`);
      return p;
    };
    const run = (kind: 'enterprises' | 'products', p: string) =>
      importFile(makeContext(t.db.kysely, { ...t.config, dataDir: dir }, undefined as never), city, kind, p, {
        mode: 'partial',
        fileName: path.basename(p),
      });
    expect(
      await run('enterprises', file('e.csv', ['统一社会信用代码,企业名称,所属县市区,行业', `${A},郴州市重复产品有限公司,北湖区,有色冶金`])),
    ).toMatchObject({ inserted: 1 });
    const enterprise = await t.db.kysely.selectFrom('enterprises').select('id').where('uscc', '=', A).executeTakeFirstOrThrow();
    // Three copies of one product, as stored before keys were enforced (only the first keyed).
    const now = new Date().toISOString();
    for (const [i, name] of ['电解铅', '电解铅 ', '电解铅'].entries()) {
      await t.db.kysely
        .insertInto('products')
        .values({
          id: `0192f0c4-0000-7000-8000-00000000010${i}`,
          enterprise_id: enterprise.id,
          name,
          category_code: null,
          brand: '郴铅',
          model: 'Pb99.994',
          key_product: 0,
          export_product: 0,
          food_product: 0,
          brand_product: 0,
          made_to_standard: 1,
          natural_key: i === 0 ? naturalKey([name, '郴铅', 'Pb99.994']) : null,
          version: 1,
          created_at: now,
          updated_at: now,
          created_by: null,
          deleted_at: null,
          deleted_by: null,
          delete_reason: null,
        } as never)
        .execute();
    }
    const report = await run(
      'products',
      file('p.csv', ['统一社会信用代码,产品名称,品牌/商标,型号规格,重点产品', `${A},电解铅,郴铅,PB99.994,是`, `${A},电解锌,,,`]),
    );
    expect(report).toMatchObject({ rows: 2, inserted: 1, updated: 0, rejected: 1 });
    expect(report.errors).toEqual([
      {
        line: 2,
        column: '型号规格',
        value: 'PB99.994',
        message: '与档案中 3 条相同的记录对应，无法确定更新哪一条；请先在档案中合并或删除重复记录',
      },
    ]);
    // The kept duplicates are listed for an officer to resolve.
    expect((await unkeyedDuplicates(t.db.kysely)).map((d) => [d.kind, d.uscc, d.name])).toEqual([
      ['products', A, '电解铅 '],
      ['products', A, '电解铅'],
    ]);
  });
});

describe('migration 2026120740_natural_keys on a database holding duplicates', () => {
  let db: TestDb;
  afterEach(() => db.drop());

  it('keeps every row, keys the oldest of each group, and indexes the rest of the data', async () => {
    db = await emptyDb();
    const migrator = await migratorFor(db.kysely);
    expect((await migrator.migrateTo('2026120730_login_throttle')).error).toBeUndefined();
    const k = db.kysely as never as import('kysely').Kysely<any>;
    const at = (d: number) => `2026-11-0${d}T00:00:00.000Z`;
    const meta = (d: number) => ({
      version: 1,
      created_at: at(d),
      updated_at: at(d),
      created_by: null,
      deleted_at: null,
      deleted_by: null,
      delete_reason: null,
    });
    await k
      .insertInto('enterprises')
      .values({
        id: 'e',
        uscc: makeUscc('91', '431002', 'MA4N0201'),
        name: '甲',
        region_code: '431002',
        industry_code: 'other',
        status: 'active',
        ...meta(1),
      })
      .execute();
    const product = (id: string, d: number, name: string, extra: object = {}) =>
      k
        .insertInto('products')
        .values({ id, enterprise_id: 'e', name, brand: '', model: 'X1', ...meta(d), ...extra })
        .execute();
    await product('p2', 2, 'Cable');
    await product('p1', 1, ' cable');
    await product('p3', 3, 'CABLE');
    await product('pd', 4, 'cable', { deleted_at: at(5) });
    await product('q', 5, '电线');
    await k
      .insertInto('enterprise_former_names')
      .values({ id: 'f1', enterprise_id: 'e', name: '旧名', ...meta(1) })
      .execute();
    await k
      .insertInto('enterprise_former_names')
      .values({ id: 'f2', enterprise_id: 'e', name: '旧名', ...meta(2) })
      .execute();
    const cultivation = (id: string, d: number, stage: string, products: string[]) =>
      k
        .insertInto('cultivations')
        .values({
          id,
          programme_code: 'hunan_top_brand',
          enterprise_id: 'e',
          region_code: '431002',
          product_ids: JSON.stringify(products),
          stage,
          notes: '',
          version: 1,
          created_at: at(d),
          updated_at: at(d),
        })
        .execute();
    await cultivation('c1', 1, 'candidate', ['p1', 'q']);
    await cultivation('c2', 2, 'applied', ['q', 'p1']);
    await cultivation('c3', 3, 'rejected', ['p1', 'q']);

    await migrateToLatest(db.kysely);
    const keys = async (table: string) =>
      Object.fromEntries(
        (await k.selectFrom(table).select(['id', 'natural_key']).execute()).map((r: { id: string; natural_key: string | null }) => [
          r.id,
          r.natural_key,
        ]),
      );
    expect(await keys('products')).toEqual({
      p1: naturalKey(['cable', '', 'X1']),
      p2: null,
      p3: null,
      pd: null,
      q: naturalKey(['电线', '', 'X1']),
    });
    expect(await keys('enterprise_former_names')).toEqual({ f1: naturalKey(['旧名']), f2: null });
    expect(await keys('cultivations')).toEqual({ c1: naturalKey(['hunan_top_brand', 'p1', 'q']), c2: null, c3: null });
    // The index holds from now on.
    await expect(product('p4', 6, 'CABLE ', { natural_key: naturalKey(['cable', '', 'X1']) })).rejects.toThrow();
  });
});
