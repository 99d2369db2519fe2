import { cleanText, describeTextProblem, isFreeText } from '../text';

/**
 * Cell values as officers type them in Excel, to typed values. Each parser returns the value
 * or an error message in Chinese; an empty cell is `null` (the column decides if that is allowed).
 */
export type Parsed<T> = { ok: true; value: T | null } | { ok: false; message: string };

const ok = <T>(value: T | null): Parsed<T> => ({ ok: true, value });
const bad = (message: string): Parsed<never> => ({ ok: false, message });

/** Text under the API's rule (lib/text.ts): refused characters, NFC, trimmed; a column longer than a short text may span lines. */
export function parseText(raw: string, max: number): Parsed<string> {
  const cleaned = cleanText(raw, { multiline: isFreeText(max) });
  if (!cleaned.ok) return bad(describeTextProblem(cleaned.problem));
  const v = cleaned.value;
  if (v === '') return ok(null);
  return [...v].length > max ? bad(`长度不能超过 ${max} 个字符`) : ok(v);
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30); // Excel's day 0, counting the 1900 leap-year bug in

/** 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305, or an Excel serial date (45356). */
export function parseDate(raw: string): Parsed<string> {
  const v = raw.trim();
  if (v === '') return ok(null);
  let y: number, m: number, d: number;
  let match: RegExpMatchArray | null;
  if ((match = v.match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/)) || (match = v.match(/^(\d{4})(\d{2})(\d{2})$/))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if (/^\d{1,5}(\.0+)?$/.test(v) && Number(v) > 0 && Number(v) < 2958466) {
    const date = new Date(EXCEL_EPOCH + Math.floor(Number(v)) * 86_400_000);
    [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  } else {
    return bad('日期格式不正确，应为 2024-03-05、2024/3/5 或 2024年3月5日');
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1900 || y > 2100) {
    return bad('日期不存在');
  }
  return ok(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
}

/**
 * Whole yuan: "1,234,567", "1234567元", "１２３", "123.45万元" (→ 1,234,500), "-5" where allowed.
 * Fractions of a yuan are refused rather than rounded silently.
 */
export function parseYuan(raw: string, options: { allowNegative?: boolean } = {}): Parsed<number> {
  let v = raw.trim().replace(/[０-９．，－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (v === '') return ok(null);
  let factor = 1;
  if (/万元$|万$/.test(v)) {
    factor = 10_000;
    v = v.replace(/万元$|万$/, '');
  } else if (/亿元$|亿$/.test(v)) {
    factor = 100_000_000;
    v = v.replace(/亿元$|亿$/, '');
  } else {
    v = v.replace(/元$/, '');
  }
  v = v.replace(/[,，\s]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(v)) return bad('不是有效的金额');
  const [whole, frac = ''] = v.replace('-', '').split('.');
  // Exact decimal arithmetic: 123.45万 must be 1234500, not 1234499.9999.
  const digits = BigInt(whole! + frac) * BigInt(factor);
  const scale = 10n ** BigInt(frac.length);
  if (digits % scale !== 0n) return bad('金额须为整数元');
  const value = Number(digits / scale) * (v.startsWith('-') ? -1 : 1);
  if (!Number.isSafeInteger(value)) return bad('金额过大');
  if (value < 0 && !options.allowNegative) return bad('不能为负数');
  return ok(value);
}

export function parseInteger(raw: string, min: number, max: number): Parsed<number> {
  const v = raw.trim().replace(/[,，\s]/g, '');
  if (v === '') return ok(null);
  if (!/^-?\d+(\.0+)?$/.test(v)) return bad('应为整数');
  const n = Number.parseInt(v, 10);
  return n < min || n > max ? bad(`应在 ${min} 到 ${max} 之间`) : ok(n);
}

const TRUE = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓']);
const FALSE = new Set(['否', 'n', 'no', 'false', '0', '×', '']);

export function parseBool(raw: string): Parsed<boolean> {
  const v = raw.trim().toLowerCase();
  if (TRUE.has(v)) return ok(true);
  if (FALSE.has(v)) return ok(v === '' ? null : false);
  return bad('应填“是”或“否”');
}

/** A value from a list, by its Chinese label or its code. */
export function parseChoice<T extends string>(raw: string, labels: Record<T, string>): Parsed<T> {
  const v = raw.trim();
  if (v === '') return ok(null);
  for (const [code, label] of Object.entries(labels) as [T, string][]) {
    if (v === label || v.toLowerCase() === code.toLowerCase()) return ok(code);
  }
  return bad(`应为以下之一：${Object.values(labels).join('、')}`);
}
