/**
 * Excel 97–2003 workbooks (.xls) and the HTML tables many government sites serve under an .xls
 * name, read with SheetJS Community Edition (published to npm as @e965/xlsx, unmodified). exceljs
 * reads only .xlsx. SheetJS parses a whole workbook in memory, so these files have their own,
 * smaller size limit; an .xls sheet holds at most 65,536 rows anyway.
 */
import fs from 'node:fs';
import * as XLSX from '@e965/xlsx';
import * as cptable from '@e965/xlsx/dist/cpexcel.full.mjs';
import type { TableRow } from './read';
import { UnreadableFile } from './read';

// Excel 95 files store text in the workbook's code page (936 for GBK): SheetJS needs the tables.
XLSX.set_cptable(cptable);

/** Largest .xls or HTML table read (SheetJS holds the whole workbook in memory). */
const LEGACY_MAX_BYTES = 20 * 2 ** 20;

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

function cellText(cell: XLSX.CellObject | undefined): string {
  if (!cell) return '';
  switch (cell.t) {
    case 's':
      return String(cell.v ?? '');
    case 'n': {
      if (cell.z !== undefined && XLSX.SSF.is_date(cell.z)) {
        const d = XLSX.SSF.parse_date_code(Number(cell.v));
        if (d) return iso(d.y, d.m, d.d);
      }
      return cell.w ?? String(cell.v);
    }
    case 'd':
      return cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : String(cell.v ?? '');
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    default:
      return '';
  }
}

/** Rows of the first sheet of an .xls workbook or an HTML table, with their 1-based row numbers. */
export async function* readLegacy(path: string): AsyncGenerator<TableRow> {
  const { size } = await fs.promises.stat(path);
  if (size > LEGACY_MAX_BYTES)
    throw new UnreadableFile('file_too_large', `.xls 文件超过 ${LEGACY_MAX_BYTES / 2 ** 20} MB：请在 Excel 或 WPS 中另存为 .xlsx 后再导入`);
  let sheet: XLSX.WorkSheet | undefined;
  try {
    const book = XLSX.read(await fs.promises.readFile(path), {
      type: 'buffer',
      dense: true,
      sheets: 0,
      cellDates: false,
      cellHTML: false,
      cellFormula: false,
    });
    sheet = book.Sheets[book.SheetNames[0]!];
  } catch {
    throw new UnreadableFile('file_unreadable', '文件已损坏或不是有效的 Excel 97–2003（.xls）文件');
  }
  if (!sheet?.['!ref']) return;
  const range = XLSX.utils.decode_range(sheet['!ref']);
  const data = (sheet['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
  for (let r = range.s.r; r <= range.e.r; r++) {
    const row = data[r] ?? [];
    const cells: string[] = [];
    for (let c = 0; c <= range.e.c; c++) cells.push(cellText(row[c]));
    yield { line: r + 1, cells };
  }
}
