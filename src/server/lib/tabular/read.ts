import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { CellValue, Row } from 'exceljs';
import ExcelJS from './exceljs';
import iconv from 'iconv-lite';
import { openZipEntry, readZipDirectory } from './zip';
import { unneutralise } from './write';

/** One data row of a spreadsheet: its 1-based line (row) number and its cells as text. */
export interface TableRow {
  line: number;
  cells: string[];
}

export type TextEncoding = 'utf8' | 'gb18030' | 'utf16le';

/** Why a file cannot be read at all (the import answers with the code). */
export class UnreadableFile extends Error {
  constructor(
    readonly code: 'file_empty' | 'file_unreadable' | 'file_too_large',
    message: string,
  ) {
    super(message);
  }
}

export interface ReadLimits {
  /** Largest uncompressed size an XLSX may declare. */
  maxUncompressedBytes: number;
  /** Most rows the sheet may have (titles and header included): one more and reading stops. */
  maxRows: number;
}

/**
 * Past this ratio of inflated to stored size a member is a zip bomb, not a spreadsheet (Apache
 * POI's default: real sheets deflate 5–30×); members under 1 MiB inflated are let be.
 */
const MAX_INFLATE_RATIO = 100;
const RATIO_FLOOR = 2 ** 20;
/** exceljs keeps the shared strings in memory: their size bounds what one upload may take. */
const MAX_SHARED_STRINGS = 128 * 2 ** 20;

const tooManyRows = (limits: ReadLimits) => new UnreadableFile('file_too_large', `超过 ${limits.maxRows} 行，请拆分后再导入`);
const MiB = (n: number) => Math.round(n / 2 ** 20);

/**
 * Counts the rows of a worksheet member by its <row> tags, without parsing: inflating and
 * scanning is ten times faster than exceljs's parse, so a sheet of millions of rows is refused
 * in about a second instead of after the import has read, checked and written two million of
 * them. Stops as soon as the limit is passed.
 */
async function rowsWithin(member: Readable, maxRows: number): Promise<boolean> {
  const tag = Buffer.from('<row');
  let rows = 0;
  let carry: Buffer = Buffer.alloc(0);
  try {
    for await (const chunk of member as AsyncIterable<Buffer>) {
      const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      // <row followed by a space or > (not <rowBreaks); a tag cut by the chunk's end is carried over.
      for (let at = buf.indexOf(tag); at >= 0 && at + 4 < buf.length; at = buf.indexOf(tag, at + 4)) {
        const next = buf[at + 4];
        if (next === 0x20 || next === 0x3e || next === 0x09 || next === 0x0a || next === 0x0d) {
          if (++rows > maxRows) return false;
        }
      }
      carry = buf.subarray(Math.max(0, buf.length - 4));
    }
    return true;
  } finally {
    member.destroy();
  }
}

const SAMPLE = 64 * 1024;

