import { describe, expect, it } from 'vitest';
import { cleanText, describeTextProblem, isFreeText } from './text';

describe('the text rule', () => {
  it.each([
    ['plain', '郴州市安盾消防器材有限公司', {}, '郴州市安盾消防器材有限公司'],
    ['trimmed, ideographic spaces too', '\u3000 郴州 \t', {}, null], // a tab in one-line text is refused
    ['trimmed', '\u3000 郴州 \u00a0', {}, '郴州'],
    ['NFC: e + combining acute → é', 'Cafe\u0301', {}, 'Caf\u00e9'],
    ['NFC: Å as ANGSTROM SIGN → U+00C5', '\u212b', {}, '\u00c5'],
    ['blanks only → empty', ' \u3000 ', {}, ''],
    ['a pair of surrogates is one character, kept', '𠀋郴', {}, '𠀋郴'],
    ['free text keeps line breaks and tabs, as \\n', ' 第一行\r\n\t第二行\r', { multiline: true }, '第一行\n\t第二行'],
    ['a password is kept as typed', '  Pa\u0301ss  ', { verbatim: true }, '  Pa\u0301ss  '],
  ])('%s', (_name, raw, options, expected) => {
    const result = cleanText(raw, options);
    expect(result.ok ? result.value : null).toBe(expected);
  });

  it.each([
    ['NUL', 'a\u0000b', {}, 'control', 0x0],
    ['ESC', 'a\u001bb', { multiline: true }, 'control', 0x1b],
    ['DEL', 'a\u007f', {}, 'control', 0x7f],
    ['C1', 'a\u0085', { multiline: true }, 'control', 0x85],
    ['RIGHT-TO-LEFT OVERRIDE', '郴州\u202e司公限有', {}, 'bidi', 0x202e],
    ['LEFT-TO-RIGHT EMBEDDING', '\u202a', {}, 'bidi', 0x202a],
    ['FIRST STRONG ISOLATE', 'x\u2068y', { multiline: true }, 'bidi', 0x2068],
    ['POP DIRECTIONAL ISOLATE', 'x\u2069', {}, 'bidi', 0x2069],
    ['a lone high surrogate', 'a\ud800b', {}, 'surrogate', 0xd800],
    ['a lone low surrogate', '\udc00', {}, 'surrogate', 0xdc00],
    ['a line break in one-line text', '郴州\n公司', {}, 'line_break', 0x0a],
    ['a tab in one-line text', '郴州\t公司', {}, 'line_break', 0x09],
    ['NUL in a password', 'pass\u0000word', { verbatim: true }, 'control', 0x0],
  ])('refuses %s', (_name, raw, options, kind, codePoint) => {
    expect(cleanText(raw, options)).toEqual({ ok: false, problem: { kind, codePoint } });
  });

  it('free text is what may be longer than a short text (200)', () => {
    expect([isFreeText(undefined), isFreeText(100), isFreeText(200), isFreeText(201), isFreeText(500)]).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
  });

  it('says what is wrong in Chinese or English, naming the character', () => {
    expect(describeTextProblem({ kind: 'bidi', codePoint: 0x202e })).toBe('含有双向文字控制符 U+202E，会使文字显示顺序与实际不同');
    expect(describeTextProblem({ kind: 'control', codePoint: 0 }, 'en')).toBe('Contains a control character (U+0000)');
  });
});
