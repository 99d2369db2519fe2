import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { oleFile, storedZip } from '../../../test/helpers/zip';
import { documentType } from './documents';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qc-doc-'));
let n = 0;
/** The type of these bytes stored and uploaded as `name`. */
const typeOf = (name: string, content: Buffer | string) => {
  const file = path.join(dir, String(++n));
  fs.writeFileSync(file, content);
  return documentType(name, file);
};
const bytes = (...b: number[]) => Buffer.from(b);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d);
const DOCX = storedZip({ '[Content_Types].xml': '<Types/>', '_rels/.rels': '<Relationships/>', 'word/document.xml': '<w:document/>' });
const XLSX = storedZip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>', 'xl/worksheets/sheet1.xml': '<worksheet/>' });
const WORD = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('which uploads count as documents', () => {
  it('takes a file whose extension agrees with its content', async () => {
    expect(await typeOf('申报书.pdf', '%PDF-1.7\n%%EOF\n')).toBe('application/pdf');
    expect(await typeOf('推荐函.DOCX', DOCX)).toBe(WORD);
    expect(await typeOf('汇总.xlsx', XLSX)).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(await typeOf('证书.ofd', storedZip({ 'OFD.xml': '<ofd:OFD/>', 'Doc_0/Document.xml': '<ofd:Document/>' }))).toBe(
      'application/ofd',
    );
    expect(await typeOf('现场.jpeg', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe('image/jpeg');
    expect(await typeOf('照片.png', PNG)).toBe('image/png');
    expect(await typeOf('旧稿.doc', oleFile('1Table', 'WordDocument', '\u0005SummaryInformation'))).toBe('application/msword');
    expect(await typeOf('旧表.xls', oleFile('Workbook'))).toBe('application/vnd.ms-excel');
  });

  it('refuses a ZIP that is not the format its extension names', async () => {
    expect(await typeOf('推荐函.docx', storedZip({ 'payload.exe': 'MZ' }))).toBeNull();
    expect(await typeOf('推荐函.docx', storedZip({ 'word/document.xml': '<w:document/>' }))).toBeNull(); // no [Content_Types].xml
    expect(await typeOf('推荐函.docx', XLSX)).toBeNull();
    expect(await typeOf('汇总.xlsx', DOCX)).toBeNull();
    expect(await typeOf('证书.ofd', DOCX)).toBeNull();
    expect(await typeOf('推荐函.docx', Buffer.concat([bytes(0x50, 0x4b, 0x03, 0x04), Buffer.alloc(100)]))).toBeNull(); // no directory
  });

  it('refuses an OLE file without the stream of its format (an installer, a workbook called .doc)', async () => {
    expect(await typeOf('旧稿.doc', oleFile('Workbook'))).toBeNull();
    expect(await typeOf('旧表.xls', oleFile('WordDocument'))).toBeNull();
    expect(await typeOf('setup.doc', oleFile('\u0005SummaryInformation', 'Binary'))).toBeNull();
    // The name must begin a directory entry, not sit anywhere in the file.
    const shifted = oleFile('X');
    shifted.write('WordDocument\0', 512 + 128 + 2, 'utf16le');
    expect(await typeOf('旧稿.doc', shifted)).toBeNull();
  });

  it('refuses other kinds, a mismatch, an empty or a nameless file', async () => {
    expect(await typeOf('setup.exe', bytes(0x4d, 0x5a))).toBeNull();
    expect(await typeOf('申报书.pdf', bytes(0x4d, 0x5a, 0x90, 0x00))).toBeNull();
    expect(await typeOf('申报书.pdf', '%PDF')).toBeNull(); // no dash: not a PDF header
    expect(await typeOf('照片.png', bytes(0xff, 0xd8, 0xff))).toBeNull();
    expect(await typeOf('照片.png', bytes(0x89, 0x50, 0x4e, 0x47))).toBeNull(); // the signature cut short
    expect(await typeOf('空.pdf', '')).toBeNull();
    expect(await typeOf('pdf', '%PDF-1.7')).toBeNull();
    expect(await typeOf('', '%PDF-1.7')).toBeNull();
  });
});
