import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from './exceljs';
import { neutralise, unneutralise, writeTable } from './write';

describe('formula neutralisation', () => {
  it('prefixes a quote to text starting with = + - @ tab or CR, and to nothing else', () => {
    for (const s of ['=HYPERLINK("x")', '-2+3', '@SUM(A1)', '+86 0735', '\t=1', '\r=1', '-', '=']) expect(neutralise(s)).toBe(`'${s}`);
    for (const s of ['郴州市甲有限公司', '', "'=already", ' =1', 'a=1', '０７３５']) expect(neutralise(s)).toBe(s);
  });

  it('leaves plain numbers alone: Excel reads them as the number and nothing else', () => {
    for (const s of ['-5', '-5000', '+3', '-1,234,567', '-0.25']) expect(neutralise(s)).toBe(s);
    for (const s of ['-1,23', '-5e3', '-1.2.3', '-5 ']) expect(neutralise(s)).toBe(`'${s}`);
  });

  it('reads back what it wrote', () => {
    for (const s of ['=HYPERLINK("x")', '-2+3', '@SUM(A1)', '-5', "'plain", "'", '甲']) expect(unneutralise(neutralise(s))).toBe(s);
  });

  it('writes CSV and XLSX cells neutralised, numbers as numbers', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qc-write-'));
    try {
      await writeTable(
        path.join(dir, 'a.csv'),
        'csv',
        ['=名称', '金额'],
        [
          ['@x', -5],
          ['甲', '-5'],
        ],
      );
      expect(fs.readFileSync(path.join(dir, 'a.csv'), 'utf8')).toBe("\ufeff'=名称,金额\n'@x,-5\n甲,-5\n");
      await writeTable(path.join(dir, 'a.xlsx'), 'xlsx', ['名称', '金额'], [['=1+1', -5]]);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(path.join(dir, 'a.xlsx'));
      expect((book.worksheets[0]!.getRow(2).values as unknown[]).slice(1)).toEqual(["'=1+1", -5]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
