import { RESULT_FIELDS, type ResultField } from '../../../contract/schemas/inspections';

/**
 * The columns of published spot-check result tables, as bureaus actually title them. National
 * product and food notices, provincial and district lists all carry the same facts under other
 * headers, below title rows, a 附件 line, a 声明 paragraph or a header merged over two rows. This
 * finds the header and proposes which column is which field; the officer confirms the mapping.
 */

/** Each field's name in error messages (the console shows its own i18n labels). */
export const FIELD_NAMES: Record<ResultField, string> = {
  productName: '产品名称',
  brand: '商标',
  model: '规格型号',
  batch: '生产日期/批号',
  sampledUnit: '被抽样单位',
  sampledUnitAddress: '被抽样单位地址',
  producer: '标称生产企业',
  producerAddress: '标称生产企业地址',
  uscc: '统一社会信用代码',
  result: '检验结论',
  failedItems: '不合格项目',
  testingBody: '检验机构',
  sampledOn: '抽样日期',
  category: '产品类别',
  place: '抽样环节',
  remarks: '备注',
};

/** Header texts per field, normalised (normalizeHeader). */
const SYNONYMS: Record<ResultField, string[]> = {
  productName: ['产品名称', '食品名称', '商品名称', '样品名称', '抽检样品名称', '抽样产品名称', '抽查产品', '产品', '名称'],
  brand: ['商标', '品牌', '商标/品牌', '品牌/商标', '注册商标', '商标(品牌)'],
  model: ['规格型号', '规格', '型号', '规格/型号', '型号规格', '型号/规格', '规格型号/等级', '规格(型号)'],
  batch: [
    '生产日期/批号',
    '生产日期(批号)',
    '批号',
    '生产日期',
    '生产日期/批次号',
    '生产日期/批货号',
    '批次',
    '生产日期或批号',
    '批号/生产日期',
    '生产日期/批号/编号',
    '生产批号',
    '生产日期/编号',
  ],
  sampledUnit: [
    '被抽样单位名称',
    '被抽样单位',
    '受检单位',
    '受检单位名称',
    '经营单位',
    '被抽样单位(经营单位)',
    '被抽检单位',
    '被抽检单位名称',
    '被抽样企业',
    '被检单位',
    '销售单位',
    '被抽样者',
  ],
  sampledUnitAddress: ['被抽样单位地址', '受检单位地址', '被抽检单位地址', '经营单位地址'],
  producer: [
    '标称生产企业名称',
    '标称生产企业',
    '生产企业',
    '生产单位',
    '生产企业名称',
    '标称生产者',
    '标称生产者名称',
    '生产者',
    '标称生产单位',
    '生产厂家',
    '制造商',
    '标称生产企业(进口商)',
    '标称生产单位名称',
  ],
  producerAddress: ['标称生产企业地址', '生产企业地址', '标称生产者地址', '生产单位地址', '标称生产单位地址'],
  uscc: ['统一社会信用代码', '社会信用代码', '信用代码', '统一代码'],
  result: ['检验结论', '检验结果', '结论', '判定结果', '抽检结果', '抽查结果', '判定结论', '结果判定', '检测结论', '结果'],
  failedItems: [
    '主要不合格项目',
    '不合格项目',
    '不合格情况',
    '不合格项目及检验结果',
    '不合格项目及结果',
    '存在问题',
    '主要问题',
    '不合格项目名称',
  ],
  testingBody: ['承检机构', '检验机构', '检验单位', '复查检验机构', '承检单位', '检测机构', '检验检测机构', '抽检机构'],
  sampledOn: ['抽样日期', '抽样时间', '抽检日期', '抽查日期'],
  category: ['产品类别', '分类', '食品大类', '食品分类', '类别', '产品种类', '食品类别', '产品分类', '大类'],
  place: ['抽样环节', '抽样场所', '环节', '抽检环节'],
  remarks: ['备注', '说明', '备注说明'],
};

/** Headers tables carry that the import does not keep, recognised so that they help find the header row. */
const KNOWN_OTHER = [
  '序号',
  '所属地市',
  '所在地市',
  '被抽样单位所在省份',
  '所在省份',
  '抽查类别',
  '任务来源',
  '任务来源/项目名称',
  '公告号',
  '抽样编号',
  '报告编号',
  '检验报告编号',
  '食品细类',
  '细类',
  '亚类',
  '次亚类',
  '品种',
  '所在地',
  '企业所在地',
  '地区',
];

/** Headers whose meaning depends on the table: "企业名称" is the producer in a producers' list, the sampled unit beside a producer column. */
const AMBIGUOUS_ENTERPRISE = ['企业名称', '单位名称'];

/** Where no synonym matches whole: the first rule a header contains decides (order matters). */
const CONTAINS: [RegExp, ResultField][] = [
  [/不合格项目|不合格情况/, 'failedItems'],
  [/标称生产.*地址|生产企业地址/, 'producerAddress'],
  [/标称生产|生产企业|生产单位|生产者/, 'producer'],
  [/被抽样.*地址|受检单位.*地址/, 'sampledUnitAddress'],
  [/被抽样|被抽检|受检单位/, 'sampledUnit'],
  [/信用代码/, 'uscc'],
  [/承检|检验机构|检测机构/, 'testingBody'],
  [/抽样日期|抽样时间/, 'sampledOn'],
  [/生产日期|批号/, 'batch'],
  [/规格|型号/, 'model'],
  [/商标|品牌/, 'brand'],
  [/(产品|食品|样品|商品)名称/, 'productName'],
  [/检验结论|判定结论|检验结果|抽检结果/, 'result'],
  [/环节/, 'place'],
  [/类别|大类|分类/, 'category'],
  [/备注/, 'remarks'],
];

