import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/server/lib/uscc';
import { rolesExcept, testApp, type Agent, type TestApp } from '../helpers/app';

const today = new Date().toISOString().slice(0, 10);
const shift = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('archive records under an enterprise', () => {
  let t: TestApp;
  let city: Agent;
  let ent: { id: string };
  let other: { id: string }; // in 永兴县, outside 北湖区
  const url = (kind: string, id = ent.id) => `/api/v1/enterprises/${id}/${kind}`;

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    ent = (
      await city.request('POST', '/api/v1/enterprises', {
        uscc: makeUscc('91', '431002', 'MA4R0001'),
        name: '郴州市档案测试有限公司',
        regionCode: '431002',
        industryCode: 'electronics',
      })
    ).json();
    other = (
      await city.request('POST', '/api/v1/enterprises', {
        uscc: makeUscc('91', '431023', 'MA4R0002'),
        name: '永兴县档案测试有限公司',
        regionCode: '431023',
        industryCode: 'nonferrous',
      })
    ).json();
  });
  afterAll(() => t.close());

  it('401 without a session on every record route and the profile', async () => {
    const id = '0192f0c4-0000-7000-8000-000000000009';
    for (const [method, path] of [
      ['GET', url('certifications')],
      ['POST', url('certifications')],
      ['PATCH', `${url('certifications')}/${id}`],
      ['DELETE', `${url('certifications')}/${id}`],
      ['GET', `/api/v1/enterprises/${ent.id}/products/${id}/standards`],
      ['GET', `/api/v1/enterprises/${ent.id}/profile`],
    ] as const) {
      expect((await t.anonymous(method, path, method === 'GET' ? undefined : {})).statusCode, `${method} ${path}`).toBe(401);
    }
  });

  it.each(rolesExcept('admin', 'city_officer', 'county_officer'))('403 on writing records for %s', async (role) => {
    const agent = await t.as(role, undefined, role === 'enterprise_user' ? { enterpriseId: ent.id } : undefined);
    const res = await agent.request('POST', url('associations'), { association: '郴州市电子行业协会' });
    expect(res.statusCode).toBe(403);
    if (role === 'enterprise_user') expect((await agent.request('GET', url('associations'))).statusCode).toBe(200);
  });

  it('a county officer cannot see or touch another county’s records (404)', async () => {
    const beihu = await t.as('county_officer', undefined, { regionCode: '431002' });
    expect((await beihu.request('GET', url('licences', other.id))).statusCode).toBe(404);
    expect(
      (await beihu.request('POST', url('licences', other.id), { licenceNo: 'XK-1', productUnit: '水泥', issuedOn: today })).statusCode,
    ).toBe(404);
    expect((await beihu.request('GET', `/api/v1/enterprises/${other.id}/profile`)).statusCode).toBe(404);
    expect((await beihu.request('POST', url('associations'), { association: '北湖区企业联合会' })).statusCode).toBe(201);
  });

  it('yearly figures: one per year, new-product output within output, a deleted year may be entered again', async () => {
    const y2024 = {
      year: 2024,
      outputValue: 120_000_000,
      newProductOutputValue: 15_000_000,
      salesRevenue: 118_000_000,
      exportValue: 0,
      profitAndTax: 9_000_000,
      employees: 320,
    };
    const created = await city.request('POST', url('yearly-figures'), y2024);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ ...y2024, version: 1 });
    expect((await city.request('POST', url('yearly-figures'), { year: 2023, outputValue: 100_000_000 })).statusCode).toBe(201);
    const dup = await city.request('POST', url('yearly-figures'), { year: 2024 });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('duplicate_record');
    const cases: [Record<string, unknown>, string][] = [
      [{ year: 2022, outputValue: 10, newProductOutputValue: 11 }, 'body/newProductOutputValue'],
      [{ year: Number(today.slice(0, 4)) + 1 }, 'body/year'],
    ];
    for (const [payload, path] of cases) {
      const res = await city.request('POST', url('yearly-figures'), payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].path).toBe(path);
    }
    expect((await city.request('POST', url('yearly-figures'), { year: 2022, outputValue: 1.5 })).json().error.code).toBe(
      'validation_failed',
    );
    expect((await city.request('POST', url('yearly-figures'), { year: 2022, outputValue: -1 })).json().error.code).toBe(
      'validation_failed',
    );
    const list = (await city.request('GET', url('yearly-figures'))).json().items;
    expect(list.map((y: { year: number }) => y.year)).toEqual([2023, 2024]);
    const id = created.json().id;
    const stale = await city.request('PATCH', `${url('yearly-figures')}/${id}`, { version: 2, employees: 1 });
    expect(stale.statusCode).toBe(409);
    const raise = await city.request('PATCH', `${url('yearly-figures')}/${id}`, { version: 1, newProductOutputValue: 130_000_000 });
    expect(raise.json().error.details[0].path).toBe('body/newProductOutputValue'); // checked against the stored output value
    expect((await city.request('DELETE', `${url('yearly-figures')}/${id}`, { version: 1, reason: '数据录入错误' })).statusCode).toBe(204);
    expect((await city.request('POST', url('yearly-figures'), y2024)).statusCode).toBe(201);
  });

  it('products with their standards: category checked, adoption needs the adopted number, one number per product', async () => {
    expect((await city.request('POST', url('products'), { name: '电线', categoryCode: 'PC999' })).json().error.code).toBe(
      'unknown_category',
    );
    const product = (
      await city.request('POST', url('products'), { name: '聚氯乙烯绝缘电缆', categoryCode: 'PC063', brand: '瑞禾', keyProduct: true })
    ).json();
    expect(product).toMatchObject({ keyProduct: true, exportProduct: false, madeToStandard: true, brandProduct: false });
    const std = `/api/v1/enterprises/${ent.id}/products/${product.id}/standards`;
    const adopted = await city.request('POST', std, { standardNo: 'GB/T 5023.3-2008', kind: 'national', adoption: 'IDT' });
    expect(adopted.statusCode).toBe(400);
    expect(adopted.json().error.details[0].path).toBe('body/adoptedStandardNo');
    const ok = await city.request('POST', std, {
      standardNo: 'GB/T 5023.3-2008',
      kind: 'national',
      adoption: 'IDT',
      adoptedStandardNo: 'IEC 60227-3:1997',
    });
    expect(ok.statusCode).toBe(201);
    expect((await city.request('POST', std, { standardNo: 'GB/T 5023.3-2008', kind: 'national' })).statusCode).toBe(409);
    expect((await city.request('POST', std, { standardNo: 'Q/CZRH 001-2020', kind: 'enterprise' })).statusCode).toBe(201);
    expect((await city.request('POST', std, { standardNo: 'X', kind: 'company' })).json().error.code).toBe('validation_failed');
    const elsewhere = `/api/v1/enterprises/${other.id}/products/${product.id}/standards`;
    expect((await city.request('GET', elsewhere)).statusCode).toBe(404);
  });

  it('standard numbers: the form agrees with the kind, an unknown form needs a reason, typed forms are stored canonical', async () => {
    const product = (await city.request('POST', url('products'), { name: '食品添加剂', brand: '郴味', model: 'SJ-1' })).json();
    const std = `/api/v1/enterprises/${ent.id}/products/${product.id}/standards`;
    const post = (body: Record<string, unknown>) => city.request('POST', std, body);
    const refused = async (body: Record<string, unknown>, code: string, path: string) => {
      const res = await post(body);
      expect([res.statusCode, res.json().error.code, res.json().error.details[0].path], JSON.stringify(body)).toEqual([400, code, path]);
      return res.json().error.details[0].message as string;
    };
    expect(await refused({ standardNo: 'GB/T 2760-2014', kind: 'enterprise' }, 'standard_kind_mismatch', 'body/kind')).toBe(
      'GB/T 2760-2014 是国家标准，不能登记为企业标准',
    );
    await refused({ standardNo: 'Q/CZXX 001-2019', kind: 'national' }, 'standard_kind_mismatch', 'body/kind');
    await refused({ standardNo: 'DB43/T 1234-2016', kind: 'industry' }, 'standard_kind_mismatch', 'body/kind');
    await refused({ standardNo: 'XX', kind: 'national' }, 'standard_no_unknown', 'body/standardNo');
    await refused({ standardNo: 'GB 2760', kind: 'national' }, 'standard_no_unknown', 'body/standardNo');
    await refused(
      { standardNo: 'GB 2760-2014', kind: 'national', adoption: 'MOD', adoptedStandardNo: 'GB/T 1-2020' },
      'standard_kind_mismatch',
      'body/adoptedStandardNo',
    );
    await refused(
      { standardNo: 'GB 2760-2014', kind: 'national', adoption: 'MOD', adoptedStandardNo: 'CODEX 192' },
      'standard_no_unknown',
      'body/adoptedStandardNo',
    );

    // Typed with the IME on and an em dash: stored canonical; a reason given for a known number is not kept.
    const typed = await post({
      standardNo: 'ＧＢ　２７６０—２０１４',
      kind: 'national',
      adoption: 'NEQ',
      adoptedStandardNo: 'codex stan 192-1995',
      standardNoOverrideReason: '无关的理由',
    });
    expect(typed.statusCode).toBe(201);
    expect(typed.json()).toMatchObject({
      standardNo: 'GB 2760-2014',
      adoptedStandardNo: 'CODEX STAN 192-1995',
      standardNoOverrideReason: null,
    });
    // The same standard typed another way is the same standard.
    expect((await post({ standardNo: 'GB2760-2014', kind: 'national' })).statusCode).toBe(409);

    // An unknown form is kept with its reason, as a pilot-area USCC is.
    const kept = await post({ standardNo: 'GJB 151B-2013', kind: 'national', standardNoOverrideReason: '军用标准，按合同执行' });
    expect(kept.statusCode).toBe(201);
    expect(kept.json()).toMatchObject({ standardNo: 'GJB 151B-2013', standardNoOverrideReason: '军用标准，按合同执行' });
    // Corrected to a known number, the reason goes.
    const fixed = await city.request('PATCH', `${std}/${kept.json().id}`, { version: 1, standardNo: 'GB/T 17626.2-2018' });
    expect(fixed.json()).toMatchObject({ standardNo: 'GB/T 17626.2-2018', kind: 'national', standardNoOverrideReason: null, version: 2 });
    const wrongKind = await city.request('PATCH', `${std}/${kept.json().id}`, { version: 2, kind: 'group' });
    expect([wrongKind.statusCode, wrongKind.json().error.code]).toEqual([400, 'standard_kind_mismatch']);
  });

  it('standard numbers stored before the check are read, and left alone by edits that do not touch them', async () => {
    const product = (await city.request('POST', url('products'), { name: '旧数据产品' })).json();
    const std = `/api/v1/enterprises/${ent.id}/products/${product.id}/standards`;
    const now = new Date().toISOString();
    const legacy = {
      product_id: product.id,
      adoption: 'none',
      adopted_standard_no: '',
      version: 1,
      created_at: now,
      updated_at: now,
      created_by: null,
    };
    await t.db.kysely
      .insertInto('product_standards')
      .values([
        { id: '01900000-0000-7000-8000-00000000a001', standard_no: 'XX', kind: 'national', ...legacy },
        { id: '01900000-0000-7000-8000-00000000a002', standard_no: 'GB/T5023.3-2008', kind: 'enterprise', ...legacy },
      ])
      .execute();
    const list = await city.request('GET', std);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((s: { standardNo: string }) => s.standardNo)).toEqual(['XX', 'GB/T5023.3-2008']);
    expect((await city.request('GET', `/api/v1/enterprises/${ent.id}/profile`)).statusCode).toBe(200);
    // The edit form sends every field back: the numbers as stored are no change, so adding an adoption passes.
    const adopt = await city.request('PATCH', `${std}/01900000-0000-7000-8000-00000000a001`, {
      version: 1,
      standardNo: 'XX',
      kind: 'national',
      adoption: 'IDT',
      adoptedStandardNo: 'ISO 9001:2015',
    });
    expect(adopt.json()).toMatchObject({ standardNo: 'XX', adoption: 'IDT', adoptedStandardNo: 'ISO 9001:2015' });
    // Another spelling of the stored number is no change either; changing the kind is, and is checked.
    const spelled = await city.request('PATCH', `${std}/01900000-0000-7000-8000-00000000a002`, {
      version: 1,
      standardNo: 'GB/T 5023.3-2008',
    });
    expect(spelled.json()).toMatchObject({ standardNo: 'GB/T5023.3-2008', kind: 'enterprise', version: 2 });
    const kind = await city.request('PATCH', `${std}/01900000-0000-7000-8000-00000000a002`, { version: 2, kind: 'group' });
    expect(kind.json().error.code).toBe('standard_kind_mismatch');
    expect(
      (await city.request('PATCH', `${std}/01900000-0000-7000-8000-00000000a002`, { version: 2, kind: 'national' })).json(),
    ).toMatchObject({ kind: 'national', version: 3 });
  });

  it('certifications: expired is derived from the date; OTHER needs a name; dates in order', async () => {
    const cert = (body: Record<string, unknown>) => city.request('POST', url('certifications'), body);
    const old = (await cert({ kind: 'ISO9001', certificateNo: '00119Q30001R0M', issuedOn: '2018-01-10', expiresOn: '2021-01-09' })).json();
    expect(old).toMatchObject({ expired: true, status: 'valid' });
    const current = (
      await cert({ kind: 'ISO14001', certificateNo: '00120E30002R0M', issuedOn: '2024-01-10', expiresOn: shift(400) })
    ).json();
    expect(current.expired).toBe(false);
    expect((await cert({ kind: 'OTHER', certificateNo: 'X-1' })).json().error.details[0].path).toBe('body/kindOther');
    expect(
      (await cert({ kind: 'CCC', certificateNo: 'C-1', issuedOn: '2024-05-01', expiresOn: '2024-04-01' })).json().error.details[0].path,
    ).toBe('body/expiresOn');
    expect((await cert({ kind: 'ISO9001', certificateNo: '00119Q30001R0M' })).statusCode).toBe(409);
    // The list filter by certification kind sees only valid, unexpired ones.
    const has = async (kind: string) =>
      (await city.request('GET', `/api/v1/enterprises?hasCertification=${kind}&regionCode=431002`))
        .json()
        .items.map((e: { id: string }) => e.id);
    expect(await has('ISO14001')).toContain(ent.id);
    expect(await has('ISO9001')).not.toContain(ent.id);
  });

  it('licences: five years by default, renewal due within six months of expiry', async () => {
    const lic = (
      await city.request('POST', url('licences'), { licenceNo: '(湘)XK06-001-00001', productUnit: '电线电缆', issuedOn: '2022-03-05' })
    ).json();
    expect(lic).toMatchObject({ expiresOn: '2027-03-05', status: 'valid' });
    const soon = (
      await city.request('POST', url('licences'), {
        licenceNo: '(湘)XK06-001-00002',
        productUnit: '电线电缆',
        issuedOn: '2021-06-01',
        expiresOn: shift(90),
      })
    ).json();
    expect(soon).toMatchObject({ expired: false, renewalDue: true });
    const far = (
      await city.request('POST', url('licences'), {
        licenceNo: '(湘)XK06-001-00003',
        productUnit: '电线电缆',
        issuedOn: today,
        expiresOn: shift(365 * 3),
      })
    ).json();
    expect(far.renewalDue).toBe(false);
    const expiring = async (days: number) =>
      (await city.request('GET', `/api/v1/enterprises?licenceExpiringWithinDays=${days}`)).json().items.map((e: { id: string }) => e.id);
    expect(await expiring(180)).toContain(ent.id);
    expect(await expiring(30)).not.toContain(ent.id);
    expect((await city.request('POST', url('licences'), { licenceNo: 'X', productUnit: '水泥' })).json().error.code).toBe(
      'validation_failed',
    );
  });

  it('former names are searchable, and stop being so when deleted', async () => {
    const former = (
      await city.request('POST', url('former-names'), { name: '郴州市红旗无线电厂', usedFrom: '1985-01-01', usedTo: '2003-06-30' })
    ).json();
    const find = async () =>
      (await city.request('GET', `/api/v1/enterprises?q=${encodeURIComponent('红旗无线电')}`))
        .json()
        .items.map((e: { id: string }) => e.id);
    expect(await find()).toEqual([ent.id]);
    expect(
      (await city.request('POST', url('former-names'), { name: '倒序厂', usedFrom: '2005-01-01', usedTo: '2004-01-01' })).statusCode,
    ).toBe(400);
    await city.request('DELETE', `${url('former-names')}/${former.id}`, { version: 1, reason: '录错了' });
    expect(await find()).toEqual([]);
  });

  it('quality staff keep their training records', async () => {
    const trainings = [{ course: '质量管理体系内审员培训', completedOn: '2023-05-20', certificateNo: 'PX12345' }];
    const res = await city.request('POST', url('quality-staff'), {
      personName: '李建国',
      staffRole: '质量负责人',
      qualification: '注册质量师',
      trainings,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().trainings).toEqual(trainings);
    const bad = await city.request('POST', url('quality-staff'), {
      personName: '王芳',
      staffRole: '检验员',
      trainings: [{ course: '培训' }],
    });
    expect(bad.json().error.code).toBe('validation_failed');
  });

  it('the profile holds the enterprise and every record, with an audit trail per record', async () => {
    const profile = (await city.request('GET', `/api/v1/enterprises/${ent.id}/profile`)).json();
    expect(profile.enterprise.id).toBe(ent.id);
    expect(profile.yearlyFigures.map((y: { year: number }) => y.year)).toEqual([2023, 2024]);
    expect(profile.products[0].standards.map((s: { standardNo: string }) => s.standardNo)).toEqual(['GB/T 5023.3-2008', 'Q/CZRH 001-2020']);
    expect(profile.certifications).toHaveLength(2);
    expect(profile.licences).toHaveLength(3);
    expect(profile.qualityStaff).toHaveLength(1);
    expect(profile.formerNames).toEqual([]);
    expect(profile.associations.map((a: { association: string }) => a.association)).toEqual(['北湖区企业联合会']);
    const admin = await t.as('admin');
    const events = (await admin.request('GET', `/api/v1/audit/events?subjectType=licences`)).json();
    expect(events.items[0]).toMatchObject({ action: 'record.create', after: { kind: 'licences', enterpriseId: ent.id } });
  });
});
