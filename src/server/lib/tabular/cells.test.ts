import { describe, expect, it } from 'vitest';
import { parseBool, parseChoice, parseDate, parseInteger, parseText, parseYuan } from './cells';

describe('cell parsers', () => {
  it.each([
    ['2024-03-05', '2024-03-05'],
    ['2024/3/5', '2024-03-05'],
    ['2024.3.5', '2024-03-05'],
    ['2024年3月5日', '2024-03-05'],
    ['20240305', '2024-03-05'],
    // Excel serial: 45356 days after 1899-12-30 is 2024-03-05 (45292 = 2024-01-01, + 31 + 29 + 4).
    ['45356', '2024-03-05'],
    ['36526', '2000-01-01'], // Excel's serial for 2000-01-01
    ['', null],
  ])('date %s → %s', (raw, value) => {
    expect(parseDate(raw)).toEqual({ ok: true, value });
  });

  it.each(['2024-02-30', '2023/2/29', '2024年13月1日', '5 March 2024', '2024-3', 'abc'])('date %s is refused', (raw) => {
    expect(parseDate(raw).ok).toBe(false);
  });

  it.each([
    ['1,234,567', 1_234_567],
    ['1234567元', 1_234_567],
    ['123.45万元', 1_234_500],
    ['123.45万', 1_234_500],
    ['0.5亿元', 50_000_000],
    ['１２，３４５', 12_345],
    ['  88  ', 88],
    ['', null],
  ])('yuan %s → %s', (raw, value) => {
    expect(parseYuan(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['12.5', '金额须为整数元'],
    ['1.23456万', '金额须为整数元'],
    ['-5', '不能为负数'],
    ['十万', '不是有效的金额'],
    ['1e6', '不是有效的金额'],
  ])('yuan %s is refused: %s', (raw, message) => {
    expect(parseYuan(raw)).toEqual({ ok: false, message });
  });

  it('negative yuan only where allowed (profit and tax may be a loss)', () => {
    expect(parseYuan('-5万', { allowNegative: true })).toEqual({ ok: true, value: -50_000 });
  });

  it('integers, booleans, choices and text', () => {
    expect(parseInteger('1,200', 0, 10_000)).toEqual({ ok: true, value: 1200 });
    expect(parseInteger('12.5', 0, 100).ok).toBe(false);
    expect(parseInteger('101', 0, 100)).toEqual({ ok: false, message: '应在 0 到 100 之间' });
    expect(parseBool('是')).toEqual({ ok: true, value: true });
    expect(parseBool('否')).toEqual({ ok: true, value: false });
    expect(parseBool('Y')).toEqual({ ok: true, value: true });
    expect(parseBool('也许').ok).toBe(false);
    const status = { operating: '在营', suspended: '停产', deregistered: '注销' };
    expect(parseChoice('停产', status)).toEqual({ ok: true, value: 'suspended' });
    expect(parseChoice('Operating', status)).toEqual({ ok: true, value: 'operating' });
    expect(parseChoice('倒闭', status)).toEqual({ ok: false, message: '应为以下之一：在营、停产、注销' });
    expect(parseText('  郴州  ', 10)).toEqual({ ok: true, value: '郴州' });
    expect(parseText('郴'.repeat(11), 10).ok).toBe(false);
  });

  it('text cells follow the API text rule: refused characters, NFC, trimmed before the length check', () => {
    expect(parseText('郴州\u0000公司', 100)).toEqual({ ok: false, message: '含有控制字符 U+0000' });
    expect(parseText('郴州\u202e司公', 100)).toEqual({ ok: false, message: '含有双向文字控制符 U+202E，会使文字显示顺序与实际不同' });
    expect(parseText('郴州\ud800', 100)).toEqual({ ok: false, message: '含有无效的 Unicode 字符（孤立的代理项 U+D800）' });
    expect(parseText('郴州\n公司', 100)).toEqual({ ok: false, message: '单行文本不能包含换行或制表符（U+000A）' });
    expect(parseText('第一行\r\n第二行', 500)).toEqual({ ok: true, value: '第一行\n第二行' }); // a 500-character column is free text
    expect(parseText('Cafe\u0301', 10)).toEqual({ ok: true, value: 'Caf\u00e9' });
    expect(parseText('\u3000\u3000 ', 10)).toEqual({ ok: true, value: null }); // ideographic spaces: an empty cell
    expect(parseText(` ${'郴'.repeat(10)}\u3000`, 10)).toEqual({ ok: true, value: '郴'.repeat(10) });
  });
});