/** "标称生产企业\n名称 *" → "标称生产企业名称": spaces and line breaks out, brackets half-width, marks and colons off. */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[*※＊]/g, '')
    .replace(/[:：]$/, '')
    .replace(/[【〔［]/g, '(')
    .replace(/[】〕］]/g, ')')
    .toLowerCase();
}

export type HeaderMatch = ResultField | 'enterprise' | 'known' | null;

/** What a header cell means: a field, the ambiguous "企业名称", a known column not imported, or nothing. */
export function matchHeader(raw: string): HeaderMatch {
  const h = normalizeHeader(raw);
  if (h === '') return null;
  // "不合格项目║检验结果║标准值": one column holding an item, its result and its limit.
  const first = h.split(/[║|│]/)[0]!;
  for (const f of RESULT_FIELDS) if (SYNONYMS[f].includes(h) || SYNONYMS[f].includes(first)) return f;
  if (AMBIGUOUS_ENTERPRISE.includes(h)) return 'enterprise';
  if (KNOWN_OTHER.includes(h)) return 'known';
  return CONTAINS.find(([re]) => re.test(h))?.[1] ?? null;
}

/** The parts of a combined item column, in order: "不合格项目║检验结果║标准值" → item, measured, requirement. */
export function itemParts(raw: string): ('item' | 'measured' | 'requirement' | null)[] | null {
  const parts = normalizeHeader(raw).split(/[║|│]/);
  if (parts.length < 2) return null;
  return parts.map((p) =>
    /不合格项目|项目/.test(p) ? 'item' : /检验结果|实测|结果/.test(p) ? 'measured' : /标准|要求|限量|指标/.test(p) ? 'requirement' : null,
  );
}

export interface SourceColumn {
  index: number;
  /** The header as the table writes it (two rows joined for a merged header). */
  header: string;
  /** The field it is read as; null: not imported. */
  field: ResultField | null;
}

export interface HeaderFound {
  /** 0-based position among the rows read: the first header row. */
  at: number;
  /** 1 or 2: a header merged over two rows. */
  height: 1 | 2;
  columns: SourceColumn[];
}

/** How many header rows are looked for at most: a title, 附件, a 声明 paragraph and a two-row header fit. */
export const HEADER_SEARCH_ROWS = 30;

/**
 * Finds the header among the first rows: the row (or two merged rows) whose cells name the most
 * fields. A merged two-row header joins a group cell with the cells under it ("标称生产企业" over
 * "名称" and "地址"). Null when no row names at least two fields, one of them a product or a unit.
 */
export function findHeader(rows: string[][]): HeaderFound | null {
  let best: { score: number; found: HeaderFound } | null = null;
  const consider = (at: number, height: 1 | 2, headers: string[]) => {
    const matches = headers.map(matchHeader);
    const fields = new Set(matches.filter((m): m is ResultField | 'enterprise' => m !== null && m !== 'known'));
    const known = matches.filter((m) => m === 'known').length;
    const anchored = fields.has('productName') || fields.has('producer') || fields.has('sampledUnit') || fields.has('enterprise');
    if (fields.size < 2 || !anchored) return;
    // A merged header must name more than its top row alone: a title joined to the header does not.
    const score = fields.size * 2 + known - (height === 2 ? 0.5 : 0);
    if (!best || score > best.score) best = { score, found: { at, height, columns: resolve(headers, matches) } };
  };
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const row = rows[i]!;
    consider(i, 1, row);
    const next = rows[i + 1];
    if (next && next.some((c, j) => c.trim() !== '' && (row[j] ?? '').trim() === '')) consider(i, 2, joinTwoRows(row, next));
  }
  return best ? (best as { found: HeaderFound }).found : null;
}

/** A row right under the header that only repeats header words (the lower half of a merged header read alone). */
export function isHeaderLike(cells: string[]): boolean {
  const filled = cells.filter((c) => c.trim() !== '');
  return filled.length > 0 && filled.every((c) => matchHeader(c) !== null);
}

/**
 * A header merged over two rows: a group cell ("标称生产企业") spans the cells under it ("名称",
 * "地址"); a cell merged down keeps its text. The group's text is carried right over the empty
 * cells of the top row while the row below has text there.
 */
function joinTwoRows(top: string[], below: string[]): string[] {
  const width = Math.max(top.length, below.length);
  const out: string[] = [];
  let group = '';
  for (let j = 0; j < width; j++) {
    const t = (top[j] ?? '').trim();
    const b = (below[j] ?? '').trim();
    if (t !== '') group = b !== '' ? t : '';
    else if (b === '') group = '';
    out.push(t !== '' && b !== '' ? `${t}${b}` : t !== '' ? t : group !== '' ? `${group}${b}` : b);
  }
  return out;
}

/** Columns to fields: the first column of a field keeps it; "企业名称" is the producer unless another column is. */
function resolve(headers: string[], matches: HeaderMatch[]): SourceColumn[] {
  const taken = new Set<ResultField>();
  const hasProducer = matches.includes('producer');
  const hasUnit = matches.includes('sampledUnit');
  return headers.map((header, index) => {
    let m = matches[index];
    if (m === 'enterprise') m = !hasProducer ? 'producer' : !hasUnit ? 'sampledUnit' : null;
    const field = m && m !== 'known' && !taken.has(m) ? m : null;
    if (field) taken.add(field);
    return { index, header: header.trim().replace(/\s+/g, ' '), field };
  });
}
