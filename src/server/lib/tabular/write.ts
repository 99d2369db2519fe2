import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { uuidv7 } from '../ids';
import ExcelJS from './exceljs';
import { abandoned } from '../file-streams';

/**
 * Every CSV and XLSX the platform writes goes through this file (exports, templates, the
 * rejected-rows file of an import), so that formula neutralisation cannot be forgotten by one.
 */

export type ExportFormat = 'csv' | 'xlsx';

/** A cell as callers hand it over: text, or a number for a numeric column (written as a number). */
export type Cell = string | number;

/** What a spreadsheet program may start evaluating: =, +, -, @, and tab or CR (OWASP's list for CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
/**
 * A plain number ("-5", "-1,234.5") stays as it is: Excel reads it as that number and nothing
 * else, and the importer must read it back (a loss of −5 yuan is a legitimate figure).
 */
const PLAIN_NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;

/** A text cell made inert: one leading single quote before a formula trigger, as OWASP recommends. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** The reverse, for the readers: a file this platform wrote re-imports with its original text. */
export function unneutralise(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) && !PLAIN_NUMBER.test(text.slice(1)) ? text.slice(1) : text;
}

const csvCell = (cell: Cell) => (typeof cell === 'number' ? String(cell) : neutralise(cell));
const xlsxCell = (cell: Cell) => (typeof cell === 'number' ? cell : neutralise(cell));

/** Finishes a written file: resolves once everything is flushed and the file closed, rejects on a write error. */
const ended = (out: fs.WriteStream) =>
  new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));

/** Runs a writer of `file`; if it fails (a refused query, a full disk), the partial file goes with it. */
async function removedOnFailure<T>(file: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    fs.rmSync(file, { force: true });
    throw err;
  }
}

async function writeCsv(file: string, header: string[], rows: AsyncIterable<Cell[][]>) {
  const out = fs.createWriteStream(file);
  try {
    out.write(`\ufeff${stringify([header.map(csvCell)])}`);
    for await (const batch of rows) if (batch.length) out.write(stringify(batch.map((row) => row.map(csvCell))));
    await ended(out);
  } catch (err) {
    await abandoned(out);
    throw err;
  }
}

async function writeXlsx(file: string, sheets: { name: string; header: string[]; rows: AsyncIterable<Cell[][]> }[]) {
  const out = fs.createWriteStream(file);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  try {
    for (const s of sheets) {
      const sheet = book.addWorksheet(s.name);
      sheet.addRow(s.header.map(xlsxCell)).commit();
      for await (const batch of s.rows) for (const row of batch) sheet.addRow(row.map(xlsxCell)).commit();
      sheet.commit();
    }
    await book.commit();
  } catch (err) {
    await abandoned(out);
    throw err;
  }
}

async function* once<T>(rows: T[]): AsyncGenerator<T[]> {
  yield rows;
}

/** Writes rows as UTF-8 CSV with a BOM (opens in Excel), or as a one-sheet XLSX, streaming; nothing is left behind on failure. */
export async function writeTable(
  file: string,
  format: ExportFormat,
  header: string[],
  rows: AsyncIterable<Cell[][]> | Cell[][],
): Promise<void> {
  const batches = Array.isArray(rows) ? once(rows) : rows;
  await removedOnFailure(file, () =>
    format === 'csv' ? writeCsv(file, header, batches) : writeXlsx(file, [{ name: '数据', header, rows: batches }]),
  );
}

/**
 * A CSV written row by row as a process finds them (an import's rejected rows), in batches with
 * synchronous appends: memory stays one batch however many rows come. Opened on the first row.
 */
export function csvAppender(file: string, header: string[]) {
  let fd: number | null = null;
  let batch: Cell[][] = [];
  const flush = () => {
    if (!batch.length) return;
    if (fd === null) {
      fd = fs.openSync(file, 'w');
      fs.writeSync(fd, `\ufeff${stringify([header.map(csvCell)])}`);
    }
    fs.writeSync(fd, stringify(batch.map((row) => row.map(csvCell))));
    batch = [];
  };
  return {
    add(row: Cell[]) {
      batch.push(row);
      if (batch.length >= 1000) flush();
    },
    /** Writes what is left; true if the file has rows. */
    close(): boolean {
      flush();
      if (fd === null) return false;
      fs.closeSync(fd);
      return true;
    },
    /** Gives the file up (the read failed): closed and removed. */
    discard() {
      batch = [];
      if (fd !== null) fs.closeSync(fd);
      fs.rmSync(file, { force: true });
    },
  };
}

/** A new file name under the data directory's tmp/, for a download to send and remove. */
export function tempFile(dataDir: string, format: ExportFormat): string {
  const dir = path.join(dataDir, 'tmp');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${uuidv7()}.${format}`);
}

/** An export written to a new file under the data directory's tmp/, for a download to send and remove. */
export async function writeExport(
  dataDir: string,
  format: ExportFormat,
  header: string[],
  rows: AsyncIterable<Cell[][]> | Cell[][],
): Promise<string> {
  const file = tempFile(dataDir, format);
  await writeTable(file, format, header, rows);
  return file;
}

/** Several sheets of rows in one XLSX under the data directory's tmp/ (the dashboard: one sheet per view). */
export async function writeWorkbook(dataDir: string, sheets: { name: string; header: string[]; rows: Cell[][] }[]): Promise<string> {
  const file = tempFile(dataDir, 'xlsx');
  await removedOnFailure(file, () =>
    writeXlsx(
      file,
      sheets.map((s) => ({ ...s, rows: once(s.rows) })),
    ),
  );
  return file;
}
