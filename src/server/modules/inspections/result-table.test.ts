import { describe, expect, it } from 'vitest';
import { noticeTotals, parsePlace, parseProducerCell, parseVerdict, splitFailedItems } from './result-table.cells';
import { findHeader, itemParts, matchHeader } from './result-table.headers';
import { batchReader, unwrap, type ReadContext } from './result-table.rows';

describe('published table headers', () => {
  it.each([
    ['食品名称', 'productName'],
    ['商品名称', 'productName'],
    ['产品名称*', 'productName'],
    ['被抽样单位名称', 'sampledUnit'],
    ['受检单位', 'sampledUnit'],
    ['经营单位', 'sampledUnit'],
    ['标称生产企业名称', 'producer'],
    ['生产单位', 'producer'],
    ['标称生产\n企业名称', 'producer'],
    ['生 产 企 业', 'producer'],
    ['主要不合格项目', 'failedItems'],
    ['不合格项目║检验结果║标准值', 'failedItems'],
    ['不合格情况', 'failedItems'],
    ['承检机构', 'testingBody'],
    ['检验机构', 'testingBody'],
    ['生产日期/批号', 'batch'],
    ['生产日期（批号）', 'batch'],
    ['批号', 'batch'],
    ['生产日期/批货号', 'batch'],
    ['规格型号', 'model'],
    ['规格', 'model'],
    ['型号', 'model'],
    ['检验结论', 'result'],
    ['分类', 'category'],
    ['抽样环节', 'place'],
    ['备注', 'remarks'],
    ['企业名称', 'enterprise'],
    ['序号', 'known'],
    ['公告号', 'known'],
    ['抽样单编号', null],
  ])('%s → %s', (header, field) => {
    expect(matchHeader(header)).toBe(field);
  });

  it('finds the header below 附件, a title and a 声明 paragraph', () => {
    const rows = [
      ['附件2', '', ''],
      ['2025年食品安全监督抽检不合格产品信息', '', ''],
      ['声明：本表仅反映抽检样品所检项目的结果。', '', ''],
      ['序号', '食品名称', '标称生产企业名称', '被抽样单位名称', '不合格项目║检验结果║标准值'],
      ['1', '挂面', '甲公司', '乙超市', '铅║0.3║≤0.2'],
    ];
    const found = findHeader(rows)!;
    expect([found.at, found.height]).toEqual([3, 1]);
    expect(found.columns.map((c) => c.field)).toEqual([null, 'productName', 'producer', 'sampledUnit', 'failedItems']);
  });

  it('joins a header merged over two rows: the group cell over the cells under it', () => {
    const rows = [
      ['序号', '产品名称', '标称生产企业', '', '被抽样单位', '', '检验结论'],
      ['', '', '名称', '地址', '名称', '所在地', ''],
      ['1', '电线', '甲公司', '郴州', '乙店', '北湖', '合格'],
    ];
    const found = findHeader(rows)!;
    expect([found.at, found.height]).toEqual([0, 2]);
    expect(found.columns.map((c) => [c.header, c.field])).toEqual([
      ['序号', null],
      ['产品名称', 'productName'],
      ['标称生产企业名称', 'producer'],
      ['标称生产企业地址', 'producerAddress'],
      ['被抽样单位名称', 'sampledUnit'],
      ['被抽样单位所在地', null],
      ['检验结论', 'result'],
    ]);
  });

  it('"企业名称" is the producer in a producers list, and the sampled unit beside a producer column', () => {
    expect(findHeader([['序号', '企业名称', '产品名称', '不合格项目']])!.columns[1]!.field).toBe('producer');
    expect(findHeader([['企业名称', '产品名称', '生产企业', '检验结论']])!.columns[0]!.field).toBe('sampledUnit');
  });

  it('reads the parts of a combined item column', () => {
    expect(itemParts('不合格项目║检验结果║标准值')).toEqual(['item', 'measured', 'requirement']);
    expect(itemParts('不合格项目')).toBeNull();
  });
});

