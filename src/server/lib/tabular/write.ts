import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { uuidv7 } from '../ids';
import ExcelJS from './exceljs';

export type ExportFormat = 'csv' | 'xlsx';

/** Writes rows (arrays of cell text) as UTF-8 CSV with a BOM, or as a one-sheet XLSX, streaming. */
export async function writeTable(file: string, format: ExportFormat, header: string[], rows: AsyncIterable<string[][]>) {
  if (format === 'csv') {
    const out = fs.createWriteStream(file);
    out.write(`\ufeff${stringify([header])}`);
    for await (const batch of rows) if (batch.length) out.write(stringify(batch));
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    return;
  }
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const sheet = book.addWorksheet('数据');
  sheet.addRow(header).commit();
  for await (const batch of rows) for (const row of batch) sheet.addRow(row).commit();
  sheet.commit();
  await book.commit();
}

/** An export written to a new file under the data directory's tmp/, for a download to send and remove. */
export async function writeExport(dataDir: string, format: ExportFormat, header: string[], rows: AsyncIterable<string[][]>): Promise<string> {
  const dir = path.join(dataDir, 'tmp');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${uuidv7()}.${format}`);
  await writeTable(file, format, header, rows);
  return file;
}

/**
 * Several sheets of rows in one XLSX under the data directory's tmp/ (the dashboard: one sheet per
 * view). Numbers are written as numbers, so the spreadsheet can sum and chart them.
 */
export async function writeWorkbook(dataDir: string, sheets: { name: string; header: string[]; rows: (string | number)[][] }[]): Promise<string> {
  const dir = path.join(dataDir, 'tmp');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${uuidv7()}.xlsx`);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  for (const s of sheets) {
    const sheet = book.addWorksheet(s.name);
    sheet.addRow(s.header).commit();
    for (const row of s.rows) sheet.addRow(row).commit();
    sheet.commit();
  }
  await book.commit();
  return file;
}