async function head(path: string): Promise<Buffer> {
  const handle = await fs.promises.open(path, 'r');
  try {
    const buf = Buffer.alloc(SAMPLE);
    const { bytesRead } = await handle.read(buf, 0, SAMPLE, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * What Excel and WPS in China write: UTF-8 with a BOM, UTF-8 without one, GBK / GB18030 (the
 * "CSV" of a Chinese Excel), or UTF-16 with a BOM ("Unicode text", tab-separated).
 */
export function detectEncoding(sample: Buffer): { encoding: TextEncoding; bomLength: number } {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf8', bomLength: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf16le', bomLength: 2 };
  // A sample may end inside a character: drop up to 3 trailing bytes of an unfinished sequence.
  let end = sample.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = sample[end - back]!;
    if ((b & 0xc0) === 0xc0) {
      end -= back;
      break;
    }
    if ((b & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return { encoding: 'utf8', bomLength: 0 };
  } catch {
    return { encoding: 'gb18030', bomLength: 0 };
  }
}

function looksBinary(text: string): boolean {
  let control = 0;
  for (const ch of text.slice(0, 4096)) {
    const c = ch.charCodeAt(0);
    if (c === 0 || c < 9 || (c > 13 && c < 32) || c === 0xfffd) control++;
  }
  return control > 8;
}

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

/** The parts of exceljs's streaming reader used here: its XML parsers, fed with members read by zip.ts. */
interface ExcelReaderParts {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<{ value: AsyncIterable<Row> }>;
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { rId: string }[] };
}

const unreadableXlsx = () => new UnreadableFile('file_unreadable', '文件已损坏或不是有效的 Excel（.xlsx）文件');

async function* readXlsx(path: string, limits: ReadLimits): AsyncGenerator<TableRow> {
  const zip = await readZipDirectory(path);
  if (!zip.ok) throw unreadableXlsx();
  // Refused from the central directory alone, before anything is inflated.
  if (zip.uncompressed > limits.maxUncompressedBytes) {
    throw new UnreadableFile('file_too_large', `解压后超过 ${MiB(limits.maxUncompressedBytes)} MB，请拆分后再导入`);
  }
  if (zip.entries.some((e) => e.uncompressedSize > RATIO_FLOOR && e.uncompressedSize > MAX_INFLATE_RATIO * Math.max(1, e.compressedSize))) {
    throw new UnreadableFile('file_too_large', `文件压缩比异常（超过 ${MAX_INFLATE_RATIO} 倍），不是正常的 Excel 文件`);
  }
  const member = (name: string) => zip.entries.find((e) => e.name === name);
  if ((member('xl/sharedStrings.xml')?.uncompressedSize ?? 0) > MAX_SHARED_STRINGS) {
    throw new UnreadableFile('file_too_large', `共享字符串超过 ${MiB(MAX_SHARED_STRINGS)} MB，请拆分后再导入或另存为 CSV`);
  }
  const open = async (name: string) => {
    const entry = member(name);
    if (!entry) throw unreadableXlsx();
    return openZipEntry(path, entry);
  };
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'cache' }) as unknown as ExcelReaderParts;
  try {
    await reader._parseRels(await open('xl/_rels/workbook.xml.rels'));
    await reader._parseWorkbook(await open('xl/workbook.xml'));
    if (member('xl/sharedStrings.xml')) for await (const _ of reader._parseSharedStrings(await open('xl/sharedStrings.xml')));
    if (member('xl/styles.xml')) await reader._parseStyles(await open('xl/styles.xml'));
    // The first worksheet only: templates have one; further sheets are notes.
    const first = reader.model?.sheets?.[0];
    const target = reader.workbookRels?.find((r) => r.Id === first?.rId)?.Target;
    const sheetNo = target?.match(/sheet(\d+)\.xml$/)?.[1];
    if (!target || !sheetNo) throw unreadableXlsx();
    const sheetPath = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    if (!(await rowsWithin(await open(sheetPath), limits.maxRows))) throw tooManyRows(limits);
    const [worksheet] = reader._parseWorksheet(await open(sheetPath), sheetNo);
    for await (const row of worksheet!.value) {
      const values = (row.values as CellValue[]).slice(1);
      yield { line: row.number, cells: values.map(cellText) };
    }
  } catch (err) {
    if (err instanceof UnreadableFile) throw err;
    throw unreadableXlsx();
  }
}

async function* readCsv(path: string, sample: Buffer): AsyncGenerator<TableRow> {
  const { encoding, bomLength } = detectEncoding(sample);
  const firstText = iconv.decode(sample.subarray(bomLength), encoding);
  if (looksBinary(firstText)) throw new UnreadableFile('file_unreadable', '文件无法识别：请上传 Excel（.xlsx）或 CSV 文件');
  const firstLine = firstText.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = encoding === 'utf16le' || firstLine.split('\t').length > firstLine.split(',').length ? '\t' : ',';
  const parser = fs
    .createReadStream(path, { start: bomLength })
    .pipe(iconv.decodeStream(encoding))
    .pipe(
      parse({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true, max_record_size: 1_000_000 }),
    );
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { line: info.lines, cells: record };
    }
  } catch (err) {
    throw new UnreadableFile('file_unreadable', `CSV 格式错误：${(err as Error).message.slice(0, 200)}`);
  }
}

/** An Excel 97–2003 workbook: an OLE compound file. */
const isOle = (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
/** An HTML table saved under an .xls name, as many government sites serve their "Excel" downloads. */
const isHtmlTable = (b: Buffer) =>
  /^\s*<(!doctype|html|table|meta|\?xml)/i.test(
    b
      .subarray(0, 512)
      .toString('latin1')
      .replace(/^\uFEFF|^\xEF\xBB\xBF/, ''),
  ) && /<table/i.test(b.toString('latin1'));

/** Rows of the file's first sheet: XLSX (streamed) by its signature, .xls and HTML tables, otherwise CSV text. */
export async function* readTable(path: string, limits: ReadLimits): AsyncGenerator<TableRow> {
  const sample = await head(path);
  if (sample.length === 0) throw new UnreadableFile('file_empty', '文件为空');
  const isZip = sample[0] === 0x50 && sample[1] === 0x4b && sample[2] === 0x03 && sample[3] === 0x04;
  const rows = isZip
    ? readXlsx(path, limits)
    : isOle(sample) || isHtmlTable(sample)
      ? (await import('./legacy')).readLegacy(path)
      : readCsv(path, sample);
  let count = 0;
  for await (const row of rows) {
    // CSV and .xls are counted as they stream (an .xls holds at most 65,536 rows anyway).
    if (++count > limits.maxRows) throw tooManyRows(limits);
    // A cell this platform neutralised on export ('=…) reads back as the text it was.
    yield { line: row.line, cells: row.cells.map(unneutralise) };
  }
}
