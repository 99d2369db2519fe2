import type { Lang } from '../../contract/errors';
import { LIMITS } from '../../contract/limits';

/**
 * The platform's one rule for text that people type or import, applied to every string of every
 * request body (plugins/validation.ts) and to every text cell of an import (tabular/cells.ts):
 *
 * - refused: lone UTF-16 surrogates, bidirectional embedding, override and isolate controls
 *   (U+202A–U+202E, U+2066–U+2069: they make a name display as something else), and control
 *   characters (C0, DEL, C1) — except tab and line breaks in multi-line text;
 * - then normalised to NFC (one encoding per character, so equal names compare equal) and trimmed
 *   (Unicode white space, the ideographic space too), before any length is checked: a name of
 *   blanks is an empty name. Line breaks become \n.
 *
 * Passwords are checked but kept verbatim: changing them would change what was chosen.
 */
export interface TextProblem {
  kind: 'surrogate' | 'bidi' | 'control' | 'line_break';
  /** The first offending code unit, e.g. 0x202e. */
  codePoint: number;
}

/** Text allowed to be longer than a short text (LIMITS.shortText.max) is free text — notes, reasons — and may span lines. */
export const isFreeText = (maxLength: number | undefined) => (maxLength ?? 0) > LIMITS.shortText.max;

export type TextResult = { ok: true; value: string } | { ok: false; problem: TextProblem };

export interface TextOptions {
  /** Tabs and line breaks allowed (notes, reasons, comments). */
  multiline?: boolean;
  /** Checked only, neither normalised nor trimmed (passwords). */
  verbatim?: boolean;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;
const LAYOUT = /[\t\n\r]/;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

function find(raw: string, pattern: RegExp, kind: TextProblem['kind']): TextResult | null {
  const match = pattern.exec(raw);
  return match ? { ok: false, problem: { kind, codePoint: match[0].charCodeAt(0) } } : null;
}

// Any character one of the checks below might refuse: most text has none, and skips them (imports call this per cell).
const SUSPECT = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;

export function cleanText(raw: string, options: TextOptions = {}): TextResult {
  const refused =
    SUSPECT.test(raw) &&
    (find(raw, LONE_SURROGATE, 'surrogate') ??
      find(raw, BIDI, 'bidi') ??
      find(raw, CONTROL, 'control') ??
      (options.multiline ? null : find(raw, LAYOUT, 'line_break')));
  if (refused) return refused;
  if (options.verbatim) return { ok: true, value: raw };
  const value = raw.normalize('NFC').trim();
  return { ok: true, value: options.multiline ? value.replace(/\r\n?/g, '\n') : value };
}

const hex = (n: number) => `U+${n.toString(16).toUpperCase().padStart(4, '0')}`;

/** What is wrong with a text, for a person: Chinese, or English. */
export function describeTextProblem(problem: TextProblem, lang: Lang = 'zh'): string {
  const at = hex(problem.codePoint);
  const zh = lang === 'zh';
  switch (problem.kind) {
    case 'surrogate':
      return zh ? `含有无效的 Unicode 字符（孤立的代理项 ${at}）` : `Contains invalid Unicode (a lone surrogate, ${at})`;
    case 'bidi':
      return zh
        ? `含有双向文字控制符 ${at}，会使文字显示顺序与实际不同`
        : `Contains a bidirectional control character (${at}) that changes how the text displays`;
    case 'line_break':
      return zh ? `单行文本不能包含换行或制表符（${at}）` : `Single-line text may not contain a line break or tab (${at})`;
    default:
      return zh ? `含有控制字符 ${at}` : `Contains a control character (${at})`;
  }
}
