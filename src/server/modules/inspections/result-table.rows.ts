/**
 * Rows of a published result table read through the mapping the officer confirmed, then gathered
 * into batches: a batch that failed several items is printed as several rows (or as one row with
 * the other cells merged down), and an exact duplicate row is the same batch printed twice.
 */
import { parseDate, parseText } from '../../lib/tabular/cells';
import { checkUscc } from '../../lib/uscc';
import {
  disputesProducer,
  parsePlace,
  parseProducerCell,
  parseVerdict,
  splitFailedItems,
  type FailedItem,
  type Party,
  type PartyRole,
  type TablePlace,
  type Verdict,
} from './result-table.cells';
import type { ResultField } from '../../../contract/schemas/inspections';
import { FIELD_NAMES } from './result-table.headers';

const MAX_LENGTH: Partial<Record<ResultField, number>> = {
  failedItems: 2000,
  remarks: 500,
  sampledUnitAddress: 200,
  producerAddress: 300,
  producer: 300,
};

export interface ReadContext {
  /** Column index → field, as confirmed. */
  fields: Map<number, ResultField>;
  /** The parts of a combined "不合格项目║检验结果║标准值" column. */
  itemParts: ('item' | 'measured' | 'requirement' | null)[] | null;
  /** A category cell's code, or null when neither the catalogues nor the officer's mapping name it. */
  categoryOf(raw: string): string | null;
  /** The table's category when it has no category column (chosen by the officer); null: not chosen. */
  tableCategory: string | null;
  /** The table's sampling stage when it has no such column; null: 未注明. */
  tablePlace: TablePlace | null;
  /** A failures-only list: every row is unqualified and there is no verdict column. */
  failuresOnly: boolean;
}

export interface Batch {
  /** The table's lines this batch was printed on. */
  lines: number[];
  productName: string;
  brand: string;
  model: string;
  batch: string;
  sampledUnit: string;
  producerCell: string;
  producer: string | null;
  producerRole: PartyRole | null;
  parties: Party[];
  uscc: string | null;
  verdict: Verdict | null;
  items: FailedItem[];
  testingBody: string;
  sampledOn: string | null;
  category: string | null;
  categoryText: string;
  place: TablePlace | 'unknown';
  remarks: string;
  /** A remark disputes the labelled producer: it is never linked without a person's choice. */
  disputed: boolean;
  errors: string[];
  warnings: string[];
}

const KEEPS_LINES = new Set<ResultField>(['failedItems', 'remarks']);
const WIDE = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/**
 * Published tables wrap long cells (a firm's name, 生产商：…↵经销商：…) with line breaks that are
 * layout, not content: a wrap between two Chinese characters is dropped, any other becomes a space.
 * Failed items and remarks keep theirs: a line there separates one item or remark from the next.
 */
export function unwrap(cell: string): string {
  return cell.replace(/[ \t]*[\r\n]+[ \t]*/g, (wrap, at: number, all: string) =>
    at > 0 && at + wrap.length < all.length && WIDE.test(all[at - 1]!) && WIDE.test(all[at + wrap.length]!) ? '' : ' ',
  );
}

/** One row read through the mapping; null for a row with nothing in the mapped columns. */
function readRow(line: number, cells: string[], ctx: ReadContext): Batch | null {
  const values: Partial<Record<ResultField, string>> = {};
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const [index, field] of ctx.fields) {
    const cell = cells[index] ?? '';
    const parsed = parseText(KEEPS_LINES.has(field) ? cell : unwrap(cell), MAX_LENGTH[field] ?? 100);
    if (!parsed.ok) errors.push(`${FIELD_NAMES[field]}：${parsed.message}`);
    else if (parsed.value !== null) values[field] = parsed.value;
  }
  if (Object.keys(values).length === 0 && errors.length === 0) return null;
  const producer = parseProducerCell(values.producer ?? '');
  let verdict: Verdict | null = ctx.failuresOnly ? 'unqualified' : null;
  if (!ctx.failuresOnly && values.result !== undefined) {
    verdict = parseVerdict(values.result);
    if (!verdict) errors.push(`${FIELD_NAMES.result}：“${values.result}”不是合格或不合格`);
  }
  const items = splitFailedItems(values.failedItems ?? '', ctx.itemParts);
  let uscc: string | null = null;
  if (values.uscc) {
    const checked = checkUscc(values.uscc);
    if (checked.shapeOk && checked.usccCheckOk) uscc = checked.code;
    else warnings.push(`${FIELD_NAMES.uscc}“${values.uscc}”无效，未用于匹配`);
  }
  let sampledOn: string | null = null;
  if (values.sampledOn) {
    const date = parseDate(values.sampledOn);
    if (!date.ok) errors.push(`${FIELD_NAMES.sampledOn}：${date.message}`);
    else sampledOn = date.value;
  }
  const category = [...ctx.fields.values()].includes('category')
    ? values.category
      ? ctx.categoryOf(values.category)
      : null
    : ctx.tableCategory;
  let place: TablePlace | 'unknown' = ctx.tablePlace ?? 'unknown';
  if (values.place) {
    const read = parsePlace(values.place);
    if (read) place = read;
    else warnings.push(`${FIELD_NAMES.place}“${values.place}”无法识别，记为未注明`);
  }
  const remarks = values.remarks ?? '';
  return {
    lines: [line],
    productName: values.productName ?? '',
    brand: values.brand ?? '',
    model: values.model ?? '',
    batch: values.batch ?? '',
    sampledUnit: values.sampledUnit ?? '',
    producerCell: values.producer ?? '',
    producer: producer.producer,
    producerRole: producer.role,
    parties: producer.parties,
    uscc,
    verdict,
    items,
    testingBody: values.testingBody ?? '',
    sampledOn,
    category,
    categoryText: values.category ?? '',
    place,
    remarks,
    disputed: disputesProducer(remarks),
    errors,
    warnings,
  };
}