describe('published table cells', () => {
  it.each([
    ['合格', 'qualified'],
    ['不合格', 'unqualified'],
    ['符合', 'qualified'],
    ['不符合', 'unqualified'],
    ['P', 'qualified'],
    ['F', 'unqualified'],
    ['✓', 'qualified'],
    ['√', 'qualified'],
    ['×', 'unqualified'],
    ['不合格（标签）', 'unqualified'],
    ['经检验，所检项目符合标准要求', 'qualified'],
    ['所检项目不合格', 'unqualified'],
    ['', null],
    ['/', null],
    ['待定', null],
  ])('verdict %s → %s', (raw, verdict) => {
    expect(parseVerdict(raw)).toBe(verdict);
  });

  it('splits producer cells by role and picks the maker', () => {
    expect(parseProducerCell('生产商：湖南甲食品有限公司；经销商：郴州乙商行')).toEqual({
      producer: '湖南甲食品有限公司',
      role: 'manufacturer',
      parties: [{ role: 'distributor', name: '郴州乙商行' }],
    });
    expect(parseProducerCell('委托方：郴州丙食品有限公司/受委托方：衡阳丁食品厂')).toEqual({
      producer: '衡阳丁食品厂',
      role: 'manufacturer',
      parties: [{ role: 'commissioner', name: '郴州丙食品有限公司' }],
    });
    expect(parseProducerCell('进口商：广州戊贸易有限公司（原产国：日本）')).toEqual({
      producer: '广州戊贸易有限公司',
      role: 'importer',
      parties: [],
    });
    expect(parseProducerCell('进口商：广州戊贸易有限公司（原产国：日本）').producer).toBe('广州戊贸易有限公司');
    expect(parseProducerCell('郴州市己蔬菜批发部（供货商）')).toEqual({
      producer: null,
      role: null,
      parties: [{ role: 'distributor', name: '郴州市己蔬菜批发部' }],
    });
    expect(parseProducerCell('/')).toEqual({ producer: null, role: null, parties: [] });
    expect(parseProducerCell('无')).toEqual({ producer: null, role: null, parties: [] });
    expect(parseProducerCell('郴州市庚电缆有限公司')).toEqual({ producer: '郴州市庚电缆有限公司', role: 'manufacturer', parties: [] });
    expect(parseProducerCell('委托方：郴州辛茶业有限公司')).toEqual({ producer: '郴州辛茶业有限公司', role: 'commissioner', parties: [] });
    // The name as the archive writes it, full-width brackets and all, so an exact match finds it.
    expect(parseProducerCell('湖南子丑（集团）有限公司').producer).toBe('湖南子丑（集团）有限公司');
  });

  it('keeps an importer’s country of origin', () => {
    const cell = parseProducerCell('经销商：郴州壬商贸有限公司；进口商：长沙癸进出口有限公司（原产国：澳大利亚）');
    expect(cell.producer).toBe('长沙癸进出口有限公司');
    expect(cell.parties).toEqual([{ role: 'distributor', name: '郴州壬商贸有限公司' }]);
  });

  it('splits failed items but not inside brackets, and reads their result and limit', () => {
    expect(splitFailedItems('充装量、喷射性能', null).map((i) => i.item)).toEqual(['充装量', '喷射性能']);
    expect(splitFailedItems('邻苯二甲酸酯（DEHP、DBP）；标识', null).map((i) => i.item)).toEqual(['邻苯二甲酸酯（DEHP、DBP）', '标识']);
    expect(splitFailedItems('1.导体电阻 2.绝缘厚度', null).map((i) => i.item)).toEqual(['导体电阻', '绝缘厚度']);
    expect(splitFailedItems('铅(以Pb计)║0.35mg/kg║≤0.2mg/kg\n苯甲酸║0.8g/kg║≤0.5g/kg', ['item', 'measured', 'requirement'])).toEqual([
      { item: '铅(以Pb计)', measured: '0.35mg/kg', requirement: '≤0.2mg/kg' },
      { item: '苯甲酸', measured: '0.8g/kg', requirement: '≤0.5g/kg' },
    ]);
    expect(splitFailedItems('/', null)).toEqual([]);
    // Superscripts stay: 10⁴ is not 104.
    expect(splitFailedItems('菌落总数║2.1×10⁴CFU/mL║≤1×10⁴CFU/mL', ['item', 'measured', 'requirement'])[0]!.measured).toBe('2.1×10⁴CFU/mL');
  });

  it.each([
    ['生产', 'production'],
    ['流通环节', 'circulation'],
    ['餐饮', 'catering'],
    ['网络', 'online'],
    ['网购', 'online'],
    ['超市', 'circulation'],
    ['其他', null],
  ])('place %s → %s', (raw, place) => {
    expect(parsePlace(raw)).toBe(place);
  });

  it.each([
    ['共抽查 120 家企业生产的 200 批次产品，不合格 12 批次', { tested: 200, unqualified: 12 }],
    ['本次抽检食品350批次，其中合格341批次，不合格9批次', { tested: 350, unqualified: 9 }],
    ['抽检 1,172 批次，合格 1,008 批次', { tested: 1172, unqualified: 164 }],
    ['发现不合格产品5批次', { tested: null, unqualified: 5 }],
    ['2025年食品安全监督抽检结果', { tested: null, unqualified: null }],
  ])('notice totals in %s', (text, totals) => {
    expect(noticeTotals(text)).toEqual(totals);
  });
});

