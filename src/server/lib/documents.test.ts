import { describe, expect, it } from 'vitest';
import { documentType } from './documents';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('which uploads count as documents', () => {
  it('takes a file whose extension agrees with its first bytes', () => {
    expect(documentType('申报书.pdf', new TextEncoder().encode('%PDF-1.7'))).toBe('application/pdf');
    expect(documentType('推荐函.DOCX', bytes(0x50, 0x4b, 0x03, 0x04, 0x14))).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(documentType('证书.ofd', bytes(0x50, 0x4b, 0x03, 0x04))).toBe('application/ofd');
    expect(documentType('现场.jpeg', bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(documentType('旧表.xls', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1))).toBe('application/vnd.ms-excel');
  });

  it('refuses other kinds, a mismatch, an empty or a nameless file', () => {
    expect(documentType('setup.exe', bytes(0x4d, 0x5a))).toBeNull();
    expect(documentType('申报书.pdf', bytes(0x4d, 0x5a, 0x90, 0x00))).toBeNull();
    expect(documentType('照片.png', bytes(0xff, 0xd8, 0xff))).toBeNull();
    expect(documentType('空.pdf', bytes())).toBeNull();
    expect(documentType('pdf', new TextEncoder().encode('%PDF'))).toBeNull();
    expect(documentType('', new TextEncoder().encode('%PDF'))).toBeNull();
  });
});