/** What a batch still lacks once its rows are gathered. */
function check(b: Batch, verdictColumn: boolean): Batch {
  const errors = [...b.errors];
  if (!b.productName) errors.push(`${FIELD_NAMES.productName}：不能为空`);
  if (!b.sampledUnit && !b.producerCell) errors.push(`${FIELD_NAMES.sampledUnit}和${FIELD_NAMES.producer}不能都为空`);
  // No verdict column and no word yet that the table is a failures-only list: the import as a whole waits for it.
  if (!b.verdict && verdictColumn && !errors.some((e) => e.startsWith(FIELD_NAMES.result))) errors.push(`${FIELD_NAMES.result}：不能为空`);
  if (b.verdict === 'qualified' && b.items.length) errors.push('结论为合格，却列有不合格项目');
  if (!b.category && b.categoryText) errors.push(`${FIELD_NAMES.category}“${b.categoryText}”未对应到目录中的类别`);
  return { ...b, errors };
}

const key = (b: Batch) =>
  [b.productName, b.brand, b.model, b.batch, b.producerCell, b.sampledUnit].map((v) => v.replace(/\s+/g, '')).join('|');

/**
 * Gathers a table's rows into batches, in table order. A row whose product, producer and unit
 * cells are all empty continues the row above (cells merged down). Rows naming the same product,
 * brand, model, batch, producer and unit are one batch when the batch is printed, or when they
 * are adjacent.
 */
export function batchReader(ctx: ReadContext) {
  const batches: Batch[] = [];
  const byKey = new Map<string, Batch>();
  let previous: Batch | null = null;
  return {
    add({ line, cells }: { line: number; cells: string[] }) {
      const row = readRow(line, cells, ctx);
      if (!row) return;
      const continues: boolean =
        previous !== null &&
        !row.productName &&
        !row.producerCell &&
        !row.sampledUnit &&
        (row.items.length > 0 || row.verdict !== null || row.remarks !== '');
      const same = byKey.get(key(row));
      const target: Batch | null = continues ? previous : same && (row.batch !== '' || same === previous) ? same : null;
      if (target) {
        merge(target, row);
        previous = target;
        return;
      }
      batches.push(row);
      byKey.set(key(row), row);
      previous = row;
    },
    done: (): Batch[] => batches.map((b) => check(b, [...ctx.fields.values()].includes('result'))),
  };
}

function merge(into: Batch, row: Batch) {
  into.lines.push(...row.lines);
  for (const item of row.items) if (!into.items.some((i) => i.item === item.item)) into.items.push(item);
  if (row.verdict && into.verdict && row.verdict !== into.verdict)
    into.warnings.push(`第 ${row.lines[0]} 行与同一批次的结论不同，按不合格计`);
  if (row.verdict === 'unqualified' || !into.verdict) into.verdict = row.verdict ?? into.verdict;
  if (row.remarks && !into.remarks.includes(row.remarks)) into.remarks = into.remarks ? `${into.remarks}；${row.remarks}` : row.remarks;
  into.disputed ||= row.disputed;
  into.errors.push(...row.errors);
  into.warnings.push(...row.warnings);
}
