import { isMessageKey } from '../../i18n';
import type { MessageKey } from '../../i18n/zh-CN';

/** The i18n key of an enum value's label: `enum.<name>.<value>`. */
export const enumKey = (name: string, value: string) => `enum.${name}.${value}`;

/** An audit action's label, or its code when the console has no words for it yet. */
export function actionLabel(action: string, t: (key: MessageKey) => string): string {
  const key = `action.${action}`;
  return isMessageKey(key) ? t(key) : action;
}

/** Dates the Chinese way (2024年3月5日) in zh-CN, ISO in English. */
export function formatDate(value: string | null | undefined, lang: string): string {
  if (!value) return '';
  const [y, m, d] = value.slice(0, 10).split('-');
  return lang === 'zh-CN' ? `${y}年${Number(m)}月${Number(d)}日` : value.slice(0, 10);
}

/** A moment in the viewer's time zone: 2026年11月25日 20:03 in zh-CN, 2026-11-25 20:03 in English. */
export function formatInstant(value: string | null | undefined, lang: string): string {
  if (!value) return '';
  const d = new Date(value);
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${formatDate(day, lang)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Whole yuan as 万元 with two decimals in Chinese, yuan with separators in English. */
export function formatYuan(value: number | null | undefined, lang: string): string {
  if (value === null || value === undefined) return '';
  return lang === 'zh-CN'
    ? `${(value / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`
    : `¥${value.toLocaleString('en-US')}`;
}