describe('rows into batches', () => {
  const ctx = (over: Partial<ReadContext> = {}): ReadContext => ({
    fields: new Map([
      [0, 'productName'],
      [1, 'producer'],
      [2, 'sampledUnit'],
      [3, 'batch'],
      [4, 'result'],
      [5, 'failedItems'],
      [6, 'remarks'],
    ]),
    itemParts: null,
    categoryOf: () => null,
    tableCategory: 'FS01',
    tablePlace: null,
    failuresOnly: false,
    ...over,
  });
  const read = (rows: string[][], c = ctx()) => {
    const r = batchReader(c);
    rows.forEach((cells, i) => r.add({ line: i + 2, cells }));
    return r.done();
  };

  it('merges a batch printed on several rows into one with each failed item', () => {
    const batches = read([
      ['挂面', '甲公司', '乙超市', '2025-03-01', '不合格', '铅'],
      ['挂面', '甲公司', '乙超市', '2025-03-01', '不合格', '苯甲酸'],
      ['挂面', '甲公司', '乙超市', '2025-04-01', '合格', ''],
    ]);
    expect(batches.map((b) => [b.lines, b.verdict, b.items.map((i) => i.item)])).toEqual([
      [[2, 3], 'unqualified', ['铅', '苯甲酸']],
      [[4], 'qualified', []],
    ]);
  });

  it('reads a cell the table wrapped as one line, and a wrapped producer cell by its roles', () => {
    const [batch] = read([['电动\n自行车', '生产商：甲电动车\n有限公司\n经销商：乙商行', '丙商场', 'TDR\n2025', '合格', '', '']]);
    expect(batch).toMatchObject({ productName: '电动自行车', producer: '甲电动车有限公司', batch: 'TDR 2025', errors: [] });
  });

  it('continues the row above when the product, producer and unit cells are merged down', () => {
    const batches = read([
      ['大米', '丙米业', '丁店', '', '不合格', '镉'],
      ['', '', '', '', '', '黄曲霉毒素B1'],
    ]);
    expect(batches.map((b) => [b.lines, b.items.map((i) => i.item)])).toEqual([
      [
        [2, 3],
        ['镉', '黄曲霉毒素B1'],
      ],
    ]);
  });

  it('keeps two unbatched rows apart unless they are adjacent', () => {
    const batches = read([
      ['豆腐', '戊厂', '己市场', '', '合格', ''],
      ['腐竹', '戊厂', '己市场', '', '合格', ''],
      ['豆腐', '戊厂', '己市场', '', '合格', ''],
    ]);
    expect(batches).toHaveLength(3);
  });

  it('a verdict it cannot read is an error, never a default; a failures-only list makes each row unqualified', () => {
    expect(read([['酱油', '庚公司', '辛店', '', '待复检', '']])[0]!.errors).toEqual(['检验结论：“待复检”不是合格或不合格']);
    expect(read([['酱油', '庚公司', '辛店', '', '', '']])[0]!.errors).toEqual(['检验结论：不能为空']);
    const list = read(
      [['酱油', '庚公司', '辛店', '', '', '氨基酸态氮']],
      ctx({
        fields: new Map([
          [0, 'productName'],
          [1, 'producer'],
          [2, 'sampledUnit'],
          [5, 'failedItems'],
        ]),
        failuresOnly: true,
      }),
    );
    expect(list[0]).toMatchObject({ verdict: 'unqualified', errors: [] });
  });

  it('marks a batch whose remark disputes the producer', () => {
    expect(read([['白酒', '壬酒业', '癸店', '', '不合格', '酒精度', '标称生产企业否认为其产品']])[0]).toMatchObject({
      disputed: true,
      remarks: '标称生产企业否认为其产品',
    });
  });

  it('a category cell the catalogues and the officer do not name is an error', () => {
    const c = ctx({
      fields: new Map([
        [0, 'productName'],
        [1, 'producer'],
        [2, 'result'],
        [3, 'category'],
      ]),
      categoryOf: (t) => (t === '粮食加工品' ? 'FS01' : null),
    });
    const [known, unknown] = read(
      [
        ['挂面', '甲', '合格', '粮食加工品'],
        ['瓜子', '乙', '合格', '炒货'],
      ],
      c,
    );
    expect([known!.category, known!.errors, unknown!.errors]).toEqual(['FS01', [], ['产品类别“炒货”未对应到目录中的类别']]);
  });
});

describe('wrapped cells', () => {
  it('a wrap between Chinese characters is dropped, any other becomes a space', () => {
    expect(unwrap('郴州市某某电动\n自行车有限公司')).toBe('郴州市某某电动自行车有限公司');
    expect(unwrap('TDR\r\n48V')).toBe('TDR 48V');
    expect(unwrap('电动自行车 \n 48V')).toBe('电动自行车 48V');
    expect(unwrap('保温杯\n')).toBe('保温杯 ');
    expect(unwrap('一行')).toBe('一行');
  });
});
