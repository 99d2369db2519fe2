import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from './exceljs';
import { BadZipEntry, openZipEntry, readZipDirectory } from './zip';

async function workbookFile(): Promise<string> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('企业').addRow(['统一社会信用代码', '企业名称']);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qc-zip-')), 'book.xlsx');
  await book.xlsx.writeFile(file);
  return file;
}

const text = async (stream: NodeJS.ReadableStream) => {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString('utf8');
};

describe('zip members read through the central directory', () => {
  it('lists the members of an XLSX and inflates one', async () => {
    const file = await workbookFile();
    const zip = await readZipDirectory(file);
    if (!zip.ok) throw new Error('not read');
    expect(zip.entries.map((e) => e.name)).toEqual(
      expect.arrayContaining(['xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/_rels/workbook.xml.rels']),
    );
    const sheet = zip.entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    expect(await text(await openZipEntry(file, sheet))).toContain('<sheetData>');
  });

  it('stops inflating a member that grows past the size its directory declares', async () => {
    const file = await workbookFile();
    const zip = await readZipDirectory(file);
    if (!zip.ok) throw new Error('not read');
    const sheet = zip.entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    await expect(text(await openZipEntry(file, { ...sheet, uncompressedSize: 10 }))).rejects.toBeInstanceOf(BadZipEntry);
  });

  it('finds no directory in a file that is not a ZIP', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qc-zip-')), 'not.xlsx');
    fs.writeFileSync(file, 'PK\u0003\u0004 and then nothing');
    expect(await readZipDirectory(file)).toEqual({ ok: false });
  });
});
